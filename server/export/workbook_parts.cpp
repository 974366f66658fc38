// Small fixed XML: what Excel and LibreOffice need to open the sheets, nothing more (no theme,
// no document properties; the fonts name no theme so none is missing).
#include "server/export/workbook_parts.hpp"

#include "server/export/cell_text_xml.hpp"

namespace waconsole {
namespace {

constexpr const char* kXmlDeclaration =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
constexpr const char* kMainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr const char* kRelationshipTypes =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

// Text for a double-quoted XML attribute or an element: a cell's escaping, and the quote.
std::string escaped(const std::string& text) {
    std::string content;
    append_cell_text_xml(content, text);
    std::string out;
    for (const char c : content) {
        out += c == '"' ? std::string("&quot;") : std::string(1, c);
    }
    return out;
}

// "A1:K101" → "$A$1:$K$101", as defined names hold ranges.
std::string absolute_range(const std::string& range) {
    std::string out;
    bool in_letters = false, in_digits = false;
    for (const char c : range) {
        const bool letter = c >= 'A' && c <= 'Z', digit = c >= '0' && c <= '9';
        if ((letter && !in_letters) || (digit && !in_digits)) {
            out.push_back('$');
        }
        in_letters = letter;
        in_digits = digit;
        out.push_back(c);
    }
    return out;
}

void add_part(ZipWriter& zip, const std::string& name, const std::string& xml) {
    zip.begin_entry(name);
    zip.write(kXmlDeclaration);
    zip.write(xml);
    zip.end_entry();
}

std::string content_types(std::size_t sheet_count) {
    const std::string office = "application/vnd.openxmlformats-officedocument.spreadsheetml.";
    std::string xml =
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        "<Default Extension=\"rels\" "
        "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        "<Override PartName=\"/xl/workbook.xml\" ContentType=\"" +
        office + "sheet.main+xml\"/>";
    for (std::size_t i = 0; i < sheet_count; ++i) {
        xml += "<Override PartName=\"/" + worksheet_part(i) + "\" ContentType=\"" + office +
               "worksheet+xml\"/>";
    }
    xml += "<Override PartName=\"/xl/styles.xml\" ContentType=\"" + office + "styles+xml\"/>";
    return xml + "</Types>";
}

std::string package_relationships() {
    return std::string("<Relationships "
                       "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                       "<Relationship Id=\"rId1\" Type=\"") +
           kRelationshipTypes + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
}

// rId1… for the sheets in order, then the styles.
std::string workbook_relationships(std::size_t sheet_count) {
    std::string xml = "<Relationships "
                      "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
    for (std::size_t i = 0; i < sheet_count; ++i) {
        xml += "<Relationship Id=\"rId" + std::to_string(i + 1) + "\" Type=\"" +
               kRelationshipTypes + "/worksheet\" Target=\"worksheets/sheet" +
               std::to_string(i + 1) + ".xml\"/>";
    }
    xml += "<Relationship Id=\"rId" + std::to_string(sheet_count + 1) + "\" Type=\"" +
           kRelationshipTypes + "/styles\" Target=\"styles.xml\"/>";
    return xml + "</Relationships>";
}

std::string workbook(const std::vector<WorkbookSheet>& sheets, std::size_t active) {
    std::string xml = std::string("<workbook xmlns=\"") + kMainNamespace + "\" xmlns:r=\"" +
                      kRelationshipTypes + "\"><bookViews><workbookView activeTab=\"" +
                      std::to_string(active) + "\"/></bookViews><sheets>";
    std::string filters;
    for (std::size_t i = 0; i < sheets.size(); ++i) {
        const auto number = std::to_string(i + 1);
        xml += "<sheet name=\"" + escaped(sheets[i].name) + "\" sheetId=\"" + number +
               "\" r:id=\"rId" + number + "\"/>";
        if (!sheets[i].filter_range.empty()) {
            // Excel's own name for a sheet's autofilter; the sheet name quoted, ' doubled.
            std::string quoted;
            for (const char c : sheets[i].name) {
                quoted += c == '\'' ? std::string("''") : std::string(1, c);
            }
            filters += "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"" +
                       std::to_string(i) + "\" hidden=\"1\">" +
                       escaped("'" + quoted + "'!" + absolute_range(sheets[i].filter_range)) +
                       "</definedName>";
        }
    }
    xml += "</sheets>";
    if (!filters.empty()) {
        xml += "<definedNames>" + filters + "</definedNames>";
    }
    return xml + "</workbook>";
}

// Two fonts (regular, bold), the two fills Excel requires, one border, and the cell styles the
// sheet writer's attributes name: 0 default, 1 bold, 2 date-time.
std::string styles() {
    return std::string("<styleSheet xmlns=\"") + kMainNamespace +
           "\"><numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"" + kDateTimeFormat +
           "\"/></numFmts>"
           "<fonts count=\"2\"><font><sz val=\"11\"/><color rgb=\"FF000000\"/>"
           "<name val=\"Calibri\"/><family val=\"2\"/></font><font><b/><sz val=\"11\"/>"
           "<color rgb=\"FF000000\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>"
           "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
           "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
           "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border>"
           "</borders><cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" "
           "borderId=\"0\"/></cellStyleXfs><cellXfs count=\"3\">"
           "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
           "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
           "applyFont=\"1\"/>"
           "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" "
           "applyNumberFormat=\"1\"/></cellXfs>"
           "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/>"
           "</cellStyles><dxfs count=\"0\"/><tableStyles count=\"0\"/></styleSheet>";
}

} // namespace

std::string worksheet_part(std::size_t index) {
    return "xl/worksheets/sheet" + std::to_string(index + 1) + ".xml";
}

void write_workbook_parts(ZipWriter& zip, const std::vector<WorkbookSheet>& sheets,
                          std::size_t active) {
    add_part(zip, "[Content_Types].xml", content_types(sheets.size()));
    add_part(zip, "_rels/.rels", package_relationships());
    add_part(zip, "xl/workbook.xml", workbook(sheets, active));
    add_part(zip, "xl/_rels/workbook.xml.rels", workbook_relationships(sheets.size()));
    add_part(zip, "xl/styles.xml", styles());
}

} // namespace waconsole
