// Mexico's 521 prefix and Brazil's ninth digit, the two wa_id rewrites Meta documents.
#include "metasim/wa_id.hpp"

namespace waconsole::metasim {

std::string digits_only(const std::string& text) {
    std::string digits;
    digits.reserve(text.size());
    for (const char c : text) {
        if (c >= '0' && c <= '9') {
            digits.push_back(c);
        }
    }
    return digits;
}

std::string canonical_wa_id(const std::string& digits) {
    if (digits.size() == 12 && digits.compare(0, 2, "52") == 0) {
        return "521" + digits.substr(2);
    }
    if (digits.size() == 13 && digits.compare(0, 2, "55") == 0 && digits[4] == '9') {
        return digits.substr(0, 4) + digits.substr(5);
    }
    return digits;
}

} // namespace waconsole::metasim
