// Escaping for LIKE ... ESCAPE '\'.
#include "server/store/like_pattern.hpp"

namespace waconsole {

std::string like_contains(const std::string& text) {
    std::string pattern = "%";
    for (const char c : text) {
        if (c == '%' || c == '_' || c == '\\') {
            pattern.push_back('\\');
        }
        pattern.push_back(c);
    }
    pattern.push_back('%');
    return pattern;
}

} // namespace waconsole
