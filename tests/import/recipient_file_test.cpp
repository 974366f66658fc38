// read_recipient_file: the header row found by name in any order and case, the wanted columns'
// values per data row, and the missing phone column refused before any row is passed on.
#include "server/import/header_columns.hpp"
#include "server/import/recipient_file.hpp"
#include "workbook_builder.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;
using namespace waconsole::testing;

namespace {

const std::vector<WantedColumn> wanted{{"phone", true}, {"Name", false}, {"order id", false}};

struct Read {
    std::vector<std::pair<std::size_t, std::vector<std::string>>> rows;
    std::vector<std::string> header;
    ImportResult error;
};

Read read_recipients(const std::string& bytes, const std::string& name) {
    Read read;
    read.error = read_recipient_file(
        UploadedFile::in_memory(bytes, name), {}, wanted,
        [&](const RecipientFileRow& row) {
            read.rows.emplace_back(row.number,
                                   std::vector<std::string>(row.values.begin(), row.values.end()));
            return true;
        },
        [&](const FileRow& header) { read.header = header.cells; });
    return read;
}

} // namespace

TEST_CASE("header names match in any case, order and spacing") {
    struct Case {
        std::vector<std::string> header;
        std::vector<std::optional<std::size_t>> index;
    };
    const Case cases[] = {
        {{"phone", "name", "order id"}, {0, 1, 2}},
        {{"Order ID", " NAME ", "Phone"}, {2, 1, 0}},
        {{"amount", "PHONE", "order  id", "name"}, {1, 3, 2}},
        {{"phone", "phone", "name"}, {0, 2, std::nullopt}}, // the leftmost of a repeated name
        {{"\xC2\xA0phone\xC2\xA0", "e-mail"}, {0, std::nullopt, std::nullopt}},
    };
    for (const auto& c : cases) {
        const HeaderMatch match = match_header(c.header, wanted);
        CHECK(match.index == c.index);
        CHECK(match.missing_required.empty());
    }
    const HeaderMatch missing = match_header({"telefono", "name"}, wanted);
    CHECK(missing.missing_required == std::vector<std::string>{"phone"});
}

TEST_CASE("a recipient file gives the wanted columns of each data row, from xlsx or csv") {
    const std::string csv = "Name;Amount;PHONE\nAna;10;34600000001\n;;\nLuis;;+34 600 000 002\n";
    const std::string xlsx = workbook_bytes(
        {R"(<row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c><c r="B1" t="inlineStr"><is><t>Amount</t></is></c><c r="C1" t="inlineStr"><is><t>PHONE</t></is></c></row>)"
         R"(<row r="2"><c r="A2" t="inlineStr"><is><t>Ana</t></is></c><c r="B2"><v>10</v></c><c r="C2"><v>34600000001</v></c></row>)"
         R"(<row r="4"><c r="A4" t="inlineStr"><is><t>Luis</t></is></c><c r="C4" t="str"><v>+34 600 000 002</v></c></row>)"});
    for (const auto& [bytes, name] : {std::pair{csv, std::string("clients.csv")},
                                      std::pair{xlsx, std::string("clients.xlsx")}}) {
        INFO(name);
        const Read read = read_recipients(bytes, name);
        REQUIRE_FALSE(read.error);
        CHECK(read.header == std::vector<std::string>{"Name", "Amount", "PHONE"});
        REQUIRE(read.rows.size() == 2);
        CHECK(read.rows[0].first == 2);
        CHECK(read.rows[0].second == std::vector<std::string>{"34600000001", "Ana", ""});
        CHECK(read.rows[1].first == 4);
        CHECK(read.rows[1].second == std::vector<std::string>{"+34 600 000 002", "Luis", ""});
    }
}

TEST_CASE("a file without a phone column is refused before any row, naming what it has") {
    const Read read = read_recipients("Telefono,Name\n34600000001,Ana\n", "clients.csv");
    REQUIRE(read.error);
    CHECK(read.error->code == ImportErrorCode::missing_column);
    CHECK(read.error->message ==
          "The file has no column \"phone\": its header row (row 1) has Telefono, Name. Name the "
          "columns in the first row as in the sample file.");
    CHECK(read.rows.empty());
}

TEST_CASE("a file with no rows at all is refused as empty") {
    for (const auto& [bytes, name] :
         {std::pair{std::string("\n\n;;\n"), std::string("a.csv")},
          std::pair{workbook_bytes({R"(<row r="1"/>)"}), std::string("a.xlsx")}}) {
        INFO(name);
        const Read read = read_recipients(bytes, name);
        REQUIRE(read.error);
        CHECK(read.error->code == ImportErrorCode::empty_file);
    }
}

TEST_CASE("a file on disk reads like the same bytes in memory") {
    const std::string path = temp_path("clients.csv");
    {
        std::FILE* file = std::fopen(path.c_str(), "wb");
        REQUIRE(file != nullptr);
        std::fputs("phone\n34600000001\n", file);
        std::fclose(file);
    }
    const auto read = read_rows(UploadedFile::on_disk(path, "clients.csv"));
    REQUIRE_FALSE(read.error);
    REQUIRE(read.rows.size() == 2);
    CHECK(read.rows[1].cells == std::vector<std::string>{"34600000001"});
}
