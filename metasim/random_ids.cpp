// Thread-local random generators and Meta-looking ids.
#include "metasim/random_ids.hpp"

#include <atomic>
#include <openssl/evp.h>
#include <random>
#include <vector>

namespace waconsole::metasim {
namespace {

std::mt19937_64& generator() {
    thread_local std::mt19937_64 engine{std::random_device{}()};
    return engine;
}

std::string base64(const std::string& bytes) {
    std::vector<unsigned char> out(4 * ((bytes.size() + 2) / 3) + 1);
    const int written =
        EVP_EncodeBlock(out.data(), reinterpret_cast<const unsigned char*>(bytes.data()),
                        static_cast<int>(bytes.size()));
    return std::string(reinterpret_cast<const char*>(out.data()),
                       static_cast<std::size_t>(written));
}

std::string random_from(const char* alphabet, std::size_t alphabet_size, int length) {
    std::uniform_int_distribution<std::size_t> pick(0, alphabet_size - 1);
    std::string text;
    for (int i = 0; i < length; ++i) {
        text.push_back(alphabet[pick(generator())]);
    }
    return text;
}

} // namespace

std::string make_wamid() {
    static const std::string run_prefix = random_hex(12);
    static std::atomic<std::uint64_t> counter{0};
    const std::uint64_t number = ++counter;
    return "wamid.HBgL" + base64(run_prefix + ":" + std::to_string(number));
}

std::string make_fbtrace_id() {
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    return random_from(alphabet, sizeof(alphabet) - 1, 11);
}

std::string make_numeric_id(int length) {
    return random_from("123456789", 9, 1) + random_from("0123456789", 10, length - 1);
}

std::string random_hex(int length) {
    return random_from("0123456789abcdef", 16, length);
}

bool roll_percent(int percent) {
    if (percent <= 0) {
        return false;
    }
    return percent >= 100 || random_between(1, 100) <= percent;
}

std::int64_t random_between(std::int64_t low, std::int64_t high) {
    return std::uniform_int_distribution<std::int64_t>(low, high)(generator());
}

} // namespace waconsole::metasim
