// The worksheet handler: a small state machine over row, c, v, is, t and rPh elements. Text is
// collected only inside <v> or an inline string's <t>, so formulas (<f>) and phonetic guides
// never leak into a value.
#include "server/import/sheet_rows.hpp"

#include "server/import/xml_stream.hpp"

#include <cstdlib>
#include <cstring>

namespace waconsole {
namespace {

constexpr std::size_t excel_columns = 16384; // A..XFD

enum class CellType { number, shared_string, inline_string, formula_string, boolean, error, date };

CellType cell_type_of(const char* t) {
    if (t == nullptr) {
        return CellType::number;
    }
    // The hottest attribute of a sheet: its values told apart by their first letters.
    switch (t[0]) {
    case 'n':
        return CellType::number; // "n", and anything else unknown below
    case 's':
        return t[1] == '\0'                 ? CellType::shared_string
               : std::strcmp(t, "str") == 0 ? CellType::formula_string
                                            : CellType::number;
    case 'i':
        return std::strcmp(t, "inlineStr") == 0 ? CellType::inline_string : CellType::number;
    case 'b':
        return t[1] == '\0' ? CellType::boolean : CellType::number;
    case 'e':
        return t[1] == '\0' ? CellType::error : CellType::number;
    case 'd':
        return t[1] == '\0' ? CellType::date : CellType::number;
    default:
        return CellType::number;
    }
}

// strtoull(text, end, 10) as the C library reads it (leading white space, a sign, saturation at
// the largest value, a negated value wrapping), without its locale: a cell's r and s and a shared
// string's index are read 500,000 times in a 100,000-row sheet.
unsigned long long leading_number(const char* text, const char** end = nullptr) {
    const char* at = text;
    while (*at == ' ' || (*at >= '\t' && *at <= '\r')) {
        ++at;
    }
    const bool negative = *at == '-';
    if (*at == '-' || *at == '+') {
        ++at;
    }
    const char* digits = at;
    unsigned long long value = 0;
    bool overflow = false;
    for (; *at >= '0' && *at <= '9'; ++at) {
        const auto digit = static_cast<unsigned long long>(*at - '0');
        overflow = overflow || value > (~0ull - digit) / 10;
        value = value * 10 + digit;
    }
    if (end != nullptr) {
        *end = at == digits ? text : at;
    }
    if (at == digits) {
        return 0;
    }
    if (overflow) {
        return ~0ull;
    }
    return negative ? 0ull - value : value;
}

class SheetHandler : public XmlHandler {
public:
    SheetHandler(const SheetContext& context, const ImportLimits& limits, std::size_t max_rows,
                 const RowCallback& on_row)
        : m_context(context), m_limits(limits), m_max_rows(max_rows), m_on_row(on_row) {}

    void on_start(std::string_view name, const char** attributes) override {
        if (name == "c" && m_in_row) {
            start_cell(attributes);
        } else if (name == "v" && m_in_cell) {
            m_collecting = true;
        } else if (name == "t" && m_in_inline && !m_in_phonetic) {
            m_collecting = true;
        } else if (name == "is" && m_in_cell) {
            m_in_inline = true;
        } else if (name == "rPh") {
            m_in_phonetic = true;
        } else if (name == "row" && m_in_sheet_data) {
            start_row(attributes);
        } else if (name == "sheetData") {
            m_in_sheet_data = true;
        }
    }

    void on_end(std::string_view name) override {
        if (name == "v" || name == "t") {
            m_collecting = false;
        } else if (name == "c" && m_in_cell) {
            end_cell();
        } else if (name == "is") {
            m_in_inline = false;
        } else if (name == "rPh") {
            m_in_phonetic = false;
        } else if (name == "row" && m_in_row) {
            end_row();
        } else if (name == "sheetData") {
            m_in_sheet_data = false;
        }
    }

    void on_text(const char* data, std::size_t size) override {
        if (!m_collecting) {
            return;
        }
        m_value.append(data, size);
        if (m_value.size() > m_limits.max_cell_bytes) {
            stop(cell_too_long_error(m_limits.max_cell_bytes, m_row.number));
        }
    }

private:
    void start_row(const char** attributes) {
        const char* r = find_attribute(attributes, "r");
        const unsigned long long number = r == nullptr ? 0 : leading_number(r);
        m_row.number = number > 0 ? static_cast<std::size_t>(number) : m_row.number + 1;
        // Emptied, not removed: the cells keep their buffers for the next row (end_row drops
        // the empty ones at the end).
        for (auto& cell : m_row.cells) {
            cell.clear();
        }
        m_next_column = 0;
        m_in_row = true;
    }

    void start_cell(const char** attributes) {
        // One pass for r, t and s: a cell's start is the hottest call of the import.
        const char* r = nullptr;
        const char* t = nullptr;
        const char* style = nullptr;
        for (const char** at = attributes; at[0] != nullptr; at += 2) {
            const char* name = at[0];
            if (name[0] == '\0' || name[1] != '\0') {
                continue; // unprefixed one-letter names only: attributes take no default namespace
            }
            switch (name[0]) {
            case 'r':
                r = at[1];
                break;
            case 't':
                t = at[1];
                break;
            case 's':
                style = at[1];
                break;
            default:
                break;
            }
        }
        if (r != nullptr) {
            const auto column = column_of_reference(r);
            if (!column) {
                stop(corrupt("a cell with the reference \"" + std::string(r) + "\""));
                return;
            }
            m_column = *column;
        } else {
            m_column = m_next_column;
        }
        if (m_column >= excel_columns) {
            stop(corrupt("a cell past Excel's last column"));
            return;
        }
        m_next_column = m_column + 1;
        m_type = cell_type_of(t);
        m_style = style == nullptr ? 0 : static_cast<unsigned long>(leading_number(style));
        m_value.clear();
        m_in_cell = true;
    }

    void end_cell() {
        m_in_cell = false;
        m_in_inline = false;
        m_collecting = false;
        if (m_value.empty()) {
            return; // a styled empty cell, or a formula with no cached value
        }
        if (m_row.cells.size() <= m_column) {
            m_row.cells.resize(m_column + 1);
        }
        std::string& cell = m_row.cells[m_column];
        switch (m_type) {
        case CellType::shared_string: {
            const char* end = nullptr;
            const unsigned long long index = leading_number(m_value.c_str(), &end);
            if (end == m_value.c_str() || index >= m_context.strings.size()) {
                stop(corrupt("a cell that refers to shared string " + m_value +
                             ", which does not exist"));
                return;
            }
            cell.assign(m_context.strings.at(static_cast<std::size_t>(index)));
            break;
        }
        case CellType::boolean:
            cell = m_value == "1" || m_value == "true" ? "TRUE" : "FALSE";
            break;
        case CellType::number: {
            const DateStyle date_style = m_context.styles.of(m_style);
            std::optional<std::string> text =
                date_style == DateStyle::none
                    ? plain_number_text(m_value)
                    : serial_date_text(m_value, date_style, m_context.date1904);
            if (!text && date_style != DateStyle::none) {
                text = plain_number_text(m_value);
            }
            cell = text ? std::move(*text) : m_value;
            break;
        }
        case CellType::inline_string:
        case CellType::formula_string:
            decode_xstring_escapes(m_value);
            cell = m_value;
            break;
        case CellType::error:
        case CellType::date:
            cell = m_value;
            break;
        }
    }

    void end_row() {
        m_in_row = false;
        while (!m_row.cells.empty() && m_row.cells.back().empty()) {
            m_row.cells.pop_back();
        }
        if (m_row.cells.empty()) {
            return;
        }
        if (++m_rows_passed > m_max_rows) {
            stop(too_many_rows_error(m_limits.max_rows, m_row.number));
            return;
        }
        if (!m_on_row(m_row)) {
            stop(std::nullopt);
        }
    }

    ImportError corrupt(const std::string& what) const {
        return ImportError{ImportErrorCode::corrupt_xml, "The Excel file is damaged: row " +
                                                             std::to_string(m_row.number) +
                                                             " has " + what + "."};
    }

    const SheetContext& m_context;
    const ImportLimits& m_limits;
    std::size_t m_max_rows;
    const RowCallback& m_on_row;

    FileRow m_row;
    std::size_t m_rows_passed = 0;
    std::size_t m_next_column = 0;
    std::size_t m_column = 0;
    unsigned long m_style = 0;
    CellType m_type = CellType::number;
    std::string m_value;
    bool m_in_sheet_data = false;
    bool m_in_row = false;
    bool m_in_cell = false;
    bool m_in_inline = false;
    bool m_in_phonetic = false;
    bool m_collecting = false;
};

} // namespace

std::optional<std::size_t> column_of_reference(std::string_view reference) {
    std::size_t column = 0;
    std::size_t letters = 0;
    for (const char c : reference) {
        const char upper = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
        if (upper < 'A' || upper > 'Z') {
            break;
        }
        column = column * 26 + static_cast<std::size_t>(upper - 'A' + 1);
        if (++letters > 3) {
            return std::nullopt;
        }
    }
    if (letters == 0 || column > excel_columns) {
        return std::nullopt;
    }
    return column - 1;
}

ImportResult read_sheet_rows(ZipPackage& package, const std::string& part,
                             const SheetContext& context, const ImportLimits& limits,
                             std::size_t max_rows, const RowCallback& on_row) {
    SheetHandler handler(context, limits, max_rows, on_row);
    return parse_part(package, part, handler);
}

} // namespace waconsole
