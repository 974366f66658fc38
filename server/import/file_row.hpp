// One row of an uploaded sheet as the reader hands it on: its number as a spreadsheet shows it
// (1-based, gaps kept) and its cells as text by 0-based column index.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace waconsole {

struct FileRow {
    std::size_t number = 0;
    // cells[i] is column i (A = 0). Missing cells are "", and the vector ends at the last
    // non-empty cell. Numbers come as plain decimal text ("34600000001", "1234.5"), dates with a
    // date style as "YYYY-MM-DD" or "YYYY-MM-DD HH:MM:SS", booleans as "TRUE"/"FALSE", error
    // cells as their text ("#N/A").
    std::vector<std::string> cells;
};

// Called once per row that has at least one non-empty cell, in file order. The row is only
// valid during the call (the reader reuses its buffers). Return false to stop reading early.
using RowCallback = std::function<bool(const FileRow&)>;

} // namespace waconsole
