// A zip archive written front to back, one entry at a time, each deflated as its bytes arrive by
// Intel's ISA-L (Debian's libisal, several times zlib's speed at a like size): an entry of any size
// costs the archive under a megabyte of memory. Only what an .xlsx needs: deflate, ASCII names,
// no ZIP64 (an entry or the archive past 4 GiB is an error).
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct isal_zstream;

namespace waconsole {

class ZipWriter {
public:
    // Creates (or truncates) the file; throws XlsxError when it cannot.
    explicit ZipWriter(const std::string& path);
    ~ZipWriter();
    ZipWriter(const ZipWriter&) = delete;
    ZipWriter& operator=(const ZipWriter&) = delete;

    // Starts an entry (ending the one before). Names are paths inside the archive
    // ("xl/styles.xml"), each used once.
    void begin_entry(const std::string& name);
    void write(std::string_view bytes);
    // Ends the current entry: its CRC and sizes go into its local header.
    void end_entry();
    // Ends the current entry and writes the central directory; the file is complete only once
    // this returns. Every call above and this one throw XlsxError on an I/O error.
    void close();

private:
    struct Entry {
        std::string name;
        std::uint32_t crc = 0;
        std::uint64_t compressed = 0;
        std::uint64_t size = 0;
        std::uint64_t header_offset = 0;
    };

    void deflate_into_file();
    void put(const void* bytes, std::size_t size);

    std::FILE* m_file = nullptr;
    std::unique_ptr<isal_zstream> m_stream;
    std::unique_ptr<unsigned char[]> m_level_buffer; // ISA-L's working memory for its level
    bool m_in_entry = false;
    std::vector<Entry> m_entries;
    std::uint64_t m_offset = 0; // bytes written to the file so far
    std::unique_ptr<unsigned char[]> m_out;
};

} // namespace waconsole
