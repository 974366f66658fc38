// Finding the wanted columns in a header row by name: case and surrounding spaces ignored, any
// column order, so "Phone", " PHONE " and "phone" all match "phone".
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace waconsole {

struct WantedColumn {
    std::string name;
    bool required = false;
};

struct HeaderMatch {
    // index[i]: the file's column for wanted[i], or nullopt when the header lacks it. When a
    // name stands twice, the first (leftmost) column is taken.
    std::vector<std::optional<std::size_t>> index;
    // Names of required columns the header lacks, in the order they were wanted.
    std::vector<std::string> missing_required;
};

HeaderMatch match_header(const std::vector<std::string>& header,
                         const std::vector<WantedColumn>& wanted);

// The form names are compared in: ASCII letters lowered, spaces (and no-break spaces) trimmed
// and runs of them folded to one space. Letters beyond ASCII are compared as written.
std::string header_key(std::string_view name);

} // namespace waconsole
