// The cells of an uploaded row as a draft stores them: each cell as its length in decimal, a
// colon, then its bytes ("3:Ana5:A-104"). A 100,000-row upload is written and read back once per
// review, and this costs a fraction of a JSON array; any byte may stand in a cell. Blocks of rows
// (draft_blocks) are sequences of such cells too.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace waconsole {

// Appends one cell's encoding to `out`.
void append_cell(std::string_view cell, std::string& out);
// Appends the encoding of `cells` to `out` (cleared first).
void encode_cells(const std::vector<std::string>& cells, std::size_t count, std::string& out);
// The cells of `encoded` as views into it; false when it is not an encoding (then `cells` holds
// what could be read).
bool decode_cells(std::string_view encoded, std::vector<std::string_view>& cells);

// Reads an encoding one cell at a time; the views point into the encoding.
class CellReader {
public:
    explicit CellReader(std::string_view encoded) : m_rest(encoded) {}
    // False at the end or on a damaged encoding (then damaged() is true).
    bool next(std::string_view& cell);
    bool at_end() const { return m_rest.empty(); }
    bool damaged() const { return m_damaged; }

private:
    std::string_view m_rest;
    bool m_damaged = false;
};

} // namespace waconsole
