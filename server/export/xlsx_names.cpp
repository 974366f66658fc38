// Sheet names and column letters, as Excel spells them.
#include "server/export/xlsx_names.hpp"

namespace waconsole {

std::string safe_sheet_name(const std::string& name) {
    std::string out;
    for (const char c : name) {
        if (std::string("[]:*?/\\").find(c) == std::string::npos) {
            out.push_back(c);
        }
    }
    // 31 characters, not bytes: a multi-byte UTF-8 character is never cut in half.
    std::size_t characters = 0;
    for (std::size_t at = 0; at < out.size(); ++at) {
        const bool starts_character = (static_cast<unsigned char>(out[at]) & 0xC0) != 0x80;
        if (starts_character && ++characters > 31) {
            out.resize(at);
            break;
        }
    }
    return out.empty() ? "Sheet1" : out;
}

std::string column_letters(int column) {
    std::string letters;
    for (int left = column + 1; left > 0; left = (left - 1) / 26) {
        letters.insert(letters.begin(), static_cast<char>('A' + (left - 1) % 26));
    }
    return letters;
}

} // namespace waconsole
