// The sample .xlsx of a template, written to a temporary file and read back whole (it is small).
#include "server/campaigns/sample_file.hpp"

#include "server/export/xlsx_workbook.hpp"
#include "shared/campaign_variables.hpp"
#include "shared/meta_limits.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace waconsole {
namespace {

struct TempPath {
    std::string path;
    ~TempPath() { std::remove(path.c_str()); }
};

std::string column_note(const std::string& column, const std::string& variable) {
    if (column == "phone") {
        return "The customer's WhatsApp number with its country code, e.g. +34 600 000 001 or "
               "0034600000001. Required on every row.";
    }
    if (column == "name") {
        return "The customer's name, shown in the review and the campaign's history. Optional.";
    }
    if (variable.rfind("header.", 0) == 0) {
        return "What replaces {{" + variable.substr(7) + "}} in the header (at most " +
               std::to_string(kMaxTemplateHeaderCharacters) + " characters in all).";
    }
    if (variable.rfind("button.", 0) == 0) {
        return "The end of the button's web address (what replaces {{1}} in its URL).";
    }
    return "What replaces {{" + variable +
           "}} in the message. One line: no line breaks or tabs, "
           "at most 4 spaces in a row; the whole message at most " +
           std::to_string(kMaxTemplateBodyCharacters) + " characters.";
}

} // namespace

std::string sample_file_name(const CampaignTemplateView& view) {
    std::string name = view.record.name + "-" + view.record.language + "-sample.xlsx";
    for (auto& c : name) {
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) {
            c = '_';
        }
    }
    return name;
}

std::string sample_file_bytes(const CampaignTemplateView& view) {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "waconsole-sample-XXXXXX").string();
    const int fd = mkstemp(pattern.data());
    if (fd < 0) {
        throw XlsxError("no temporary file for the sample");
    }
    ::close(fd);
    TempPath file{pattern};
    const auto columns = sample_file_columns(view.variables);
    const auto examples = example_values(view);
    {
        XlsxWorkbook workbook(file.path, false);
        workbook.add_sheet("Recipients");
        for (std::size_t at = 0; at < columns.size(); ++at) {
            workbook.write_header(static_cast<int>(at), columns[at]);
            workbook.set_column_width(static_cast<int>(at), at == 0 ? 20 : 18);
        }
        workbook.write_text(1, 0, "+34600000001");
        workbook.write_text(1, 1, "Ana Pérez");
        for (std::size_t at = 0; at < view.variables.size(); ++at) {
            const auto& example = at < examples.size() ? examples[at] : std::string();
            workbook.write_text(1, static_cast<int>(at + 2),
                                example.empty() ? "value " + std::to_string(at + 1) : example);
        }
        workbook.freeze_header_row();
        workbook.add_sheet("How to fill in");
        workbook.set_column_width(0, 18);
        workbook.set_column_width(1, 90);
        workbook.write_header(0, "Column");
        workbook.write_header(1, "What it takes");
        for (std::size_t at = 0; at < columns.size(); ++at) {
            const std::string variable = at >= 2 ? view.variables[at - 2] : "";
            workbook.write_text(static_cast<int>(at + 1), 0, columns[at]);
            workbook.write_text(static_cast<int>(at + 1), 1, column_note(columns[at], variable));
        }
        const int last = static_cast<int>(columns.size()) + 2;
        workbook.write_text(last, 0, "Template");
        workbook.write_text(last, 1,
                            view.record.name + " (" + view.record.language + ", " +
                                view.record.category + "): " + view.layout.body);
        workbook.write_text(last + 1, 0, "Rows");
        workbook.write_text(last + 1, 1,
                            "One recipient per row on the first sheet, under its header row. "
                            "Keep the header; the columns may be in any order. Delete the "
                            "example row.");
        workbook.close();
    }
    std::ifstream in(file.path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

} // namespace waconsole
