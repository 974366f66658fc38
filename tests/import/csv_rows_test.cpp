// CSV uploads: the same rows as from a workbook, whatever the separator, BOM, quoting, line ends
// or read buffer size.
#include "server/import/csv_rows.hpp"
#include "workbook_builder.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;
using namespace waconsole::testing;

namespace {

ReadRows read_csv(const std::string& text, std::size_t buffer = 64 * 1024) {
    ImportLimits limits;
    limits.read_buffer_bytes = buffer;
    return read_rows(UploadedFile::in_memory(text, "clients.csv"), limits);
}

using Cells = std::vector<std::string>;

} // namespace

TEST_CASE("a CSV is read with a comma or a semicolon as its header line has them, BOM or not") {
    struct Case {
        const char* label;
        std::string text;
    };
    const Case cases[] = {
        {"commas", "phone,name,amount\n34600000001,Ana,\"12,5\"\n"},
        {"semicolons (a decimal-comma locale)", "phone;name;amount\n34600000001;Ana;12,5\n"},
        {"a BOM and CRLF", "\xEF\xBB\xBFphone,name,amount\r\n34600000001,Ana,\"12,5\"\r\n"},
        {"a BOM, semicolons, no final newline",
         "\xEF\xBB\xBFphone;name;amount\r\n34600000001;Ana;12,5"},
        {"quoted header names holding the other separator", "\"phone\";\"name\";\"amount\"\n"
                                                            "\"34600000001\";\"Ana\";\"12,5\"\n"},
    };
    for (const auto& c : cases) {
        INFO(c.label);
        const auto read = read_csv(c.text);
        REQUIRE_FALSE(read.error);
        REQUIRE(read.rows.size() == 2);
        CHECK(read.rows[0].cells == Cells{"phone", "name", "amount"});
        CHECK(read.rows[1].cells == Cells{"34600000001", "Ana", "12,5"});
        CHECK(read.rows[1].number == 2);
    }
}

TEST_CASE("quoted CSV fields hold separators, doubled quotes and newlines") {
    const std::string text = "phone,note\n"
                             "34600000001,\"Hello, \"\"Ana\"\"\nsecond line\"\n"
                             "34600000002,\"\"\n"
                             "\n"
                             "34600000003,plain \"quote\" inside\n";
    for (const std::size_t buffer : {1, 2, 3, 64 * 1024}) {
        INFO("buffer " << buffer);
        const auto read = read_csv(text, buffer);
        REQUIRE_FALSE(read.error);
        REQUIRE(read.rows.size() == 4);
        CHECK(read.rows[1].cells == Cells{"34600000001", "Hello, \"Ana\"\nsecond line"});
        CHECK(read.rows[2].cells == Cells{"34600000002"});
        // Rows are records: the blank line is row 4, so the last is row 5.
        CHECK(read.rows[3].number == 5);
        CHECK(read.rows[3].cells == Cells{"34600000003", "plain \"quote\" inside"});
    }
}

TEST_CASE("multi-byte UTF-8 in a CSV survives every buffer boundary, the BOM too") {
    const std::string text = "\xEF\xBB\xBFphone;имя\n34600000001;Иван Петров 😀\n34600000002;東京\n";
    for (const std::size_t buffer : {1, 2, 3, 4, 5, 7}) {
        INFO("buffer " << buffer);
        const auto read = read_csv(text, buffer);
        REQUIRE_FALSE(read.error);
        REQUIRE(read.rows.size() == 3);
        CHECK(read.rows[0].cells == Cells{"phone", "имя"});
        CHECK(read.rows[1].cells == Cells{"34600000001", "Иван Петров 😀"});
        CHECK(read.rows[2].cells == Cells{"34600000002", "東京"});
    }
}

TEST_CASE("a CSV that is not UTF-8 is refused saying how to save it") {
    struct Case {
        const char* label;
        std::string text;
    };
    const Case cases[] = {
        {"Windows-1252", "phone,name\n34600000001,Jos\xE9\n"},
        {"UTF-16 with its BOM", std::string("\xFF\xFEp\0h\0o\0n\0e\0", 12)},
        {"an overlong encoding", "phone,name\n1,\xC0\xAF\n"},
        {"a UTF-16 surrogate in UTF-8", "phone,name\n1,\xED\xA0\x80\n"},
    };
    for (const auto& c : cases) {
        INFO(c.label);
        const auto read = read_csv(c.text);
        REQUIRE(read.error);
        CHECK(read.error->code == ImportErrorCode::not_utf8);
        CHECK_THAT(read.error->message, Catch::Contains("CSV UTF-8"));
    }
}

TEST_CASE("a CSV with more rows than the limit is refused") {
    ImportLimits limits;
    limits.max_rows = 2;
    const std::string text = "phone\n1\n2\n3\n";
    const auto read = read_rows(UploadedFile::in_memory(text, "a.csv"), limits);
    REQUIRE(read.error);
    CHECK(read.error->code == ImportErrorCode::too_many_rows);
}

TEST_CASE("a quote left open runs into the cell size limit, not out of memory") {
    ImportLimits limits;
    limits.max_cell_bytes = 100;
    const std::string text = "phone,name\n1,\"" + std::string(1000, 'x') + "\n";
    const auto read = read_rows(UploadedFile::in_memory(text, "a.csv"), limits);
    REQUIRE(read.error);
    CHECK(read.error->code == ImportErrorCode::cell_too_long);
}

TEST_CASE("UTF-8 validation accepts every valid form and nothing else") {
    CHECK(is_valid_utf8("plain ascii"));
    CHECK(is_valid_utf8("é ñ Ж 東 😀 \xF4\x8F\xBF\xBF"));
    CHECK_FALSE(is_valid_utf8("\x80"));
    CHECK_FALSE(is_valid_utf8("\xC3"));             // cut short
    CHECK_FALSE(is_valid_utf8("\xE0\x80\xAF"));     // overlong
    CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80")); // past U+10FFFF
    CHECK_FALSE(is_valid_utf8("\xF8\x88\x80\x80\x80"));
}
