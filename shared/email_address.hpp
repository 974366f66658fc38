// What "Send via e-mail" accepts, checked the same way by the UI and the server: one bare
// address (no display name, no second recipient, nothing that could end an e-mail header) and a
// body of bounded length. The server also builds every header itself; see server/mail/.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace waconsole {

constexpr std::size_t kMaxEmailAddressLength = 254; // RFC 5321's path limit less the brackets
constexpr std::size_t kMaxEmailLocalPartLength = 64;
constexpr std::size_t kMaxEmailBodyCharacters = 10000;

// nullopt when `address` is one plain ASCII address such as "ana.lopez+cc@mail.example.com";
// otherwise what is wrong with it, for the field's error message.
std::optional<std::string> email_address_problem(const std::string& address);

// nullopt when `body` (valid UTF-8) may head the e-mail: at most kMaxEmailBodyCharacters
// characters and no NUL; line breaks are fine.
std::optional<std::string> email_body_problem(const std::string& body);

} // namespace waconsole
