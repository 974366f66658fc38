// Reads xl/workbook.xml and its relationships. Both parts are small; they are still streamed
// through expat like every other part, under the same limits.
#include "server/import/workbook_index.hpp"

#include "server/import/xml_stream.hpp"

#include <cstring>
#include <vector>

namespace waconsole {
namespace {

constexpr const char* workbook_part = "xl/workbook.xml";
constexpr const char* workbook_rels_part = "xl/_rels/workbook.xml.rels";

bool ends_with(const std::string& text, std::string_view suffix) {
    return text.size() >= suffix.size() &&
           text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

class WorkbookHandler : public XmlHandler {
public:
    void on_start(std::string_view name, const char** attributes) override {
        if (name == "sheet" && !m_found) {
            const char* sheet_name = find_attribute(attributes, "name");
            const char* relationship = find_attribute(attributes, "id");
            if (relationship != nullptr) {
                m_found = true;
                sheet_name_found = sheet_name == nullptr ? "" : sheet_name;
                relationship_id = relationship;
            }
        } else if (name == "workbookPr") {
            const char* value = find_attribute(attributes, "date1904");
            date1904 = value != nullptr &&
                       (std::strcmp(value, "1") == 0 || std::strcmp(value, "true") == 0);
        }
    }
    void on_end(std::string_view) override {}
    void on_text(const char*, std::size_t) override {}

    std::string sheet_name_found;
    std::string relationship_id;
    bool date1904 = false;

private:
    bool m_found = false;
};

class RelationshipsHandler : public XmlHandler {
public:
    explicit RelationshipsHandler(std::string wanted_id) : m_wanted_id(std::move(wanted_id)) {}

    void on_start(std::string_view name, const char** attributes) override {
        if (name != "Relationship") {
            return;
        }
        const char* id = find_attribute(attributes, "Id");
        const char* target = find_attribute(attributes, "Target");
        const char* type = find_attribute(attributes, "Type");
        if (id == nullptr || target == nullptr) {
            return;
        }
        const std::string type_text = type == nullptr ? "" : type;
        if (id == m_wanted_id) {
            sheet_target = target;
        } else if (ends_with(type_text, "/sharedStrings")) {
            shared_strings_target = target;
        } else if (ends_with(type_text, "/styles")) {
            styles_target = target;
        }
    }
    void on_end(std::string_view) override {}
    void on_text(const char*, std::size_t) override {}

    std::string sheet_target;
    std::string shared_strings_target;
    std::string styles_target;

private:
    std::string m_wanted_id;
};

// The part a relationship names, else the usual name; "" when neither is in the package (some
// writers list a part they never wrote: the workbook then simply has none).
std::string existing_part(const ZipPackage& package, const std::string& target,
                          const std::string& usual) {
    const std::string named = target.empty() ? usual : resolve_part_target("xl/", target);
    if (package.has_part(named)) {
        return named;
    }
    return package.has_part(usual) ? usual : "";
}

} // namespace

std::string resolve_part_target(const std::string& base_folder, const std::string& target) {
    std::string joined =
        !target.empty() && target[0] == '/' ? target.substr(1) : base_folder + target;
    std::vector<std::string> segments;
    std::size_t start = 0;
    while (start <= joined.size()) {
        const auto slash = joined.find('/', start);
        const auto end = slash == std::string::npos ? joined.size() : slash;
        const std::string segment = joined.substr(start, end - start);
        if (segment == "..") {
            if (!segments.empty()) {
                segments.pop_back();
            }
        } else if (!segment.empty() && segment != ".") {
            segments.push_back(segment);
        }
        start = end + 1;
    }
    std::string path;
    for (const auto& segment : segments) {
        path += path.empty() ? segment : "/" + segment;
    }
    return path;
}

ImportResult read_workbook_index(ZipPackage& package, WorkbookIndex& index) {
    if (!package.has_part(workbook_part)) {
        return ImportError{ImportErrorCode::not_xlsx,
                           "The file is a zip archive but not an Excel workbook: it has no "
                           "xl/workbook.xml."};
    }
    WorkbookHandler workbook;
    if (ImportResult error = parse_part(package, workbook_part, workbook)) {
        return error;
    }
    if (workbook.relationship_id.empty()) {
        return ImportError{ImportErrorCode::no_sheet, "The Excel file has no sheet."};
    }
    RelationshipsHandler relationships(workbook.relationship_id);
    if (package.has_part(workbook_rels_part)) {
        if (ImportResult error = parse_part(package, workbook_rels_part, relationships)) {
            return error;
        }
    }
    if (relationships.sheet_target.empty()) {
        return ImportError{ImportErrorCode::no_sheet,
                           "The Excel file is damaged: its first sheet \"" +
                               workbook.sheet_name_found +
                               "\" points to no part (xl/_rels/workbook.xml.rels)."};
    }
    index.first_sheet_name = workbook.sheet_name_found;
    index.first_sheet_part = resolve_part_target("xl/", relationships.sheet_target);
    index.date1904 = workbook.date1904;
    index.shared_strings_part =
        existing_part(package, relationships.shared_strings_target, "xl/sharedStrings.xml");
    index.styles_part = existing_part(package, relationships.styles_target, "xl/styles.xml");
    if (!package.has_part(index.first_sheet_part)) {
        return ImportError{ImportErrorCode::no_sheet,
                           "The Excel file is damaged: its first sheet \"" +
                               index.first_sheet_name + "\" (" + index.first_sheet_part +
                               ") is missing."};
    }
    return std::nullopt;
}

} // namespace waconsole
