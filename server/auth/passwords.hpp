// Password hashing with libsodium's Argon2id (salted, deliberately slow). Only hashes are stored.
#pragma once

#include <string>

namespace waconsole {

// Throws std::runtime_error if libsodium cannot be initialised or runs out of memory.
std::string hash_password(const std::string& password);
bool verify_password(const std::string& password, const std::string& stored_hash);

// A random password for a person to type once: 20 letters and digits without look-alikes
// (about 116 bits).
std::string random_password();
// A random token of 32 bytes, hex encoded (64 characters), for sessions.
std::string random_token();
// SHA-256 (hex) of a token: the database keeps only this, so a leaked database holds no session.
std::string token_digest(const std::string& token);
// Compares two strings in time that depends only on their lengths.
bool constant_time_equal(const std::string& a, const std::string& b);

} // namespace waconsole
