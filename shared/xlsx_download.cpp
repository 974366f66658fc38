// Counts for people.
#include "shared/xlsx_download.hpp"

namespace waconsole {

std::string group_thousands(long long number) {
    const bool negative = number < 0;
    // Through unsigned so the most negative number has a magnitude too.
    const unsigned long long magnitude = negative ? 0ULL - static_cast<unsigned long long>(number)
                                                  : static_cast<unsigned long long>(number);
    std::string digits = std::to_string(magnitude);
    for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3) {
        digits.insert(static_cast<std::size_t>(at), ",");
    }
    return negative ? "-" + digits : digits;
}

} // namespace waconsole
