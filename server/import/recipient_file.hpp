// The import reader's interface for the campaign service: an uploaded .xlsx or .csv, read as a
// stream of rows. Nothing but the current row and the workbook's shared strings is held in
// memory, so a 100,000-row file costs a few megabytes.
//
//   UploadedFile file = UploadedFile::on_disk("/tmp/upload-123", "clients.xlsx");
//   ImportResult error = read_recipient_file(file, ImportLimits{},
//       {{"phone", true}, {"name", false}, {"order id", false}},
//       [&](const RecipientFileRow& row) { ...row.number, row.values[0] is the phone...; return
//       true;
//       });
//   if (error) -> error->code, error->message (for the person), and store nothing.
//
// Every error the reader can give is an ImportErrorCode (import_error.hpp).
#pragma once

#include "server/import/file_row.hpp"
#include "server/import/header_columns.hpp"
#include "server/import/import_error.hpp"
#include "server/import/import_limits.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace waconsole {

struct UploadedFile {
    std::string path;       // the upload on disk; or, when empty,
    std::string_view bytes; // the upload in memory (must outlive the read)
    // The name the person gave it ("clients.xlsx"): its extension must agree with the content
    // (.xlsx/.xlsm a workbook, .csv/.txt text); "" to go by the content alone.
    std::string name;

    static UploadedFile on_disk(std::string path, std::string name) {
        return UploadedFile{std::move(path), {}, std::move(name)};
    }
    static UploadedFile in_memory(std::string_view bytes, std::string name) {
        return UploadedFile{{}, bytes, std::move(name)};
    }
};

// Every row with a value of the first sheet (or of the CSV), in file order; the first such row is
// normally the header. At most limits.max_rows + 1 rows (a header and max_rows data rows) are
// passed on; past that, too_many_rows.
ImportResult read_upload_rows(const UploadedFile& file, const ImportLimits& limits,
                              const RowCallback& on_row);

struct RecipientFileRow {
    std::size_t number = 0; // the row number a person sees in Excel
    // values[i] is the cell under wanted[i]'s column ("" when empty or when the column is
    // absent). Views into the reader's buffers: valid during the callback only.
    std::vector<std::string_view> values;
};
using RecipientFileRowCallback = std::function<bool(const RecipientFileRow&)>;
// Told the header row before any data row (e.g. to offer its columns for template variables).
using HeaderCallback = std::function<void(const FileRow& header)>;

// The first row with a value is the header; `wanted` columns are found in it by name
// (match_header); then each data row is passed on with the wanted columns' values. Errors: all
// of read_upload_rows', empty_file (no row at all), and missing_column naming every required
// column the header lacks (e.g. no "phone"); the callback has then been called for no data row.
ImportResult read_recipient_file(const UploadedFile& file, const ImportLimits& limits,
                                 const std::vector<WantedColumn>& wanted,
                                 const RecipientFileRowCallback& on_row,
                                 const HeaderCallback& on_header = nullptr);

} // namespace waconsole
