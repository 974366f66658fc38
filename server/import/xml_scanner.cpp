// XmlScanner: one pass over a buffer of whole tokens; a token cut by the end of the bytes fed so
// far waits for the next feed. [SECTION] index: characters and names; feeding; the declaration;
// markup; text and references; the encoding of a part.
#include "server/import/xml_scanner.hpp"

#include "server/import/utf8_encode.hpp"

#include <algorithm>
#include <cstring>
#include <expat.h>

namespace waconsole {
namespace {

// [SECTION] characters and names

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

constexpr bool is_ascii_name_start(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
}

constexpr bool is_ascii_name_char(unsigned char c) {
    return is_ascii_name_start(c) || (c >= '0' && c <= '9') || c == '.' || c == '-';
}

// Per byte: kNameByte when it may stand in a name (an ASCII name character, or any byte of a
// non-ASCII character, which name_end has expat check); kPlainByte when text needs nothing done
// to it (printable ASCII but & < ]).
constexpr unsigned char kNameByte = 1;
constexpr unsigned char kPlainByte = 2;
struct ByteClasses {
    unsigned char of[256];
};
constexpr ByteClasses make_byte_classes() {
    ByteClasses classes{};
    for (unsigned c = 0; c < 256; ++c) {
        const auto byte = static_cast<unsigned char>(c);
        classes.of[c] = static_cast<unsigned char>(
            ((is_ascii_name_char(byte) || c >= 0x80) ? kNameByte : 0) |
            ((c >= 0x20 && c < 0x80 && c != '&' && c != '<' && c != ']') ? kPlainByte : 0));
    }
    return classes;
}
constexpr ByteClasses kByteClasses = make_byte_classes();

// The length of the valid UTF-8 sequence of an XML character (not U+FFFE or U+FFFF, no
// surrogate, no overlong form) that starts at `at`, of at most `size` bytes; 0 when there is
// none. For bytes from 0x80 only.
std::size_t utf8_character_length(const unsigned char* at, std::size_t size) {
    const unsigned char lead = at[0];
    auto continuation = [&](std::size_t index, unsigned char low, unsigned char high) {
        return index < size && at[index] >= low && at[index] <= high;
    };
    if (lead < 0xC2) {
        return 0;
    }
    if (lead < 0xE0) {
        return continuation(1, 0x80, 0xBF) ? 2 : 0;
    }
    if (lead < 0xF0) {
        const unsigned char low = lead == 0xE0 ? 0xA0 : 0x80;
        const unsigned char high = lead == 0xED ? 0x9F : 0xBF;
        if (!continuation(1, low, high) || !continuation(2, 0x80, 0xBF)) {
            return 0;
        }
        if (lead == 0xEF && at[1] == 0xBF && at[2] >= 0xBE) {
            return 0; // U+FFFE, U+FFFF
        }
        return 3;
    }
    if (lead < 0xF5) {
        const unsigned char low = lead == 0xF0 ? 0x90 : 0x80;
        const unsigned char high = lead == 0xF4 ? 0x8F : 0xBF;
        return continuation(1, low, high) && continuation(2, 0x80, 0xBF) &&
                       continuation(3, 0x80, 0xBF)
                   ? 4
                   : 0;
    }
    return 0;
}

bool is_xml_character(unsigned long code) {
    return code == 0x9 || code == 0xA || code == 0xD || (code >= 0x20 && code <= 0xD7FF) ||
           (code >= 0xE000 && code <= 0xFFFD) || (code >= 0x10000 && code <= 0x10FFFF);
}

// Which non-ASCII characters XML names may hold is a long table; expat has one. A name with such
// a character (never seen in a real workbook) is checked by expat, so both readers agree.
bool expat_accepts_name(std::string_view name) {
    const std::string document = "<" + std::string(name) + "/>";
    XML_Parser parser = XML_ParserCreate("UTF-8");
    const bool accepted = XML_Parse(parser, document.data(), static_cast<int>(document.size()),
                                    XML_TRUE) == XML_STATUS_OK;
    XML_ParserFree(parser);
    return accepted;
}

bool equals_ignoring_case(std::string_view text, std::string_view lower) {
    return text.size() == lower.size() &&
           std::equal(text.begin(), text.end(), lower.begin(), [](char a, char b) {
               return (a >= 'A' && a <= 'Z' ? static_cast<char>(a - 'A' + 'a') : a) == b;
           });
}

constexpr std::string_view kInvalidToken = "not well-formed (invalid token)";

} // namespace

// [SECTION] feeding

XmlScanStatus XmlScanner::feed(const char* data, std::size_t size, bool last) {
    if (m_status != XmlScanStatus::more) {
        return m_status;
    }
    if (m_position > 0) {
        m_lines_before += static_cast<std::size_t>(std::count(
            m_buffer.begin(), m_buffer.begin() + static_cast<std::ptrdiff_t>(m_position), '\n'));
        m_buffer.erase(m_buffer.begin(),
                       m_buffer.begin() + static_cast<std::ptrdiff_t>(m_position));
        m_position = 0;
    }
    m_buffer.insert(m_buffer.end(), data, data + size);
    return scan(last);
}

XmlScanStatus XmlScanner::scan(bool last) {
    // A token that did not end in the bytes so far is looked at again only once they have
    // doubled: a huge token fed in small chunks costs linear time, not quadratic.
    if (!last && m_buffer.size() - m_position < m_retry_at) {
        return m_status;
    }
    m_retry_at = 0;
    if (!m_started) {
        const Step step = scan_declaration(last);
        if (step == Step::failed) {
            return m_status;
        }
        if (step == Step::need_more) {
            m_retry_at = 2 * (m_buffer.size() - m_position);
            return m_status;
        }
    }
    while (m_position < m_buffer.size()) {
        const Step step = m_buffer[m_position] == '<' ? scan_markup(last) : scan_text(last);
        if (step == Step::failed) {
            return m_status;
        }
        if (m_events.stopped()) {
            m_status = XmlScanStatus::stopped;
            return m_status;
        }
        if (step == Step::need_more) {
            if (last) {
                fail("unclosed token", m_position);
                return m_status;
            }
            m_retry_at = 2 * (m_buffer.size() - m_position);
            return m_status;
        }
    }
    if (last) {
        if (!m_seen_root || !m_name_ends.empty()) {
            fail("no element found", m_buffer.size());
            return m_status;
        }
        m_status = XmlScanStatus::done;
    }
    return m_status;
}

XmlScanner::Step XmlScanner::fail(std::string what, std::size_t at) {
    m_status = XmlScanStatus::malformed;
    m_error = std::move(what);
    m_error_line =
        m_lines_before +
        static_cast<std::size_t>(std::count(
            m_buffer.begin(),
            m_buffer.begin() + static_cast<std::ptrdiff_t>(std::min(at, m_buffer.size())), '\n'));
    return Step::failed;
}

std::optional<std::size_t> XmlScanner::name_end(std::size_t at, std::size_t end) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(m_buffer.data());
    if (at >= end || !(is_ascii_name_start(bytes[at]) || bytes[at] >= 0x80)) {
        return std::nullopt;
    }
    bool ascii = true;
    std::size_t at_end = at;
    while (at_end < end && (kByteClasses.of[bytes[at_end]] & kNameByte) != 0) {
        ascii = ascii && bytes[at_end] < 0x80;
        ++at_end;
    }
    if (!ascii && !expat_accepts_name(std::string_view(m_buffer.data() + at, at_end - at))) {
        return std::nullopt;
    }
    return at_end;
}

// [SECTION] the declaration

XmlScanner::Step XmlScanner::scan_declaration(bool last) {
    const char* bytes = m_buffer.data();
    const std::size_t size = m_buffer.size();
    std::size_t at = 0;
    if (size < 3 && !last) {
        return Step::need_more;
    }
    if (size >= 3 && std::memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) {
        at = 3;
    }
    if (size - at < 6 && !last) {
        return Step::need_more;
    }
    if (size - at >= 6 && std::memcmp(bytes + at, "<?xml", 5) == 0 && is_space(bytes[at + 5])) {
        const char* close = static_cast<const char*>(
            memmem(bytes + at + 5, size - at - 5, "?>", 2)); // GNU, in glibc
        if (close == nullptr) {
            return last ? fail("unclosed token", at) : Step::need_more;
        }
        const std::size_t end = static_cast<std::size_t>(close - bytes);
        std::size_t i = at + 5;
        // One pseudo-attribute: S name S? = S? quoted value; false when it is not there.
        auto pseudo = [&](std::string_view name, std::string_view& value) {
            std::size_t j = i;
            const std::size_t spaces_from = j;
            while (j < end && is_space(bytes[j])) {
                ++j;
            }
            if (j == spaces_from || end - j < name.size() ||
                std::string_view(bytes + j, name.size()) != name) {
                return false;
            }
            j += name.size();
            while (j < end && is_space(bytes[j])) {
                ++j;
            }
            if (j >= end || bytes[j] != '=') {
                return false;
            }
            ++j;
            while (j < end && is_space(bytes[j])) {
                ++j;
            }
            if (j >= end || (bytes[j] != '"' && bytes[j] != '\'')) {
                return false;
            }
            const char quote = bytes[j];
            const auto* value_end =
                static_cast<const char*>(std::memchr(bytes + j + 1, quote, end - j - 1));
            if (value_end == nullptr) {
                return false;
            }
            value = std::string_view(bytes + j + 1,
                                     static_cast<std::size_t>(value_end - bytes) - j - 1);
            i = static_cast<std::size_t>(value_end - bytes) + 1;
            return true;
        };
        std::string_view version, encoding, standalone;
        // expat's rule for the version: letters, digits, '.', '_' and '-', possibly none.
        if (!pseudo("version", version) || !std::all_of(version.begin(), version.end(), [](char c) {
                return c != ':' && is_ascii_name_char(static_cast<unsigned char>(c));
            })) {
            return fail("XML declaration not well-formed", at);
        }
        if (pseudo("encoding", encoding)) {
            const bool name_ok = !encoding.empty() &&
                                 ((encoding[0] >= 'A' && encoding[0] <= 'Z') ||
                                  (encoding[0] >= 'a' && encoding[0] <= 'z')) &&
                                 std::all_of(encoding.begin(), encoding.end(), [](char c) {
                                     return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                                            (c >= '0' && c <= '9') || c == '.' || c == '_' ||
                                            c == '-';
                                 });
            if (!name_ok) {
                return fail("XML declaration not well-formed", at);
            }
            if (!equals_ignoring_case(encoding, "utf-8")) {
                return fail("encoding specified in XML declaration is incorrect", at);
            }
        }
        if (pseudo("standalone", standalone) && standalone != "yes" && standalone != "no") {
            return fail("XML declaration not well-formed", at);
        }
        while (i < end && is_space(bytes[i])) {
            ++i;
        }
        if (i != end) {
            return fail("XML declaration not well-formed", at);
        }
        at = end + 2;
    }
    m_position = at;
    m_started = true;
    return Step::advanced;
}

// [SECTION] markup

XmlScanner::Step XmlScanner::scan_markup(bool last) {
    const char* bytes = m_buffer.data();
    const std::size_t size = m_buffer.size();
    const std::size_t at = m_position;
    if (size - at < 2) {
        return Step::need_more;
    }
    switch (bytes[at + 1]) {
    case '/':
        return scan_end_tag(last);
    case '?':
        return scan_processing_instruction(last);
    case '!': {
        const std::string_view rest(bytes + at, size - at);
        for (const std::string_view opener : {"<!--", "<![CDATA[", "<!DOCTYPE"}) {
            if (rest.size() < opener.size() && opener.substr(0, rest.size()) == rest) {
                return Step::need_more;
            }
        }
        if (rest.substr(0, 4) == "<!--") {
            return scan_comment(last);
        }
        if (rest.substr(0, 9) == "<![CDATA[") {
            return scan_cdata(last);
        }
        if (rest.substr(0, 9) == "<!DOCTYPE" && !m_seen_root) {
            // "<!DOCTYPE" S Name: a declaration, refused as such; anything else is malformed.
            std::size_t name = 9;
            while (name < rest.size() && is_space(rest[name])) {
                ++name;
            }
            if (name == rest.size()) {
                return Step::need_more;
            }
            if (name > 9 && (is_ascii_name_start(static_cast<unsigned char>(rest[name])) ||
                             static_cast<unsigned char>(rest[name]) >= 0x80)) {
                m_status = XmlScanStatus::doctype;
                return Step::failed;
            }
        }
        return fail(std::string(kInvalidToken), at);
    }
    default:
        break;
    }
    // A start tag ends at the first '>' outside quotes (a value may hold '>', never '<').
    char quote = 0;
    for (std::size_t i = at + 1; i < size; ++i) {
        const char c = bytes[i];
        if (quote != 0) {
            if (c == quote) {
                quote = 0;
            } else if (c == '<') {
                return fail(std::string(kInvalidToken), i);
            }
        } else if (c == '>') {
            return scan_start_tag(i);
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '<') {
            return fail(std::string(kInvalidToken), i);
        }
    }
    return Step::need_more;
}

XmlScanner::Step XmlScanner::scan_start_tag(std::size_t end) {
    char* bytes = m_buffer.data();
    const std::size_t at = m_position;
    if (m_seen_root && m_name_ends.empty()) {
        return fail("junk after document element", at);
    }
    const auto element_end = name_end(at + 1, end);
    if (!element_end) {
        return fail(std::string(kInvalidToken), at + 1);
    }
    const std::string_view name(bytes + at + 1, *element_end - at - 1);
    m_attributes.clear();
    bool empty_element = false;
    std::size_t i = *element_end;
    for (;;) {
        const std::size_t spaces_from = i;
        while (i < end && is_space(bytes[i])) {
            ++i;
        }
        if (i == end) {
            break;
        }
        if (bytes[i] == '/') {
            if (i + 1 != end) {
                return fail(std::string(kInvalidToken), i);
            }
            empty_element = true;
            break;
        }
        if (i == spaces_from) {
            return fail(std::string(kInvalidToken), i); // attributes are separated by space
        }
        const auto attribute_end = name_end(i, end);
        if (!attribute_end) {
            return fail(std::string(kInvalidToken), i);
        }
        const std::size_t attribute = i;
        i = *attribute_end;
        while (i < end && is_space(bytes[i])) {
            ++i;
        }
        if (i >= end || bytes[i] != '=') {
            return fail(std::string(kInvalidToken), i);
        }
        ++i;
        while (i < end && is_space(bytes[i])) {
            ++i;
        }
        if (i >= end || (bytes[i] != '"' && bytes[i] != '\'')) {
            return fail(std::string(kInvalidToken), i);
        }
        const char quote = bytes[i];
        const std::size_t value = i + 1;
        const auto* close =
            static_cast<const char*>(std::memchr(bytes + value, quote, end - value));
        if (close == nullptr) {
            return fail(std::string(kInvalidToken), value);
        }
        const std::size_t value_end = static_cast<std::size_t>(close - bytes);
        std::size_t written = 0;
        if (!decode(value, value_end, true, written)) {
            return Step::failed;
        }
        bytes[written] = '\0';
        bytes[*attribute_end] = '\0';
        for (std::size_t other = 0; other < m_attributes.size(); other += 2) {
            if (m_attributes[other][0] == bytes[attribute] &&
                std::strcmp(m_attributes[other], bytes + attribute) == 0) {
                return fail("duplicate attribute", attribute);
            }
        }
        m_attributes.push_back(bytes + attribute);
        m_attributes.push_back(bytes + value);
        i = value_end + 1;
    }
    m_attributes.push_back(nullptr);
    m_seen_root = true;
    m_position = end + 1;
    if (!empty_element) {
        m_open_names.append(name);
        m_name_ends.push_back(m_open_names.size());
    }
    m_events.on_start(name, m_attributes.data());
    if (empty_element && !m_events.stopped()) {
        m_events.on_end(name);
    }
    return Step::advanced;
}

XmlScanner::Step XmlScanner::scan_end_tag(bool) {
    const char* bytes = m_buffer.data();
    const std::size_t at = m_position;
    const auto* close =
        static_cast<const char*>(std::memchr(bytes + at + 2, '>', m_buffer.size() - at - 2));
    if (close == nullptr) {
        return Step::need_more;
    }
    const std::size_t end = static_cast<std::size_t>(close - bytes);
    const auto element_end = name_end(at + 2, end);
    if (!element_end) {
        return fail(std::string(kInvalidToken), at + 2);
    }
    for (std::size_t i = *element_end; i < end; ++i) {
        if (!is_space(bytes[i])) {
            return fail(std::string(kInvalidToken), i);
        }
    }
    const std::string_view name(bytes + at + 2, *element_end - at - 2);
    if (m_name_ends.empty()) {
        return fail(m_seen_root ? "junk after document element" : std::string(kInvalidToken), at);
    }
    const std::size_t open_from = m_name_ends.size() > 1 ? m_name_ends[m_name_ends.size() - 2] : 0;
    if (std::string_view(m_open_names).substr(open_from) != name) {
        return fail("mismatched tag", at);
    }
    m_open_names.resize(open_from);
    m_name_ends.pop_back();
    m_position = end + 1;
    m_events.on_end(name);
    return Step::advanced;
}

XmlScanner::Step XmlScanner::scan_comment(bool) {
    const char* bytes = m_buffer.data();
    const std::size_t size = m_buffer.size();
    const std::size_t from = m_position + 4;
    const auto* dashes = static_cast<const char*>(memmem(bytes + from, size - from, "--", 2));
    if (dashes == nullptr) {
        return Step::need_more;
    }
    const std::size_t end = static_cast<std::size_t>(dashes - bytes);
    if (end + 2 >= size) {
        return Step::need_more;
    }
    if (bytes[end + 2] != '>') {
        return fail(std::string(kInvalidToken), end); // "--" inside a comment
    }
    if (!check_characters(from, end)) {
        return Step::failed;
    }
    m_position = end + 3;
    return Step::advanced;
}

XmlScanner::Step XmlScanner::scan_processing_instruction(bool) {
    const char* bytes = m_buffer.data();
    const std::size_t size = m_buffer.size();
    const std::size_t from = m_position + 2;
    const auto* close = static_cast<const char*>(memmem(bytes + from, size - from, "?>", 2));
    if (close == nullptr) {
        return Step::need_more;
    }
    const std::size_t end = static_cast<std::size_t>(close - bytes);
    const auto target_end = name_end(from, end);
    if (!target_end) {
        return fail(std::string(kInvalidToken), from);
    }
    if (equals_ignoring_case(std::string_view(bytes + from, *target_end - from), "xml")) {
        return fail("XML or text declaration not at start of entity", m_position);
    }
    if (*target_end != end && !is_space(bytes[*target_end])) {
        return fail(std::string(kInvalidToken), *target_end);
    }
    if (!check_characters(*target_end, end)) {
        return Step::failed;
    }
    m_position = end + 2;
    return Step::advanced;
}

XmlScanner::Step XmlScanner::scan_cdata(bool) {
    const std::size_t from = m_position + 9;
    if (m_name_ends.empty()) {
        return fail(std::string(kInvalidToken), m_position); // only inside the root element
    }
    const auto* close =
        static_cast<const char*>(memmem(m_buffer.data() + from, m_buffer.size() - from, "]]>", 3));
    if (close == nullptr) {
        return Step::need_more;
    }
    const std::size_t end = static_cast<std::size_t>(close - m_buffer.data());
    if (!check_characters(from, end)) {
        return Step::failed;
    }
    // Line ends still become \n; nothing else in a CDATA section is markup.
    std::size_t written = from;
    for (std::size_t read = from; read < end; ++read) {
        if (m_buffer[read] == '\r') {
            m_buffer[written++] = '\n';
            if (read + 1 < end && m_buffer[read + 1] == '\n') {
                ++read;
            }
        } else {
            m_buffer[written++] = m_buffer[read];
        }
    }
    m_position = end + 3;
    if (written > from) {
        m_events.on_text(m_buffer.data() + from, written - from);
    }
    return Step::advanced;
}

// [SECTION] text and references

XmlScanner::Step XmlScanner::scan_text(bool last) {
    const char* bytes = m_buffer.data();
    const std::size_t size = m_buffer.size();
    const std::size_t from = m_position;
    const auto* less = static_cast<const char*>(std::memchr(bytes + from, '<', size - from));
    std::size_t end = less != nullptr ? static_cast<std::size_t>(less - bytes) : size;
    if (less == nullptr && !last) {
        // Keep back what the next bytes may complete: a reference, a UTF-8 sequence, the \r of
        // a \r\n, the "]]" of a "]]>".
        const auto* amp =
            static_cast<const char*>(memrchr(bytes + from, '&', end - from)); // GNU, in glibc
        if (amp != nullptr &&
            std::memchr(amp, ';', static_cast<std::size_t>(bytes + end - amp)) == nullptr) {
            end = static_cast<std::size_t>(amp - bytes);
        }
        std::size_t lead = end;
        while (lead > from && lead + 4 > end &&
               (static_cast<unsigned char>(bytes[lead - 1]) & 0xC0) == 0x80) {
            --lead;
        }
        if (lead > from && static_cast<unsigned char>(bytes[lead - 1]) >= 0xC0) {
            --lead; // a lead byte: is its sequence whole?
            const auto first = static_cast<unsigned char>(bytes[lead]);
            const std::size_t needed = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : 2;
            if (end - lead < needed) {
                end = lead;
            }
        }
        while (end > from && (bytes[end - 1] == '\r' || bytes[end - 1] == ']')) {
            --end;
        }
        if (end == from) {
            return Step::need_more;
        }
    }
    if (m_name_ends.empty()) {
        for (std::size_t i = from; i < end; ++i) {
            if (!is_space(bytes[i])) {
                return fail(m_seen_root ? "junk after document element" : "syntax error", i);
            }
        }
        m_position = end;
        return Step::advanced;
    }
    std::size_t written = 0;
    if (!decode(from, end, false, written)) {
        return Step::failed;
    }
    m_position = end;
    if (written > from) {
        m_events.on_text(bytes + from, written - from);
    }
    return Step::advanced;
}

bool XmlScanner::decode(std::size_t from, std::size_t to, bool attribute, std::size_t& written) {
    char* bytes = m_buffer.data();
    std::size_t read = from;
    std::size_t write = from;
    while (read < to) {
        // Most text is plain: skipped over, and moved only once something before it shrank.
        const std::size_t plain_from = read;
        while (read < to &&
               (kByteClasses.of[static_cast<unsigned char>(bytes[read])] & kPlainByte) != 0) {
            ++read;
        }
        if (read != plain_from) {
            if (write != plain_from) {
                std::memmove(bytes + write, bytes + plain_from, read - plain_from);
            }
            write += read - plain_from;
            continue;
        }
        const auto c = static_cast<unsigned char>(bytes[read]);
        if (c >= 0x20 && c < 0x80) {
            if (c == '&') {
                const auto* semicolon =
                    static_cast<const char*>(std::memchr(bytes + read, ';', to - read));
                if (semicolon == nullptr) {
                    fail(std::string(kInvalidToken), read);
                    return false;
                }
                const std::size_t end = static_cast<std::size_t>(semicolon - bytes);
                const std::string_view reference(bytes + read + 1, end - read - 1);
                if (!reference.empty() && reference[0] == '#') {
                    const bool hex = reference.size() > 1 && reference[1] == 'x';
                    const std::string_view digits = reference.substr(hex ? 2 : 1);
                    unsigned long code = 0;
                    bool ok = !digits.empty();
                    for (const char d : digits) {
                        unsigned value = 0;
                        if (d >= '0' && d <= '9') {
                            value = static_cast<unsigned>(d - '0');
                        } else if (hex && d >= 'a' && d <= 'f') {
                            value = static_cast<unsigned>(d - 'a' + 10);
                        } else if (hex && d >= 'A' && d <= 'F') {
                            value = static_cast<unsigned>(d - 'A' + 10);
                        } else {
                            ok = false;
                            break;
                        }
                        code = code * (hex ? 16 : 10) + value;
                        if (code > 0x10FFFF) {
                            code = 0x110000; // stays invalid however many digits follow
                        }
                    }
                    if (!ok) {
                        fail(std::string(kInvalidToken), read);
                        return false;
                    }
                    if (!is_xml_character(code)) {
                        fail("reference to invalid character number", read);
                        return false;
                    }
                    // Never longer than the reference: a 4-byte character takes 5+ digits.
                    write += put_utf8(code, bytes + write);
                } else {
                    char replacement = 0;
                    if (reference == "lt") {
                        replacement = '<';
                    } else if (reference == "gt") {
                        replacement = '>';
                    } else if (reference == "amp") {
                        replacement = '&';
                    } else if (reference == "apos") {
                        replacement = '\'';
                    } else if (reference == "quot") {
                        replacement = '"';
                    }
                    if (replacement == 0) {
                        const auto named = name_end(read + 1, end);
                        fail(named && *named == end ? "undefined entity"
                                                    : std::string(kInvalidToken),
                             read);
                        return false;
                    }
                    bytes[write++] = replacement;
                }
                read = end + 1;
                continue;
            }
            if (c == '<' && attribute) {
                fail(std::string(kInvalidToken), read);
                return false;
            }
            if (c == ']' && !attribute && read + 2 < to && bytes[read + 1] == ']' &&
                bytes[read + 2] == '>') {
                fail(std::string(kInvalidToken), read); // "]]>" outside a CDATA section
                return false;
            }
            bytes[write++] = bytes[read++];
        } else if (c == '\n' || c == '\t') {
            bytes[write++] = attribute ? ' ' : static_cast<char>(c);
            ++read;
        } else if (c == '\r') {
            bytes[write++] = attribute ? ' ' : '\n';
            ++read;
            if (read < to && bytes[read] == '\n') {
                ++read;
            }
        } else if (c >= 0x80) {
            const std::size_t length = utf8_character_length(
                reinterpret_cast<const unsigned char*>(bytes + read), to - read);
            if (length == 0) {
                fail(std::string(kInvalidToken), read);
                return false;
            }
            if (write != read) {
                std::memmove(bytes + write, bytes + read, length);
            }
            write += length;
            read += length;
        } else {
            fail(std::string(kInvalidToken), read);
            return false;
        }
    }
    written = write;
    return true;
}

bool XmlScanner::check_characters(std::size_t from, std::size_t to) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(m_buffer.data());
    for (std::size_t at = from; at < to;) {
        const unsigned char c = bytes[at];
        if (c >= 0x20 && c < 0x80) {
            ++at;
        } else if (c == '\n' || c == '\t' || c == '\r') {
            ++at;
        } else if (c >= 0x80) {
            const std::size_t length = utf8_character_length(bytes + at, to - at);
            if (length == 0) {
                fail(std::string(kInvalidToken), at);
                return false;
            }
            at += length;
        } else {
            fail(std::string(kInvalidToken), at);
            return false;
        }
    }
    return true;
}

// [SECTION] the encoding of a part

std::optional<bool> xml_part_is_utf8(std::string_view head, bool complete) {
    if (head.size() >= 2 &&
        ((head[0] == '\xFE' && head[1] == '\xFF') || (head[0] == '\xFF' && head[1] == '\xFE'))) {
        return false; // UTF-16
    }
    if (head.size() >= 3 && head.substr(0, 3) == "\xEF\xBB\xBF") {
        head.remove_prefix(3);
    }
    if (head.size() >= 2 && (head[0] == '\0' || head[1] == '\0')) {
        return false; // UTF-16 (or UCS-4) without a BOM
    }
    const std::string_view declaration = "<?xml";
    if (head.size() < declaration.size() + 1) {
        if (complete || head.substr(0, std::min(head.size(), declaration.size())) !=
                            declaration.substr(0, std::min(head.size(), declaration.size()))) {
            return true;
        }
        return std::nullopt;
    }
    if (head.substr(0, 5) != declaration || !is_space(head[5])) {
        return true; // no declaration: UTF-8
    }
    const auto close = head.find("?>");
    if (close == std::string_view::npos) {
        // A declaration is short; past a few hundred bytes the scanner reports it malformed.
        return complete || head.size() > 512 ? std::optional<bool>(true) : std::nullopt;
    }
    const auto declared = head.substr(0, close);
    const auto encoding = declared.find("encoding");
    if (encoding == std::string_view::npos) {
        return true;
    }
    auto rest = declared.substr(encoding + 8);
    const auto quote = rest.find_first_of("\"'");
    if (quote == std::string_view::npos) {
        return true; // malformed: the scanner says so
    }
    rest.remove_prefix(quote + 1);
    const auto value = rest.substr(0, rest.find_first_of("\"'"));
    return equals_ignoring_case(value, "utf-8");
}

} // namespace waconsole
