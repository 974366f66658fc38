// Recipient number checks against the numbering plan.
#include "shared/recipient_phone.hpp"

#include "shared/phone.hpp"
#include "shared/phone_plan.hpp"

namespace waconsole {
namespace {

bool mobile_subscriber_digit(char c) {
    return c >= '6' && c <= '9';
}

} // namespace

RecipientPhone check_recipient_phone(const std::string& input) {
    const auto phone = normalise_phone(input);
    if (!phone.e164) {
        return {std::nullopt, phone.error};
    }
    const auto digits = phone_digits(*phone.e164);
    const auto code = calling_code_of(digits);
    if (!code) {
        return {std::nullopt,
                "starts with +" + digits.substr(0, 3) + ", which is not a country code in use"};
    }
    if (!national_length_possible(code->code, code->national.size())) {
        return {std::nullopt, "has " + std::to_string(code->national.size()) + " digits after +" +
                                  std::to_string(code->code) + " (" + std::string(code->region) +
                                  "), where numbers have " + national_lengths_text(code->code)};
    }
    return {phone.e164, ""};
}

std::string same_person_key(const std::string& e164) {
    auto digits = phone_digits(e164);
    if (digits.size() == 13 && digits.compare(0, 3, "521") == 0) {
        return "52" + digits.substr(3);
    }
    // +55, a two-digit area code, then 9 and an eight-digit mobile number, or the older form
    // of the same mobile without the 9.
    if (digits.size() == 13 && digits.compare(0, 2, "55") == 0 && digits[4] == '9' &&
        mobile_subscriber_digit(digits[5])) {
        return digits.substr(0, 4) + digits.substr(5);
    }
    return digits;
}

} // namespace waconsole
