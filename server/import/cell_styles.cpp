// Reads numFmts and cellXfs from styles.xml. The trap: cellStyleXfs also holds <xf> elements,
// and only the ones inside cellXfs are what a cell's s attribute counts.
#include "server/import/cell_styles.hpp"

#include "server/import/xml_stream.hpp"

#include <cstdlib>
#include <unordered_map>

namespace waconsole {
namespace {

class StylesHandler : public XmlHandler {
public:
    void on_start(std::string_view name, const char** attributes) override {
        if (name == "numFmt") {
            const char* id = find_attribute(attributes, "numFmtId");
            const char* code = find_attribute(attributes, "formatCode");
            if (id != nullptr && code != nullptr) {
                m_custom[std::strtol(id, nullptr, 10)] = date_style_of_format(code);
            }
        } else if (name == "cellXfs") {
            m_in_cell_xfs = true;
        } else if (name == "xf" && m_in_cell_xfs) {
            const char* id = find_attribute(attributes, "numFmtId");
            m_xf_formats.push_back(id == nullptr ? 0 : std::strtol(id, nullptr, 10));
        }
    }
    void on_end(std::string_view name) override {
        if (name == "cellXfs") {
            m_in_cell_xfs = false;
        }
    }
    void on_text(const char*, std::size_t) override {}

    void resolve(CellStyles& styles) const {
        styles.by_xf.clear();
        for (const long format : m_xf_formats) {
            const auto custom = m_custom.find(format);
            styles.by_xf.push_back(custom != m_custom.end() ? custom->second
                                                            : date_style_of_builtin(format));
        }
    }

private:
    bool m_in_cell_xfs = false;
    std::unordered_map<long, DateStyle> m_custom;
    std::vector<long> m_xf_formats;
};

} // namespace

DateStyle date_style_of_builtin(long id) {
    if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || id == 36 || (id >= 50 && id <= 58)) {
        return DateStyle::date;
    }
    if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) || (id >= 45 && id <= 47)) {
        return DateStyle::time;
    }
    return id == 22 ? DateStyle::date_time : DateStyle::none;
}

DateStyle date_style_of_format(std::string_view code) {
    bool year_or_day = false, month_or_minute = false, hour_or_second = false;
    for (std::size_t at = 0; at < code.size(); ++at) {
        const char c = code[at];
        if (c == '"') { // quoted literal text
            const auto close = code.find('"', at + 1);
            at = close == std::string_view::npos ? code.size() : close;
        } else if (c == '\\' || c == '_' || c == '*') { // the next character is literal/padding
            ++at;
        } else if (c == '[') { // [Red], [$-409], [DBNum1]; but [h] [mm] [ss] are elapsed times
            const auto close = code.find(']', at + 1);
            const auto inside =
                code.substr(at + 1, close == std::string_view::npos ? 0 : close - at - 1);
            if (!inside.empty() && inside.find_first_not_of("hHmMsS") == std::string_view::npos) {
                hour_or_second = true;
            }
            at = close == std::string_view::npos ? code.size() : close;
        } else if (c == ';') { // later sections are for negatives, zero and text: same kind
            break;
        } else {
            switch (c) {
            case 'y':
            case 'Y':
            case 'd':
            case 'D':
                year_or_day = true;
                break;
            case 'm':
            case 'M':
                month_or_minute = true;
                break;
            case 'h':
            case 'H':
            case 's':
            case 'S':
                hour_or_second = true;
                break;
            default:
                break;
            }
        }
    }
    // "m" is a month unless it sits among hours or seconds ("mm:ss", "h:mm").
    const bool has_date = year_or_day || (month_or_minute && !hour_or_second);
    if (has_date && hour_or_second) {
        return DateStyle::date_time;
    }
    if (has_date) {
        return DateStyle::date;
    }
    return hour_or_second ? DateStyle::time : DateStyle::none;
}

ImportResult read_cell_styles(ZipPackage& package, const std::string& part, CellStyles& styles) {
    StylesHandler handler;
    if (ImportResult error = parse_part(package, part, handler)) {
        return error;
    }
    handler.resolve(styles);
    return std::nullopt;
}

} // namespace waconsole
