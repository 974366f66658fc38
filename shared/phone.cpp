// Phone normalisation shared by campaign validation, the webhook and the UI.
#include "shared/phone.hpp"

namespace waconsole {

PhoneResult normalise_phone(const std::string& input) {
    std::string digits;
    bool plus = false;
    bool seen_digit = false;
    for (std::size_t i = 0; i < input.size(); ++i) {
        const char c = input[i];
        if (c >= '0' && c <= '9') {
            digits.push_back(c);
            seen_digit = true;
        } else if (c == '+' && !seen_digit && !plus) {
            plus = true;
        } else if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '\t') {
            continue;
        } else {
            return {std::nullopt, "contains a character that is not part of a phone number"};
        }
    }
    if (!plus && digits.rfind("00", 0) == 0) {
        digits.erase(0, 2);
    }
    if (digits.empty()) {
        return {std::nullopt, "is empty"};
    }
    if (digits.front() == '0') {
        return {std::nullopt, "must start with the country code"};
    }
    if (digits.size() < 8) {
        return {std::nullopt, "is too short for an international number"};
    }
    if (digits.size() > 15) {
        return {std::nullopt, "is longer than 15 digits"};
    }
    return {"+" + digits, ""};
}

std::string phone_digits(const std::string& e164) {
    return !e164.empty() && e164.front() == '+' ? e164.substr(1) : e164;
}

} // namespace waconsole
