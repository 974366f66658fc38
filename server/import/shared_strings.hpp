// The workbook's shared string table (xl/sharedStrings.xml): cells with t="s" hold an index into
// it. Kept as one pooled buffer and end offsets, since 100,000 names as separate std::strings
// would cost several times their bytes.
#pragma once

#include "server/import/import_error.hpp"
#include "server/import/import_limits.hpp"
#include "server/import/zip_package.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace waconsole {

class SharedStrings {
public:
    std::size_t size() const { return m_ends.size(); }
    // Precondition: index < size().
    std::string_view at(std::size_t index) const {
        const std::size_t begin = index == 0 ? 0 : m_ends[index - 1];
        return std::string_view(m_pool).substr(begin, m_ends[index] - begin);
    }
    void append(std::string_view text) {
        m_pool.append(text);
        m_ends.push_back(m_pool.size());
    }
    std::size_t pooled_bytes() const { return m_pool.size(); }
    // Room for about `bytes` of text, so the pool is not copied as it grows (reserved memory
    // that is never written costs no RSS).
    void reserve(std::size_t bytes) { m_pool.reserve(bytes); }

private:
    std::string m_pool;
    std::vector<std::size_t> m_ends;
};

// Each <si> is one string: its <t> text, or the <t> of each rich text run <r> joined; phonetic
// guides (<rPh>) are not part of the text. Errors: those of parse_part, cell_too_long, and
// file_too_large past ImportLimits::max_shared_strings_bytes.
ImportResult read_shared_strings(ZipPackage& package, const std::string& part,
                                 const ImportLimits& limits, SharedStrings& strings);

} // namespace waconsole
