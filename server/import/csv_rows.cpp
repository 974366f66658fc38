// The CSV state machine. It works on bytes: separators, quotes and newlines are ASCII and never
// occur inside a UTF-8 sequence, so a character split across two chunks is simply appended in two
// pieces; each finished field is checked as UTF-8 as a whole.
#include "server/import/csv_rows.hpp"

#include <algorithm>

namespace waconsole {
namespace {

constexpr std::size_t max_header_line_bytes = 1 << 20;

// The separator that occurs more often in the header line outside quotes; ',' on a tie.
char separator_of(std::string_view line) {
    std::size_t commas = 0, semicolons = 0;
    bool quoted = false;
    for (const char c : line) {
        if (c == '"') {
            quoted = !quoted;
        } else if (!quoted && c == ',') {
            ++commas;
        } else if (!quoted && c == ';') {
            ++semicolons;
        }
    }
    return semicolons > commas ? ';' : ',';
}

// The header line: the first line with anything on it (blank lines before it are skipped, as
// the rows are). Returns its [begin, end) outside quotes, or end = npos while it is unfinished.
std::pair<std::size_t, std::size_t> header_line(std::string_view text) {
    bool quoted = false;
    std::size_t begin = 0;
    for (std::size_t at = 0; at < text.size(); ++at) {
        if (text[at] == '"') {
            quoted = !quoted;
        } else if (!quoted && (text[at] == '\n' || text[at] == '\r')) {
            if (at > begin) {
                return {begin, at};
            }
            begin = at + 1;
        }
    }
    return {begin, std::string::npos};
}

} // namespace

bool is_valid_utf8(const std::string& text) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t size = text.size();
    std::size_t at = 0;
    while (at < size) {
        const unsigned char lead = bytes[at];
        if (lead < 0x80) {
            ++at;
            continue;
        }
        std::size_t length = 0;
        unsigned char low = 0x80, high = 0xBF; // the allowed range of the second byte
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            low = lead == 0xE0 ? 0xA0 : 0x80;  // no overlongs
            high = lead == 0xED ? 0x9F : 0xBF; // no surrogates
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            low = lead == 0xF0 ? 0x90 : 0x80;
            high = lead == 0xF4 ? 0x8F : 0xBF;
        } else {
            return false;
        }
        if (at + length > size || bytes[at + 1] < low || bytes[at + 1] > high) {
            return false;
        }
        for (std::size_t k = 2; k < length; ++k) {
            if (bytes[at + k] < 0x80 || bytes[at + k] > 0xBF) {
                return false;
            }
        }
        at += length;
    }
    return true;
}

bool CsvRows::refuse_utf16() {
    if (m_head.compare(0, 2, "\xFF\xFE") == 0 || m_head.compare(0, 2, "\xFE\xFF") == 0) {
        fail(ImportError{ImportErrorCode::not_utf8,
                         "The CSV file is UTF-16 text (Excel's \"Unicode Text\"): save it as "
                         "\"CSV UTF-8\" and upload it again."});
        return true;
    }
    return false;
}

void CsvRows::fail(ImportError error) {
    m_stopped = true;
    m_result = std::move(error);
}

bool CsvRows::feed(const char* data, std::size_t size) {
    if (m_stopped) {
        return false;
    }
    if (m_separator == 0) {
        m_head.append(data, size);
        if (m_head.size() < 2) {
            return true; // too few bytes to tell a UTF-16 byte order mark yet
        }
        if (refuse_utf16()) {
            return false;
        }
        if (header_line(m_head).second == std::string::npos) {
            if (m_head.size() > max_header_line_bytes) {
                fail(ImportError{ImportErrorCode::file_too_large,
                                 "The CSV file's first line is over 1 MiB: it is not a header "
                                 "row of column names."});
                return false;
            }
            return true;
        }
        return take_head();
    }
    return parse(data, size);
}

// The header line is complete (or the file ended): strip the BOM, choose the separator, parse
// what was held.
bool CsvRows::take_head() {
    std::string head = std::move(m_head);
    m_head.clear();
    const std::size_t skip = head.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
    const std::string_view body = std::string_view(head).substr(skip);
    const auto [begin, end] = header_line(body);
    m_separator = separator_of(body.substr(begin, end - begin));
    return parse(head.data() + skip, head.size() - skip);
}

bool CsvRows::parse(const char* data, std::size_t size) {
    for (std::size_t at = 0; at < size && !m_stopped; ++at) {
        const char c = data[at];
        if (m_skip_line_feed) {
            m_skip_line_feed = false;
            if (c == '\n') {
                continue;
            }
        }
        switch (m_state) {
        case State::field_start:
            if (c == '"') {
                m_state = State::quoted;
                continue;
            }
            [[fallthrough]];
        case State::unquoted:
            if (c == m_separator) {
                end_field();
            } else if (c == '\n' || c == '\r') {
                end_row();
                m_skip_line_feed = c == '\r';
            } else {
                m_field.push_back(c);
                m_state = State::unquoted;
            }
            break;
        case State::quoted:
            if (c == '"') {
                m_state = State::quote_in_quoted;
            } else {
                m_field.push_back(c);
            }
            break;
        case State::quote_in_quoted:
            if (c == '"') { // a doubled quote is one quote
                m_field.push_back('"');
                m_state = State::quoted;
            } else if (c == m_separator) {
                end_field();
            } else if (c == '\n' || c == '\r') {
                end_row();
                m_skip_line_feed = c == '\r';
            } else { // text after a closing quote: kept, as spreadsheets do
                m_field.push_back(c);
                m_state = State::unquoted;
            }
            break;
        }
        if (m_field.size() > m_limits.max_cell_bytes) {
            fail(cell_too_long_error(m_limits.max_cell_bytes, m_row.number + 1));
        }
    }
    return !m_stopped;
}

void CsvRows::end_field() {
    if (!m_field.empty()) {
        if (!is_valid_utf8(m_field)) {
            fail(ImportError{ImportErrorCode::not_utf8,
                             "Row " + std::to_string(m_row.number + 1) +
                                 " of the CSV file is not UTF-8 text (perhaps Windows-1252): save "
                                 "it as \"CSV UTF-8\" and upload it again."});
            return;
        }
        if (m_row.cells.size() <= m_column) {
            m_row.cells.resize(m_column + 1);
        }
        m_row.cells[m_column].swap(m_field);
        m_field.clear();
    }
    ++m_column;
    m_state = State::field_start;
}

void CsvRows::end_row() {
    end_field();
    if (m_stopped) {
        return;
    }
    ++m_row.number;
    m_column = 0;
    if (!m_row.cells.empty()) {
        if (++m_rows_passed > m_max_rows) {
            fail(too_many_rows_error(m_limits.max_rows, m_row.number));
            return;
        }
        const bool go_on = m_on_row(m_row);
        m_row.cells.clear();
        if (!go_on) {
            m_stopped = true;
        }
    }
}

ImportResult CsvRows::finish() {
    if (!m_stopped && m_separator == 0 && !refuse_utf16()) {
        take_head();
    }
    if (!m_stopped && (m_state != State::field_start || m_column > 0 || !m_field.empty())) {
        end_row();
    }
    return m_result;
}

} // namespace waconsole
