// The world's numbering plan as far as a campaign needs it: which country calling codes exist
// and how many digits their national numbers have. The table is generated at build time from
// Debian's python3-phonenumbers (libphonenumber's metadata; scripts/gen_phone_plan.py), so it is
// as current as the distribution.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace waconsole {

struct CallingCode {
    int code = 0;
    std::string_view region;   // ISO 3166 code of its main region ("001": not geographic)
    std::string_view national; // the digits after the calling code
};

// The calling code `digits` (an E.164 number without "+") starts with. Codes are prefix-free,
// so at most one matches.
std::optional<CallingCode> calling_code_of(std::string_view digits);

// Whether national numbers of `code` may have `length` digits.
bool national_length_possible(int code, std::size_t length);

// The possible national lengths of `code` for a message, e.g. "9" or "10 or 11" or "5 to 15".
std::string national_lengths_text(int code);

// +1 numbers whose area code belongs to the United States (its territories included): Meta does
// not deliver marketing templates to them.
bool is_united_states_number(std::string_view digits);

} // namespace waconsole
