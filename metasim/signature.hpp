// Meta's webhook signature: X-Hub-Signature-256 = "sha256=" + lowercase hex HMAC-SHA256 of the
// exact raw body, keyed with the app secret.
#pragma once

#include <string>

namespace waconsole::metasim {

std::string hmac_sha256_hex(const std::string& key, const std::string& message);
// The full header value, "sha256=<hex>".
std::string webhook_signature(const std::string& app_secret, const std::string& raw_body);

} // namespace waconsole::metasim
