// Streams sharedStrings.xml into SharedStrings; text is only taken inside <si>'s <t> (directly or
// in a run), never inside <rPh>, whose <t> holds the reading of Japanese text, not the cell's.
#include "server/import/shared_strings.hpp"

#include "server/import/cell_text.hpp"
#include "server/import/xml_stream.hpp"

#include <algorithm>

namespace waconsole {
namespace {

class SharedStringsHandler : public XmlHandler {
public:
    SharedStringsHandler(const ImportLimits& limits, SharedStrings& strings)
        : m_limits(limits), m_strings(strings) {}

    void on_start(std::string_view name, const char**) override {
        if (name == "si") {
            m_in_item = true;
            m_text.clear();
        } else if (name == "rPh") {
            m_in_phonetic = true;
        } else if (name == "t" && m_in_item && !m_in_phonetic) {
            m_in_text = true;
        }
    }
    void on_end(std::string_view name) override {
        if (name == "t") {
            m_in_text = false;
        } else if (name == "rPh") {
            m_in_phonetic = false;
        } else if (name == "si" && m_in_item) {
            m_in_item = false;
            decode_xstring_escapes(m_text);
            m_strings.append(m_text);
            if (m_strings.pooled_bytes() > m_limits.max_shared_strings_bytes) {
                stop(ImportError{ImportErrorCode::file_too_large,
                                 "The file's text (its shared strings) is over " +
                                     std::to_string(m_limits.max_shared_strings_bytes >> 20) +
                                     " MiB: far more than a recipient list holds."});
            }
        }
    }
    void on_text(const char* data, std::size_t size) override {
        if (!m_in_text) {
            return;
        }
        m_text.append(data, size);
        if (m_text.size() > m_limits.max_cell_bytes) {
            stop(cell_too_long_error(m_limits.max_cell_bytes, 0));
        }
    }

private:
    const ImportLimits& m_limits;
    SharedStrings& m_strings;
    std::string m_text;
    bool m_in_item = false;
    bool m_in_phonetic = false;
    bool m_in_text = false;
};

} // namespace

ImportResult read_shared_strings(ZipPackage& package, const std::string& part,
                                 const ImportLimits& limits, SharedStrings& strings) {
    // The text is at most the part's size, and the markup around it usually half of that.
    const std::uint64_t declared = package.declared_size(part);
    strings.reserve(static_cast<std::size_t>(
        std::min<std::uint64_t>(declared / 2 + 4096, limits.max_shared_strings_bytes)));
    SharedStringsHandler handler(limits, strings);
    return parse_part(package, part, handler);
}

} // namespace waconsole
