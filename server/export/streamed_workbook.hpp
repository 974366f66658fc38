// An .xlsx written front to back for the table export: sheets one after another, each streamed
// into the file as its rows come (SheetWriter), then the parts around them. Memory stays flat at
// any number of rows, and deflate is ISA-L's fast level (docs/architecture.md says why this is
// ours and not libxlsxwriter's).
#pragma once

#include "server/export/sheet_writer.hpp"
#include "server/export/workbook_parts.hpp"
#include "server/export/zip_writer.hpp"

#include <optional>
#include <string>
#include <vector>

namespace waconsole {

class StreamedWorkbook {
public:
    // Creates (or truncates) the file; throws XlsxError when it cannot.
    explicit StreamedWorkbook(const std::string& path);

    // Starts a sheet, finishing the one before. The writer is valid until the next add_sheet or
    // close. The name is made safe for Excel (safe_sheet_name).
    SheetWriter& add_sheet(const std::string& name, SheetLayout layout);
    // Finishes the last sheet and writes the rest of the package: the file is whole only once
    // this returns. Throws XlsxError on any I/O error (the file is then to be thrown away).
    void close();

private:
    void finish_sheet();

    ZipWriter m_zip;
    std::optional<SheetWriter> m_sheet;
    std::vector<WorkbookSheet> m_sheets;
    std::size_t m_active = 0;
};

} // namespace waconsole
