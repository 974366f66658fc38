// The rows of an .xlsx workbook's first sheet: the index, the shared strings and the styles are
// read first (small), then the sheet streams.
#pragma once

#include "server/import/file_row.hpp"
#include "server/import/import_error.hpp"
#include "server/import/import_limits.hpp"
#include "server/import/zip_package.hpp"

namespace waconsole {

ImportResult read_xlsx_rows(ZipPackage& package, const ImportLimits& limits, std::size_t max_rows,
                            const RowCallback& on_row);

} // namespace waconsole
