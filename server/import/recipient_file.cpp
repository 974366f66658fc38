// Dispatch of an upload to the .xlsx or the CSV reader, and the header matching on top. The size
// limit is checked before anything is opened, and the file is read in chunks of
// limits.read_buffer_bytes whether it is on disk or in memory.
#include "server/import/recipient_file.hpp"

#include "server/import/csv_rows.hpp"
#include "server/import/upload_kind.hpp"
#include "server/import/xlsx_rows.hpp"
#include "server/import/zip_package.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <sys/stat.h>

namespace waconsole {
namespace {

constexpr std::size_t sniff_bytes = 4096;

using File = std::unique_ptr<std::FILE, decltype(&std::fclose)>;

ImportError unreadable() {
    return ImportError{ImportErrorCode::file_unreadable, "The uploaded file could not be read."};
}

ImportError too_large(std::uint64_t limit) {
    const std::string size = limit >= (1u << 20) ? std::to_string(limit >> 20) + " MiB"
                                                 : std::to_string(limit) + " bytes";
    return ImportError{ImportErrorCode::file_too_large,
                       "The file is larger than " + size + ": split it into several files."};
}

// Passes the file's bytes in chunks to `on_chunk` until it returns false; false if the file
// could not be read.
template <typename OnChunk>
bool read_chunks(const UploadedFile& file, std::size_t chunk_size, OnChunk on_chunk) {
    chunk_size = std::max<std::size_t>(chunk_size, 1);
    if (file.path.empty()) {
        for (std::size_t at = 0; at < file.bytes.size(); at += chunk_size) {
            const auto piece = file.bytes.substr(at, chunk_size);
            if (!on_chunk(piece.data(), piece.size())) {
                break;
            }
        }
        return true;
    }
    File handle(std::fopen(file.path.c_str(), "rb"), &std::fclose);
    if (!handle) {
        return false;
    }
    std::vector<char> buffer(chunk_size);
    for (;;) {
        const std::size_t got = std::fread(buffer.data(), 1, buffer.size(), handle.get());
        if (got == 0) {
            return std::ferror(handle.get()) == 0;
        }
        if (!on_chunk(buffer.data(), got)) {
            return true;
        }
    }
}

// The first bytes (for sniffing) or, with a large `limit`, the whole file.
bool read_prefix(const UploadedFile& file, std::size_t limit, std::string& out) {
    out.clear();
    return read_chunks(file, 64 * 1024, [&](const char* data, std::size_t size) {
        out.append(data, std::min(size, limit - out.size()));
        return out.size() < limit;
    });
}

} // namespace

ImportResult read_upload_rows(const UploadedFile& file, const ImportLimits& limits,
                              const RowCallback& on_row) {
    std::uint64_t size = file.bytes.size();
    if (!file.path.empty()) {
        struct stat info {};
        if (::stat(file.path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) {
            return unreadable();
        }
        size = static_cast<std::uint64_t>(info.st_size);
    }
    if (size > limits.max_file_bytes) {
        return too_large(limits.max_file_bytes);
    }
    std::string head;
    if (!read_prefix(file, sniff_bytes, head)) {
        return unreadable();
    }
    const auto kind = detect_upload_kind(file.name, head);
    if (const auto* error = std::get_if<ImportError>(&kind)) {
        return *error;
    }
    // and the header (a limit of SIZE_MAX stays one, rather than wrapping to 0)
    const std::size_t max_rows = limits.max_rows + (limits.max_rows < SIZE_MAX ? 1 : 0);
    switch (std::get<UploadKind>(kind)) {
    case UploadKind::compound_file: {
        std::string whole;
        if (!read_prefix(file, static_cast<std::size_t>(size), whole)) {
            return unreadable();
        }
        return compound_file_error(whole);
    }
    case UploadKind::xlsx: {
        ZipPackage package(limits);
        ImportResult error = file.path.empty()
                                 ? package.open_buffer(file.bytes.data(), file.bytes.size())
                                 : package.open_path(file.path);
        if (error) {
            return error;
        }
        return read_xlsx_rows(package, limits, max_rows, on_row);
    }
    case UploadKind::csv: {
        CsvRows csv(limits, max_rows, on_row);
        if (!read_chunks(file, limits.read_buffer_bytes,
                         [&](const char* data, std::size_t got) { return csv.feed(data, got); })) {
            return unreadable();
        }
        return csv.finish();
    }
    }
    return unreadable();
}

ImportResult read_recipient_file(const UploadedFile& file, const ImportLimits& limits,
                                 const std::vector<WantedColumn>& wanted,
                                 const RecipientFileRowCallback& on_row,
                                 const HeaderCallback& on_header) {
    bool have_header = false;
    HeaderMatch match;
    RecipientFileRow row;
    ImportResult header_error;
    ImportResult error = read_upload_rows(file, limits, [&](const FileRow& file_row) {
        if (!have_header) {
            have_header = true;
            match = match_header(file_row.cells, wanted);
            if (!match.missing_required.empty()) {
                std::string names, found;
                for (const auto& name : match.missing_required) {
                    names += (names.empty() ? "\"" : ", \"") + name + "\"";
                }
                for (const auto& cell : file_row.cells) {
                    found += (found.empty() ? "" : ", ") + cell;
                }
                header_error =
                    ImportError{ImportErrorCode::missing_column,
                                "The file has no column " + names + ": its header row (row " +
                                    std::to_string(file_row.number) + ") has " + found +
                                    ". Name the columns in the first row as in the sample file."};
                return false;
            }
            if (on_header) {
                on_header(file_row);
            }
            return true;
        }
        row.number = file_row.number;
        row.values.assign(wanted.size(), std::string_view());
        for (std::size_t i = 0; i < wanted.size(); ++i) {
            if (match.index[i] && *match.index[i] < file_row.cells.size()) {
                row.values[i] = file_row.cells[*match.index[i]];
            }
        }
        return on_row(row);
    });
    if (error) {
        return error;
    }
    if (header_error) {
        return header_error;
    }
    if (!have_header) {
        return ImportError{ImportErrorCode::empty_file,
                           "The file has no rows: not even a header row."};
    }
    return std::nullopt;
}

} // namespace waconsole
