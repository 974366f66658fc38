// Excel's names and limits that both .xlsx writers follow: what a sheet may be called, the
// letters of a column ("A", "AB"), how many rows a sheet holds.
#pragma once

#include <string>

namespace waconsole {

// Excel's limit on rows in a sheet (including the header row).
constexpr int kXlsxMaxRows = 1048576;
// Excel's limit on columns in a sheet ("XFD").
constexpr int kXlsxMaxColumns = 16384;

// The name without the characters Excel forbids in sheet names ([]:*?/\), cut to Excel's 31
// characters; "Sheet1" when nothing is left.
std::string safe_sheet_name(const std::string& name);

// "A" for 0, "Z" for 25, "AA" for 26, "XFD" for 16383. Precondition: 0 <= column < 16384.
std::string column_letters(int column);

} // namespace waconsole
