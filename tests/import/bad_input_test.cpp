// Bad uploads: each gets its own error code and a message that names the problem. A row callback
// that ran before an error is fine for the reader (the campaign service stores nothing on
// error); the limits are lowered so small files reach them.
#include "workbook_builder.hpp"

#include <catch2/catch.hpp>
#include <fstream>

using namespace waconsole;
using namespace waconsole::testing;

namespace {

ImportError error_of(const std::string& bytes, const std::string& name,
                     const ImportLimits& limits = {}) {
    const auto read = read_rows(UploadedFile::in_memory(bytes, name), limits);
    REQUIRE(read.error);
    return *read.error;
}

const std::string phone_sheet =
    R"(<row r="1"><c r="A1" t="inlineStr"><is><t>phone</t></is></c></row>)";

} // namespace

TEST_CASE("uploads that are not a workbook are refused with what they are") {
    struct Case {
        const char* label;
        std::string bytes;
        const char* name;
        ImportErrorCode code;
        const char* said;
    };
    const Case cases[] = {
        {"a CSV renamed .xlsx", "phone,name\n34600000001,Ana\n", "clients.xlsx",
         ImportErrorCode::extension_mismatch, "CSV file renamed"},
        {"a workbook named .csv", workbook_bytes({phone_sheet}), "clients.csv",
         ImportErrorCode::extension_mismatch, "holds an Excel workbook"},
        {"a PDF",
         std::string("%PDF-1.7\n\0\0\x01"
                     "binary",
                     18),
         "clients.xlsx", ImportErrorCode::not_xlsx, "neither an Excel workbook"},
        {"bytes that start like a zip but are not one", std::string("PK\x03\x04garbage", 11),
         "clients.xlsx", ImportErrorCode::corrupt_zip, "zip directory is missing"},
        {"a Word document (a zip without xl/workbook.xml)",
         zip_bytes({{"word/document.xml", "<w:document/>"}}), "clients.xlsx",
         ImportErrorCode::not_xlsx, "no xl/workbook.xml"},
        {"an old .xls", compound_file("Workbook"), "clients.xls", ImportErrorCode::legacy_xls,
         "97-2003"},
        {"a password-protected .xlsx (an encrypted package)", compound_file("EncryptedPackage"),
         "clients.xlsx", ImportErrorCode::encrypted, "password-protected"},
        {"an empty file", "", "clients.xlsx", ImportErrorCode::empty_file, "empty"},
    };
    for (const auto& c : cases) {
        INFO(c.label);
        const ImportError error = error_of(c.bytes, c.name);
        CHECK(error.code == c.code);
        CHECK_THAT(error.message, Catch::Contains(c.said));
    }
}

TEST_CASE("a zip whose entries are encrypted is refused as password-protected") {
    const ZipParts parts = workbook_parts({phone_sheet});
    const ImportError error = error_of(zip_bytes(parts, "secret"), "clients.xlsx");
    CHECK(error.code == ImportErrorCode::encrypted);
    CHECK_THAT(error.message, Catch::Contains("password-protected"));
}

TEST_CASE("a damaged zip is refused as damaged") {
    std::string bytes = workbook_bytes({phone_sheet});
    SECTION("cut short") {
        bytes.resize(bytes.size() / 2);
    }
    SECTION("a flipped byte inside the sheet's deflated data") {
        const auto sheet = bytes.find("xl/worksheets/sheet1.xml");
        REQUIRE(sheet != std::string::npos);
        bytes[sheet + 30] = static_cast<char>(bytes[sheet + 30] ^ 0x55);
    }
    // A cut archive has no central directory; a flipped byte breaks the deflate stream.
    const ImportError error = error_of(bytes, "clients.xlsx");
    CHECK(error.code == ImportErrorCode::corrupt_zip);
    CHECK_THAT(error.message, Catch::Contains("damaged"));
}

TEST_CASE("a part whose bytes were altered fails its checksum, though its XML still parses") {
    const std::string phone =
        R"(<row r="2"><c r="A2" t="inlineStr"><is><t>34600000001</t></is></c></row>)";
    std::string bytes = zip_bytes(workbook_parts({phone_sheet + phone}), nullptr, true);
    const auto digits = bytes.find("34600000001");
    REQUIRE(digits != std::string::npos);
    bytes[digits + 5] = '9'; // stored, not deflated: the XML is the same but for one digit
    const ImportError error = error_of(bytes, "clients.xlsx");
    CHECK(error.code == ImportErrorCode::corrupt_zip);
    CHECK_THAT(error.message, Catch::Contains("fails its checksum"));
}

TEST_CASE("a zip bomb is refused by declared size, by real inflated bytes and by ratio") {
    // 4 MiB of one repeated row: deflate squeezes it more than 200 to 1.
    std::string rows;
    while (rows.size() < (4u << 20)) {
        rows += R"(<row><c t="inlineStr"><is><t>aaaaaaaaaaaaaaaa</t></is></c></row>)";
    }
    const std::string bytes = workbook_bytes({rows});

    ImportLimits limits;
    SECTION("the ratio") {
        const ImportError error = error_of(bytes, "bomb.xlsx", limits);
        CHECK(error.code == ImportErrorCode::zip_bomb);
        CHECK_THAT(error.message, Catch::Contains("compressed more than 200 to 1"));
    }
    SECTION("an entry's size") {
        limits.max_compression_ratio = 100000;
        limits.max_entry_inflated_bytes = 1 << 20;
        const ImportError error = error_of(bytes, "bomb.xlsx", limits);
        CHECK(error.code == ImportErrorCode::zip_bomb);
        CHECK_THAT(error.message, Catch::Contains("xl/worksheets/sheet1.xml"));
    }
    SECTION("the whole file's inflated size") {
        limits.max_compression_ratio = 100000;
        limits.max_total_inflated_bytes = 2 << 20;
        const ImportError error = error_of(bytes, "bomb.xlsx", limits);
        CHECK(error.code == ImportErrorCode::zip_bomb);
        CHECK_THAT(error.message, Catch::Contains("whole file"));
    }
}

TEST_CASE("a zip that understates its sizes is stopped by the bytes really inflated") {
    std::string rows;
    while (rows.size() < (3u << 20)) {
        rows += R"(<row><c t="inlineStr"><is><t>bbbbbbbbbbbbbbbb</t></is></c></row>)";
    }
    std::string bytes = workbook_bytes({rows});
    // Patch the sheet's uncompressed size to 1,000 bytes in both its local header (offset 22)
    // and its central directory entry (offset 24), as a crafted bomb would.
    const std::string name = "xl/worksheets/sheet1.xml";
    auto patch = [&](std::size_t at) {
        const std::uint32_t small = 1000;
        for (int k = 0; k < 4; ++k) {
            bytes[at + k] = static_cast<char>((small >> (8 * k)) & 0xFF);
        }
    };
    for (std::size_t at = bytes.find(name); at != std::string::npos;
         at = bytes.find(name, at + 1)) {
        if (bytes.compare(at - 30, 4, "PK\x03\x04") == 0) {
            patch(at - 30 + 22);
        } else if (bytes.compare(at - 46, 4, "PK\x01\x02") == 0) {
            patch(at - 46 + 24);
        }
    }
    ImportLimits limits;
    limits.max_compression_ratio = 100000;
    limits.max_entry_inflated_bytes = 2 << 20;
    const ImportError error = error_of(bytes, "bomb.xlsx", limits);
    // The declared 1,000 bytes pass every check before inflating: only the count of the bytes
    // really inflated can stop it.
    CHECK(error.code == ImportErrorCode::zip_bomb);
    CHECK_THAT(error.message, Catch::Contains("inflates past 2 MiB"));
}

TEST_CASE("corrupt XML in a part is refused naming the part") {
    SheetXml sheet{R"(<row r="1"><c r="A1"><v>1</v></row>)"};
    const ImportError error = error_of(workbook_bytes(sheet), "clients.xlsx");
    CHECK(error.code == ImportErrorCode::corrupt_xml);
    CHECK_THAT(error.message,
               Catch::Contains("xl/worksheets/sheet1.xml") && Catch::Contains("not well-formed"));
}

TEST_CASE("a DOCTYPE or entity declaration is refused and never expanded") {
    const std::string laughs =
        R"(<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">)"
        R"(<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>)"
        R"(<sst><si><t>&lol2;</t></si></sst>)";
    const std::string external =
        R"(<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY x SYSTEM "file:///etc/passwd">]><sst><si><t>&x;</t></si></sst>)";
    for (const std::string& shared_strings : {laughs, external}) {
        ZipParts parts =
            workbook_parts({R"(<row r="1"><c r="A1" t="s"><v>0</v></c></row>)", "<si/>"});
        for (auto& [name, content] : parts) {
            if (name == "xl/sharedStrings.xml") {
                content = shared_strings;
            }
        }
        const ImportError error = error_of(zip_bytes(parts), "clients.xlsx");
        CHECK(error.code == ImportErrorCode::xml_dtd_refused);
        CHECK_THAT(error.message,
                   Catch::Contains("xl/sharedStrings.xml") && Catch::Contains("DOCTYPE"));
    }
}

TEST_CASE("an entity reference with no declaration is corrupt XML, not text") {
    const ImportError error = error_of(
        workbook_bytes({R"(<row r="1"><c r="A1" t="inlineStr"><is><t>&pwn;</t></is></c></row>)"}),
        "clients.xlsx");
    CHECK(error.code == ImportErrorCode::corrupt_xml);
}

TEST_CASE("a shared string index out of range or a column past XFD is a damaged file") {
    for (const char* row : {R"(<row r="3"><c r="A3" t="s"><v>5</v></c></row>)",
                            R"(<row r="3"><c r="XFE3"><v>1</v></c></row>)"}) {
        INFO(row);
        const ImportError error = error_of(workbook_bytes({row, "<si><t>x</t></si>"}), "a.xlsx");
        CHECK(error.code == ImportErrorCode::corrupt_xml);
        CHECK_THAT(error.message, Catch::Contains("row 3"));
    }
}

TEST_CASE("more data rows than the limit are refused, the header not counted") {
    std::string rows;
    for (int row = 1; row <= 4; ++row) {
        rows += "<row><c><v>" + std::to_string(row) + "</v></c></row>";
    }
    const std::string bytes = workbook_bytes({rows});
    ImportLimits limits;
    limits.max_rows = 3; // a header and three data rows fit
    CHECK_FALSE(read_xlsx_bytes(bytes, limits).error);
    limits.max_rows = 2;
    const ImportError error = error_of(bytes, "a.xlsx", limits);
    CHECK(error.code == ImportErrorCode::too_many_rows);
    CHECK(error.message == "The file has more than 2 rows (the limit); row 4 is past it. Split "
                           "it into several files.");
}

TEST_CASE("an upload over the size limit is refused before it is opened") {
    ImportLimits limits;
    limits.max_file_bytes = 100;
    const std::string bytes = workbook_bytes({phone_sheet});
    const ImportError error = error_of(bytes, "a.xlsx", limits);
    CHECK(error.code == ImportErrorCode::file_too_large);
    CHECK(error.message == "The file is larger than 100 bytes: split it into several files.");
    const std::string path = temp_path("big.xlsx");
    std::ofstream(path, std::ios::binary) << bytes;
    const auto read = read_rows(UploadedFile::on_disk(path, "big.xlsx"), limits);
    REQUIRE(read.error);
    CHECK(read.error->code == ImportErrorCode::file_too_large);
}

TEST_CASE("a cell longer than the limit is refused") {
    ImportLimits limits;
    limits.max_cell_bytes = 10;
    const ImportError error = error_of(
        workbook_bytes(
            {R"(<row r="1"><c r="A1" t="inlineStr"><is><t>01234567890</t></is></c></row>)"}),
        "a.xlsx", limits);
    CHECK(error.code == ImportErrorCode::cell_too_long);
}

TEST_CASE("a path that cannot be read is said to be unreadable") {
    const auto read = read_rows(UploadedFile::on_disk("/nonexistent/upload", "a.xlsx"));
    REQUIRE(read.error);
    CHECK(read.error->code == ImportErrorCode::file_unreadable);
}
