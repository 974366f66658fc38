// HMAC-SHA256 through OpenSSL's one-shot HMAC(), which is not deprecated in OpenSSL 3.
#include "metasim/signature.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdexcept>

namespace waconsole::metasim {

std::string hmac_sha256_hex(const std::string& key, const std::string& message) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digest_length = 0;
    if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
             reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest,
             &digest_length) == nullptr) {
        throw std::runtime_error("HMAC-SHA256 failed");
    }
    static const char hex[] = "0123456789abcdef";
    std::string text;
    text.reserve(digest_length * 2);
    for (unsigned int i = 0; i < digest_length; ++i) {
        text.push_back(hex[digest[i] >> 4]);
        text.push_back(hex[digest[i] & 0x0f]);
    }
    return text;
}

std::string webhook_signature(const std::string& app_secret, const std::string& raw_body) {
    return "sha256=" + hmac_sha256_hex(app_secret, raw_body);
}

} // namespace waconsole::metasim
