// An .xlsx is a zip of XML parts. ZipPackage opens one (from a path or from memory) with libzip
// and streams a part's inflated bytes in chunks, enforcing the zip bomb limits on the sizes the
// archive declares and again on the bytes really inflated.
#pragma once

#include "server/import/import_error.hpp"
#include "server/import/import_limits.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

struct zip;

namespace waconsole {

class ZipPackage {
public:
    explicit ZipPackage(const ImportLimits& limits) : m_limits(limits) {}
    ~ZipPackage();
    ZipPackage(const ZipPackage&) = delete;
    ZipPackage& operator=(const ZipPackage&) = delete;

    // Opens the archive. Errors: file_unreadable, corrupt_zip (also: not a zip at all), encrypted
    // (any entry is encrypted: a password-protected archive).
    ImportResult open_path(const std::string& path);
    // `bytes` must outlive the package.
    ImportResult open_buffer(const void* bytes, std::size_t size);

    // Entry names are matched ignoring ASCII case, as Excel does.
    bool has_part(const std::string& name) const;

    // The inflated size the archive declares for a part (0 if unknown or absent): a hint only.
    std::uint64_t declared_size(const std::string& name) const;

    // Called with each inflated chunk; return false to stop (stream_part then returns nullopt).
    using ChunkCallback = std::function<bool(const char* data, std::size_t size)>;
    // Streams one part. Errors: no_sheet (no such part), zip_bomb, corrupt_zip, encrypted.
    ImportResult stream_part(const std::string& name, const ChunkCallback& on_chunk);

private:
    ImportResult check_entries();

    ImportLimits m_limits;
    zip* m_archive = nullptr;
    std::uint64_t m_total_inflated = 0;
};

} // namespace waconsole
