// Length-prefixed cells.
#include "server/campaigns/draft_cells.hpp"

#include <charconv>

namespace waconsole {

void append_cell(std::string_view cell, std::string& out) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, cell.size()).ptr;
    out.append(digits, end);
    out.push_back(':');
    out.append(cell);
}

void encode_cells(const std::vector<std::string>& cells, std::size_t count, std::string& out) {
    out.clear();
    for (std::size_t at = 0; at < count; ++at) {
        append_cell(at < cells.size() ? std::string_view(cells[at]) : "", out);
    }
}

bool CellReader::next(std::string_view& cell) {
    if (m_rest.empty() || m_damaged) {
        return false;
    }
    std::size_t at = 0;
    std::size_t length = 0;
    while (at < m_rest.size() && m_rest[at] >= '0' && m_rest[at] <= '9' && at < 10) {
        length = length * 10 + static_cast<std::size_t>(m_rest[at] - '0');
        ++at;
    }
    if (at == 0 || at >= m_rest.size() || m_rest[at] != ':' || m_rest.size() - at - 1 < length) {
        m_damaged = true;
        return false;
    }
    cell = m_rest.substr(at + 1, length);
    m_rest.remove_prefix(at + 1 + length);
    return true;
}

bool decode_cells(std::string_view encoded, std::vector<std::string_view>& cells) {
    cells.clear();
    CellReader reader(encoded);
    std::string_view cell;
    while (reader.next(cell)) {
        cells.push_back(cell);
    }
    return !reader.damaged();
}

} // namespace waconsole
