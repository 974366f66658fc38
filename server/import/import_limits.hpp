// The limits an upload is read under. Defaults fit the product (a million recipients, Excel's own
// cell size) with room to spare; tests lower them to reach each limit with small files.
#pragma once

#include <cstddef>
#include <cstdint>

namespace waconsole {

struct ImportLimits {
    // The upload itself, before anything is inflated.
    std::uint64_t max_file_bytes = 64ull << 20;
    // Data rows after the header (empty rows are not counted).
    std::size_t max_rows = 1'000'000;
    // Excel itself holds at most 32,767 characters in a cell.
    std::size_t max_cell_bytes = 32'767 * 4;

    // Zip bomb guards, checked against the sizes the archive declares before inflating and
    // again against the bytes really inflated (a declared size can lie).
    std::uint64_t max_entry_inflated_bytes = 768ull << 20;
    std::uint64_t max_total_inflated_bytes = 1ull << 30;
    // Inflated / compressed. Deflate reaches ~1000:1 on crafted input; real sheets stay far
    // below 100:1. Checked only once an entry has inflated past ratio_check_from_bytes, since
    // tiny parts can have odd ratios and harm nobody.
    std::uint64_t max_compression_ratio = 200;
    std::uint64_t ratio_check_from_bytes = 1ull << 20;
    // The shared strings are the one part held in memory (every other part streams).
    std::uint64_t max_shared_strings_bytes = 256ull << 20;

    // Bytes read (or inflated) per step. Tests set it to a few bytes so that multi-byte UTF-8
    // characters and XML tags straddle every possible boundary.
    std::size_t read_buffer_bytes = 64 * 1024;
};

} // namespace waconsole
