// The export's own zip writer, read back by libzip: entries of every size (empty, small, several
// megabytes that deflate cannot shrink) come back byte for byte, with libzip's consistency checks.
#include "server/export/xlsx_error.hpp"
#include "server/export/zip_writer.hpp"
#include "test_server.hpp"
#include "xlsx_reader.hpp"

#include <catch2/catch.hpp>
#include <memory>
#include <random>
#include <zip.h>

using namespace waconsole;
using namespace waconsole::testing;

TEST_CASE("a zip written entry by entry reads back byte for byte under libzip's checks") {
    TempDir dir;
    const auto path = (dir.path / "parts.zip").string();
    std::mt19937 random(9);
    std::string noise(3 << 20, '\0'); // incompressible: deflate's output outgrows its buffer
    for (auto& byte : noise) {
        byte = static_cast<char>(random());
    }
    std::string repeated;
    for (int i = 0; i < 200000; ++i) {
        repeated += "<row r=\"" + std::to_string(i) + "\"><c t=\"inlineStr\"/></row>";
    }
    {
        ZipWriter zip(path);
        zip.begin_entry("empty.txt");
        zip.begin_entry("noise.bin"); // begin ends the entry before
        for (std::size_t at = 0; at < noise.size(); at += 100000) {
            zip.write(std::string_view(noise).substr(at, 100000));
        }
        zip.end_entry();
        zip.begin_entry("dir/repeated.xml");
        zip.write(repeated);
        zip.close();
    }
    CHECK(checked_zip_entries(path) ==
          std::vector<std::string>{"empty.txt", "noise.bin", "dir/repeated.xml"});
    int error = 0;
    std::unique_ptr<zip_t, decltype(&zip_discard)> archive(
        zip_open(path.c_str(), ZIP_RDONLY, &error), &zip_discard);
    REQUIRE(archive);
    zip_stat_t stat;
    REQUIRE(zip_stat_index(archive.get(), 2, 0, &stat) == 0);
    CHECK(stat.comp_method == ZIP_CM_DEFLATE);
    CHECK(stat.comp_size < stat.size / 10); // repetitive XML deflates well even at level 1
    archive.reset();

    CHECK(read_zip_part(path, "empty.txt") == std::string());
    CHECK(read_zip_part(path, "noise.bin") == noise);
    CHECK(read_zip_part(path, "dir/repeated.xml") == repeated);
}

TEST_CASE("a zip that cannot be created is an XlsxError, not a crash") {
    CHECK_THROWS_AS(ZipWriter("/nonexistent-folder/x.zip"), XlsxError);
}
