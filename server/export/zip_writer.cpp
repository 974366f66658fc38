// The zip format as PKWARE's APPNOTE describes it: per entry a local header, its deflated bytes
// (the header's CRC and sizes filled in afterwards by seeking back, so no data descriptor), then
// the central directory and its end record.
#include "server/export/zip_writer.hpp"

#include "server/export/xlsx_error.hpp"

#include <isa-l/crc.h>
#include <isa-l/igzip_lib.h>
#include <limits>

namespace waconsole {
namespace {

constexpr std::size_t kOutputBytes = 256 * 1024;
// ISA-L's level 1 (of 0-3): on a 100,000-row campaign detail (~50 MB of sheet XML) it deflates
// in about a third of zlib level 1's time to a slightly smaller file (docs/architecture.md).
constexpr int kLevel = 1;
constexpr std::size_t kLevelBufferBytes = ISAL_DEF_LVL1_DEFAULT;
constexpr std::uint64_t kZip32Limit = std::numeric_limits<std::uint32_t>::max();
// 1980-01-01 00:00 in MS-DOS format: a fixed stamp, so the same rows give the same file.
constexpr std::uint16_t kDosTime = 0;
constexpr std::uint16_t kDosDate = (0 << 9) | (1 << 5) | 1;
constexpr std::uint16_t kVersion = 20; // 2.0: deflate
constexpr std::uint16_t kDeflate = 8;

// Little-endian fields, appended.
struct Record {
    std::string bytes;
    Record& u16(std::uint64_t value) {
        bytes.push_back(static_cast<char>(value & 0xFF));
        bytes.push_back(static_cast<char>((value >> 8) & 0xFF));
        return *this;
    }
    Record& u32(std::uint64_t value) { return u16(value & 0xFFFF).u16(value >> 16); }
    Record& text(const std::string& value) {
        bytes += value;
        return *this;
    }
};

void check_zip32(std::uint64_t value, const char* what) {
    if (value > kZip32Limit) {
        throw XlsxError(std::string("the export is too large: ") + what + " past 4 GiB");
    }
}

} // namespace

ZipWriter::ZipWriter(const std::string& path)
    : m_stream(std::make_unique<isal_zstream>()),
      m_level_buffer(std::make_unique<unsigned char[]>(kLevelBufferBytes)),
      m_out(std::make_unique<unsigned char[]>(kOutputBytes)) {
    m_file = std::fopen(path.c_str(), "wb");
    if (!m_file) {
        throw XlsxError("cannot create " + path);
    }
    isal_deflate_init(m_stream.get());
    m_stream->level = kLevel;
    m_stream->level_buf = m_level_buffer.get();
    m_stream->level_buf_size = static_cast<std::uint32_t>(kLevelBufferBytes);
    m_stream->gzip_flag = IGZIP_DEFLATE; // raw deflate: the zip entry carries its own CRC
}

ZipWriter::~ZipWriter() {
    if (m_file) {
        std::fclose(m_file); // an unfinished archive: the caller drops the file
    }
}

void ZipWriter::put(const void* bytes, std::size_t size) {
    if (size > 0 && std::fwrite(bytes, 1, size, m_file) != size) {
        throw XlsxError("cannot write the export file");
    }
    m_offset += size;
}

void ZipWriter::begin_entry(const std::string& name) {
    if (m_in_entry) {
        end_entry();
    }
    check_zip32(m_offset, "the archive");
    Entry entry;
    entry.name = name;
    entry.header_offset = m_offset;
    Record header;
    header.u32(0x04034b50).u16(kVersion).u16(0).u16(kDeflate).u16(kDosTime).u16(kDosDate);
    header.u32(0).u32(0).u32(0); // CRC and sizes: written by end_entry
    header.u16(name.size()).u16(0).text(name);
    put(header.bytes.data(), header.bytes.size());
    m_entries.push_back(std::move(entry));
    isal_deflate_reset(m_stream.get()); // keeps the level and its buffer
    m_stream->end_of_stream = 0;
    m_in_entry = true;
}

void ZipWriter::write(std::string_view bytes) {
    if (!m_in_entry) {
        throw XlsxError("zip: bytes written outside an entry");
    }
    auto& entry = m_entries.back();
    entry.size += bytes.size();
    // ISA-L's counts are 32-bit: feed a huge buffer in pieces.
    while (!bytes.empty()) {
        const auto piece = std::min<std::size_t>(bytes.size(), 1u << 30);
        auto* data = reinterpret_cast<std::uint8_t*>(const_cast<char*>(bytes.data()));
        entry.crc = crc32_gzip_refl(entry.crc, data, piece); // zip's CRC is gzip's
        m_stream->next_in = data;
        m_stream->avail_in = static_cast<std::uint32_t>(piece);
        deflate_into_file();
        bytes.remove_prefix(piece);
    }
}

// Deflates until the input is used up or, at the end of the stream, until the stream is ended.
void ZipWriter::deflate_into_file() {
    for (;;) {
        m_stream->next_out = m_out.get();
        m_stream->avail_out = static_cast<std::uint32_t>(kOutputBytes);
        if (isal_deflate(m_stream.get()) != COMP_OK) {
            throw XlsxError("deflate failed");
        }
        const std::size_t produced = kOutputBytes - m_stream->avail_out;
        put(m_out.get(), produced);
        m_entries.back().compressed += produced;
        const bool done = m_stream->end_of_stream
                              ? m_stream->internal_state.state == ZSTATE_END
                              : m_stream->avail_in == 0 && m_stream->avail_out != 0;
        if (done) {
            return;
        }
    }
}

void ZipWriter::end_entry() {
    if (!m_in_entry) {
        return;
    }
    m_stream->next_in = nullptr;
    m_stream->avail_in = 0;
    m_stream->end_of_stream = 1;
    deflate_into_file();
    m_in_entry = false;
    const auto& entry = m_entries.back();
    check_zip32(entry.size, entry.name.c_str());
    check_zip32(entry.compressed, entry.name.c_str());
    Record sizes;
    sizes.u32(entry.crc).u32(entry.compressed).u32(entry.size);
    // The CRC and sizes sit 14 bytes into the local header.
    if (std::fseek(m_file, static_cast<long>(entry.header_offset + 14), SEEK_SET) != 0 ||
        std::fwrite(sizes.bytes.data(), 1, sizes.bytes.size(), m_file) != sizes.bytes.size() ||
        std::fseek(m_file, 0, SEEK_END) != 0) {
        throw XlsxError("cannot write the export file");
    }
}

void ZipWriter::close() {
    end_entry();
    check_zip32(m_offset, "the archive");
    const std::uint64_t directory_offset = m_offset;
    for (const auto& entry : m_entries) {
        Record header;
        header.u32(0x02014b50).u16(kVersion).u16(kVersion).u16(0).u16(kDeflate);
        header.u16(kDosTime).u16(kDosDate).u32(entry.crc).u32(entry.compressed).u32(entry.size);
        header.u16(entry.name.size()).u16(0).u16(0); // name, extra field, comment lengths
        header.u16(0).u16(0).u32(0);                 // disk, internal and external attributes
        header.u32(entry.header_offset).text(entry.name);
        put(header.bytes.data(), header.bytes.size());
    }
    const std::uint64_t directory_size = m_offset - directory_offset;
    if (m_entries.size() > 0xFFFF) {
        throw XlsxError("the export has too many parts for a zip file");
    }
    Record end;
    end.u32(0x06054b50).u16(0).u16(0).u16(m_entries.size()).u16(m_entries.size());
    end.u32(directory_size).u32(directory_offset).u16(0);
    put(end.bytes.data(), end.bytes.size());
    std::FILE* file = m_file;
    m_file = nullptr;
    if (std::fclose(file) != 0) {
        throw XlsxError("cannot write the export file");
    }
}

} // namespace waconsole
