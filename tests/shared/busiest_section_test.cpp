#include "shared/busiest_section.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;

TEST_CASE("the console opens the section with the most conversations") {
    CHECK(busiest_section({{"unmanaged", 40}, {"waiting", 3}, {"active", 12}}) == "unmanaged");
    CHECK(busiest_section({{"unmanaged", 2}, {"waiting", 3}, {"active", 12}}) == "active");
    CHECK(busiest_section({{"unmanaged", 0}, {"waiting", 9}, {"active", 0}}) == "waiting");
}

TEST_CASE("ties go to waiting customers first and then to agents' conversations") {
    CHECK(busiest_section({{"unmanaged", 5}, {"waiting", 5}, {"active", 5}}) == "waiting");
    CHECK(busiest_section({{"unmanaged", 5}, {"waiting", 1}, {"active", 5}}) == "active");
}

TEST_CASE("with every live section empty, or only unknown ids, there is no busiest section") {
    CHECK_FALSE(busiest_section({{"unmanaged", 0}, {"waiting", 0}, {"active", 0}}));
    CHECK_FALSE(busiest_section({}));
    CHECK_FALSE(busiest_section({{"history", 500}}));
}
