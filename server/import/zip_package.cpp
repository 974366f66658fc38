// libzip behind ZipPackage. Why both a declared-size check and counting: the central directory's
// sizes let a bomb be refused before any work, but they are written by whoever made the file, so
// the bytes really inflated are counted too and reading stops the moment a limit is passed.
#include "server/import/zip_package.hpp"

#include <algorithm>
#include <memory>
#include <vector>
#include <zip.h>

namespace waconsole {
namespace {

ImportError error(ImportErrorCode code, std::string message) {
    return ImportError{code, std::move(message)};
}

ImportError open_error(int libzip_code) {
    switch (libzip_code) {
    case ZIP_ER_NOZIP:
        // Only a file that starts like a zip is opened as one (upload_kind.hpp), so no zip
        // directory means damaged or cut short, most often an interrupted upload.
        return error(ImportErrorCode::corrupt_zip,
                     "The Excel file is damaged or incomplete: it starts like a workbook but its "
                     "zip directory is missing (was the upload cut short?). Upload it again.");
    case ZIP_ER_OPEN:
    case ZIP_ER_NOENT:
    case ZIP_ER_READ:
        return error(ImportErrorCode::file_unreadable, "The uploaded file could not be read.");
    case ZIP_ER_MEMORY:
        return error(ImportErrorCode::file_unreadable,
                     "The server ran out of memory opening the file.");
    default:
        return error(ImportErrorCode::corrupt_zip,
                     "The Excel file is damaged (its zip structure is inconsistent): open it in "
                     "Excel and save it again.");
    }
}

std::string mebibytes(std::uint64_t bytes) {
    return std::to_string(bytes >> 20) + " MiB";
}

ImportError bomb(const std::string& part, const std::string& why) {
    return error(ImportErrorCode::zip_bomb,
                 "The file is refused: its part " + part + " " + why +
                     " (a zip bomb, or a sheet far larger than any recipient list).");
}

} // namespace

ZipPackage::~ZipPackage() {
    if (m_archive != nullptr) {
        zip_discard(m_archive);
    }
}

ImportResult ZipPackage::open_path(const std::string& path) {
    int code = 0;
    m_archive = zip_open(path.c_str(), ZIP_RDONLY, &code);
    if (m_archive == nullptr) {
        return open_error(code);
    }
    return check_entries();
}

ImportResult ZipPackage::open_buffer(const void* bytes, std::size_t size) {
    zip_error_t source_error;
    zip_error_init(&source_error);
    zip_source_t* source = zip_source_buffer_create(bytes, size, 0, &source_error);
    if (source == nullptr) {
        zip_error_fini(&source_error);
        return error(ImportErrorCode::file_unreadable, "The uploaded file could not be read.");
    }
    m_archive = zip_open_from_source(source, ZIP_RDONLY, &source_error);
    const int code = zip_error_code_zip(&source_error);
    zip_error_fini(&source_error);
    if (m_archive == nullptr) {
        zip_source_free(source);
        return open_error(code);
    }
    return check_entries();
}

ImportResult ZipPackage::check_entries() {
    const zip_int64_t count = zip_get_num_entries(m_archive, 0);
    for (zip_int64_t index = 0; index < count; ++index) {
        zip_stat_t stat;
        zip_stat_init(&stat);
        if (zip_stat_index(m_archive, static_cast<zip_uint64_t>(index), 0, &stat) != 0) {
            return open_error(ZIP_ER_INCONS);
        }
        if ((stat.valid & ZIP_STAT_ENCRYPTION_METHOD) != 0 &&
            stat.encryption_method != ZIP_EM_NONE) {
            return error(ImportErrorCode::encrypted,
                         "The file is password-protected (its zip entries are encrypted): remove "
                         "the password in Excel and upload it again.");
        }
    }
    return std::nullopt;
}

bool ZipPackage::has_part(const std::string& name) const {
    return zip_name_locate(m_archive, name.c_str(), ZIP_FL_NOCASE) >= 0;
}

std::uint64_t ZipPackage::declared_size(const std::string& name) const {
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat(m_archive, name.c_str(), ZIP_FL_NOCASE, &stat) != 0 ||
        (stat.valid & ZIP_STAT_SIZE) == 0) {
        return 0;
    }
    return stat.size;
}

ImportResult ZipPackage::stream_part(const std::string& name, const ChunkCallback& on_chunk) {
    const zip_int64_t index = zip_name_locate(m_archive, name.c_str(), ZIP_FL_NOCASE);
    if (index < 0) {
        return error(ImportErrorCode::no_sheet,
                     "The Excel file is incomplete: it has no part " + name + ".");
    }
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(m_archive, static_cast<zip_uint64_t>(index), 0, &stat) != 0) {
        return open_error(ZIP_ER_INCONS);
    }
    // Refuse on the declared sizes first: no inflating at all for an honest bomb.
    if ((stat.valid & ZIP_STAT_SIZE) != 0) {
        if (stat.size > m_limits.max_entry_inflated_bytes) {
            return bomb(name, "would inflate to " + mebibytes(stat.size) + ", over the limit of " +
                                  mebibytes(m_limits.max_entry_inflated_bytes));
        }
        if (m_total_inflated + stat.size > m_limits.max_total_inflated_bytes) {
            return bomb(name, "would take the whole file past " +
                                  mebibytes(m_limits.max_total_inflated_bytes) + " inflated");
        }
        if ((stat.valid & ZIP_STAT_COMP_SIZE) != 0 &&
            stat.size >= m_limits.ratio_check_from_bytes &&
            stat.size > stat.comp_size * m_limits.max_compression_ratio) {
            return bomb(name, "is compressed more than " +
                                  std::to_string(m_limits.max_compression_ratio) + " to 1");
        }
    }

    std::unique_ptr<zip_file_t, decltype(&zip_fclose)> file(
        zip_fopen_index(m_archive, static_cast<zip_uint64_t>(index), 0), &zip_fclose);
    if (!file) {
        const int code = zip_error_code_zip(zip_get_error(m_archive));
        if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD) {
            return error(ImportErrorCode::encrypted,
                         "The file is password-protected: remove the password in Excel and "
                         "upload it again.");
        }
        if (code == ZIP_ER_COMPNOTSUPP || code == ZIP_ER_ENCRNOTSUPP) {
            return error(ImportErrorCode::not_xlsx,
                         "The file's part " + name +
                             " uses a compression Excel does not: it is not a real .xlsx.");
        }
        return open_error(code);
    }

    const std::uint64_t compressed =
        (stat.valid & ZIP_STAT_COMP_SIZE) != 0 ? std::max<std::uint64_t>(stat.comp_size, 1) : 1;
    std::vector<char> buffer(std::max<std::size_t>(m_limits.read_buffer_bytes, 1));
    std::uint64_t inflated = 0;
    for (;;) {
        const zip_int64_t got = zip_fread(file.get(), buffer.data(), buffer.size());
        if (got < 0) {
            const int code = zip_error_code_zip(zip_file_get_error(file.get()));
            if (code == ZIP_ER_CRC) {
                return error(ImportErrorCode::corrupt_zip,
                             "The Excel file is damaged: its part " + name +
                                 " fails its checksum. Open it in Excel and save it again.");
            }
            return error(ImportErrorCode::corrupt_zip,
                         "The Excel file is damaged: its part " + name +
                             " cannot be inflated. Open it in Excel and save it again.");
        }
        if (got == 0) {
            return std::nullopt;
        }
        inflated += static_cast<std::uint64_t>(got);
        m_total_inflated += static_cast<std::uint64_t>(got);
        if (inflated > m_limits.max_entry_inflated_bytes) {
            return bomb(name, "inflates past " + mebibytes(m_limits.max_entry_inflated_bytes));
        }
        if (m_total_inflated > m_limits.max_total_inflated_bytes) {
            return bomb(name, "takes the whole file past " +
                                  mebibytes(m_limits.max_total_inflated_bytes) + " inflated");
        }
        if (inflated >= m_limits.ratio_check_from_bytes &&
            inflated > compressed * m_limits.max_compression_ratio) {
            return bomb(name, "is compressed more than " +
                                  std::to_string(m_limits.max_compression_ratio) + " to 1");
        }
        if (!on_chunk(buffer.data(), static_cast<std::size_t>(got))) {
            return std::nullopt;
        }
    }
}

} // namespace waconsole
