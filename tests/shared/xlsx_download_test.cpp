#include "shared/xlsx_download.hpp"

#include <catch2/catch.hpp>
#include <limits>

using namespace waconsole;

TEST_CASE("counts are written with thousands separators") {
    CHECK(group_thousands(0) == "0");
    CHECK(group_thousands(999) == "999");
    CHECK(group_thousands(1000) == "1,000");
    CHECK(group_thousands(1048575) == "1,048,575");
    CHECK(group_thousands(-12345) == "-12,345");
    CHECK(group_thousands(std::numeric_limits<long long>::min()) == "-9,223,372,036,854,775,808");
}
