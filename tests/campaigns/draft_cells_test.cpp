#include "server/campaigns/draft_cells.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;

TEST_CASE("a row's cells are stored and read back byte for byte, whatever they hold") {
    const std::vector<std::string> cells = {"+34 600",   "",   "3:tricky", std::string("a\0b", 3),
                                            "Zoë 🙂", "12:"};
    std::string encoded;
    encode_cells(cells, 7, encoded); // two more than given: empty cells
    std::vector<std::string_view> read;
    REQUIRE(decode_cells(encoded, read));
    REQUIRE(read.size() == 7);
    for (std::size_t at = 0; at < cells.size(); ++at) {
        CHECK(read[at] == cells[at]);
    }
    CHECK(read[6].empty());
    encode_cells(cells, 2, encoded); // fewer: the rest left out
    REQUIRE(decode_cells(encoded, read));
    CHECK(read.size() == 2);
}

TEST_CASE("a damaged encoding is refused, not read past its end") {
    std::vector<std::string_view> read;
    CHECK_FALSE(decode_cells("5:abc", read));
    CHECK_FALSE(decode_cells("x:abc", read));
    CHECK_FALSE(decode_cells("3abc", read));
    CHECK_FALSE(decode_cells("99999999999:a", read));
    CHECK(decode_cells("", read));
    CHECK(read.empty());
}
