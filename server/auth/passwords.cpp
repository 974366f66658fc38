// libsodium-backed hashing and tokens.
#include "server/auth/passwords.hpp"

#include <sodium.h>
#include <stdexcept>

namespace waconsole {
namespace {

void ensure_sodium() {
    if (sodium_init() < 0) {
        throw std::runtime_error("libsodium could not be initialised");
    }
}

std::string to_hex(const unsigned char* bytes, std::size_t size) {
    std::string hex(size * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), bytes, size);
    hex.pop_back();
    return hex;
}

} // namespace

std::string hash_password(const std::string& password) {
    ensure_sodium();
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, password.data(), password.size(),
                          crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        throw std::runtime_error("password hashing ran out of memory");
    }
    return hash;
}

bool verify_password(const std::string& password, const std::string& stored_hash) {
    ensure_sodium();
    return crypto_pwhash_str_verify(stored_hash.c_str(), password.data(), password.size()) == 0;
}

std::string random_password() {
    ensure_sodium();
    static constexpr char kAlphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    std::string password;
    for (int i = 0; i < 20; ++i) {
        password.push_back(kAlphabet[randombytes_uniform(sizeof kAlphabet - 1)]);
    }
    return password;
}

std::string random_token() {
    ensure_sodium();
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    return to_hex(bytes, sizeof bytes);
}

std::string token_digest(const std::string& token) {
    ensure_sodium();
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(token.data()), token.size());
    return to_hex(digest, sizeof digest);
}

bool constant_time_equal(const std::string& a, const std::string& b) {
    if (a.size() != b.size()) {
        return false;
    }
    ensure_sodium();
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

} // namespace waconsole
