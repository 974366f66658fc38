// A push parser for CSV uploads: UTF-8 with or without a BOM; the separator (',' or ';', as
// Excel writes it in locales with a decimal comma) taken from the header line; RFC 4180 quoting,
// so a quoted field may hold separators, doubled quotes and newlines.
#pragma once

#include "server/import/file_row.hpp"
#include "server/import/import_error.hpp"
#include "server/import/import_limits.hpp"

#include <cstddef>
#include <string>

namespace waconsole {

class CsvRows {
public:
    // Rows are numbered as a spreadsheet opening the file would number them: one per record,
    // empty lines included (they are not passed on). At most `max_rows` rows are passed on.
    CsvRows(const ImportLimits& limits, std::size_t max_rows, const RowCallback& on_row)
        : m_limits(limits), m_max_rows(max_rows), m_on_row(on_row) {}

    // false once parsing has stopped (result() says why; nullopt if the callback stopped it).
    bool feed(const char* data, std::size_t size);
    // Ends the last row. Errors: not_utf8 (a UTF-16 file or invalid UTF-8), cell_too_long,
    // too_many_rows, file_too_large (a header line over 1 MiB).
    ImportResult finish();

private:
    enum class State { field_start, unquoted, quoted, quote_in_quoted };

    bool refuse_utf16();
    bool take_head();
    bool parse(const char* data, std::size_t size);
    void end_field();
    void end_row();
    void fail(ImportError error);

    const ImportLimits& m_limits;
    std::size_t m_max_rows;
    const RowCallback& m_on_row;

    // Bytes held until the BOM is known and the header line ends (the separator is chosen then).
    std::string m_head;
    char m_separator = 0;

    State m_state = State::field_start;
    bool m_skip_line_feed = false; // just ended a row on '\r': a following '\n' is the same end
    std::string m_field;
    FileRow m_row;
    std::size_t m_column = 0;
    std::size_t m_rows_passed = 0;
    bool m_stopped = false;
    ImportResult m_result;
};

// true if `text` is well-formed UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF).
bool is_valid_utf8(const std::string& text);

} // namespace waconsole
