// Escaping runs of plain bytes in one append each: most cells are short ASCII text with nothing
// to escape, and this is the export's hottest loop after deflate.
#include "server/export/cell_text_xml.hpp"

#include <array>

namespace waconsole {
namespace {

constexpr char kReplacement[] = "\xEF\xBF\xBD"; // U+FFFD

// Bytes that cannot be copied as they are: XML's specials, control characters, '_' (which
// may start something that reads as an _xHHHH_ escape) and every non-ASCII byte.
constexpr std::array<bool, 256> special_bytes() {
    std::array<bool, 256> special{};
    for (int byte = 0; byte < 0x20; ++byte) {
        special[byte] = byte != '\t' && byte != '\n';
    }
    for (int byte = 0x80; byte < 0x100; ++byte) {
        special[byte] = true;
    }
    special['<'] = special['>'] = special['&'] = special['_'] = true;
    return special;
}
constexpr auto kSpecial = special_bytes();

bool is_hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// "_x0041_" at `at`: text Excel would read as an escape, so its '_' must be escaped itself.
bool looks_like_escape(std::string_view text, std::size_t at) {
    return at + 7 <= text.size() && text[at + 1] == 'x' && is_hex(text[at + 2]) &&
           is_hex(text[at + 3]) && is_hex(text[at + 4]) && is_hex(text[at + 5]) &&
           text[at + 6] == '_';
}

void append_excel_escape(std::string& out, unsigned code) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    out += "_x00";
    out.push_back(kHex[(code >> 4) & 0xF]);
    out.push_back(kHex[code & 0xF]);
    out.push_back('_');
}

// The length of the well-formed UTF-8 character at `at` that XML allows (not a surrogate, not
// U+FFFE or U+FFFF, at most U+10FFFF, shortest form), or 0.
std::size_t valid_character_length(std::string_view text, std::size_t at) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[at + i]); };
    const unsigned lead = byte(0);
    const std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0;
    if (length == 0 || lead > 0xF4 || at + length > text.size()) {
        return 0;
    }
    unsigned code = lead & (0x7F >> length);
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(i) & 0xC0) != 0x80) {
            return 0;
        }
        code = (code << 6) | (byte(i) & 0x3F);
    }
    const unsigned smallest[] = {0, 0, 0x80, 0x800, 0x10000};
    const bool allowed = code >= smallest[length] && code <= 0x10FFFF &&
                         !(code >= 0xD800 && code <= 0xDFFF) && code != 0xFFFE && code != 0xFFFF;
    return allowed ? length : 0;
}

// Where the text must be cut to hold at most Excel's number of UTF-16 code units. A character
// of four UTF-8 bytes is two code units; the others one per character.
std::size_t excel_cut(std::string_view text) {
    if (text.size() <= kXlsxMaxCellCharacters) {
        return text.size(); // never more code units than bytes
    }
    std::size_t units = 0;
    for (std::size_t at = 0; at < text.size(); ++at) {
        const auto byte = static_cast<unsigned char>(text[at]);
        if ((byte & 0xC0) == 0x80) {
            continue;
        }
        const std::size_t these = byte >= 0xF0 ? 2 : 1;
        if (units + these > kXlsxMaxCellCharacters) {
            return at;
        }
        units += these;
    }
    return text.size();
}

} // namespace

void append_cell_text_xml(std::string& out, std::string_view text) {
    text = text.substr(0, excel_cut(text));
    std::size_t plain_from = 0;
    std::size_t at = 0;
    while (at < text.size()) {
        const auto byte = static_cast<unsigned char>(text[at]);
        if (!kSpecial[byte]) {
            ++at;
            continue;
        }
        if (byte >= 0x80) {
            if (const std::size_t length = valid_character_length(text, at)) {
                at += length; // good UTF-8 stays in the run
                continue;
            }
        }
        out.append(text.data() + plain_from, at - plain_from);
        switch (byte) {
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '&':
            out += "&amp;";
            break;
        case '_':
            out += looks_like_escape(text, at) ? "_x005F_" : "_";
            break;
        case '\r':
            out += "&#13;"; // a literal CR would be read back as a line feed
            break;
        default:
            if (byte < 0x20) {
                append_excel_escape(out, byte);
            } else {
                out += kReplacement; // the bad byte alone: what follows may be good
            }
            break;
        }
        ++at;
        plain_from = at;
    }
    out.append(text.data() + plain_from, at - plain_from);
}

bool needs_space_preserved(std::string_view text) {
    const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    return !text.empty() && (is_space(text.front()) || is_space(text.back()));
}

} // namespace waconsole
