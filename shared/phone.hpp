// Phone numbers in E.164: "+" then 8 to 15 digits, the first not 0. Numbers from people and
// spreadsheets come with spaces, dashes, dots, brackets or a leading 00; they are accepted when
// what is left is a full international number. There is no default country: a number without
// its country code cannot be told apart from one with it, so it is refused.
#pragma once

#include <optional>
#include <string>

namespace waconsole {

struct PhoneResult {
    std::optional<std::string> e164;
    std::string error; // why the number was refused, when it was
};

PhoneResult normalise_phone(const std::string& input);

// The digits of an E.164 number without the "+", as Meta's wa_id and "to" carry them.
std::string phone_digits(const std::string& e164);

} // namespace waconsole
