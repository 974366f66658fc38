// X-Hub-Signature-256 on Meta's webhook POSTs: "sha256=" + hex HMAC-SHA256 of the raw body
// keyed with the app secret. Checked before the body is parsed, in constant time.
#pragma once

#include <string>
#include <string_view>

namespace waconsole {

// The header value Meta would send for `body` (also what the simulator and tests sign with).
std::string webhook_signature(std::string_view app_secret, std::string_view body);

// False for a missing, malformed or wrong signature, and always when the secret is empty (an
// unconfigured server must not accept unsigned events).
bool verify_webhook_signature(std::string_view app_secret, std::string_view body,
                              std::string_view header);

} // namespace waconsole
