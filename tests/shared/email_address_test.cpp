#include "shared/email_address.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;

TEST_CASE("a plain address is accepted") {
    const char* good[] = {"a@b.example", "ana.lopez+cc@mail.example.com",
                          "o'brien@xn--mller-kva.example", "x_y-z@sub.domain.co.uk",
                          "1234@numbers.example"};
    for (const char* address : good) {
        INFO(address);
        CHECK_FALSE(email_address_problem(address));
    }
}

TEST_CASE("addresses that could add a recipient or a header, or are not one address, are "
          "refused with the reason") {
    struct Case {
        std::string address;
        const char* reason;
    };
    const Case cases[] = {
        {"", "is required"},
        {"a@b.example\r\nBcc: evil@x.example", "must be one address on one line"},
        {"a@b.example\nSubject: hi", "must be one address on one line"},
        {std::string("a@b.example\0x", 13), "must be one address on one line"},
        {"a@b.example,c@d.example", "must be one address: commas and semicolons are not allowed"},
        {"a@b.example;c@d.example", "must be one address: commas and semicolons are not allowed"},
        {"Ana <a@b.example>", "must be a bare address such as name@example.com, without a name "
                              "or spaces"},
        {"\"a b\"@b.example", "must be a bare address such as name@example.com, without a name "
                              "or spaces"},
        {"a@b@c.example", "must hold exactly one @, as in name@example.com"},
        {"ab.example", "must hold exactly one @, as in name@example.com"},
        {"zoë@b.example", "must be ASCII (an international domain in its xn-- form)"},
        {".a@b.example", "the part before the @ cannot start or end with a dot or hold two in a "
                         "row"},
        {"a..b@b.example", "the part before the @ cannot start or end with a dot or hold two in "
                           "a row"},
        {"@b.example", "needs the part before the @"},
        {"a@", "needs a domain after the @"},
        {"a@localhost", "the domain after the @ must be a full domain name such as example.com"},
        {"a@127.0.0.1", "the domain after the @ must be a full domain name such as example.com"},
        {"a@-b.example", "the domain after the @ is not a valid domain name"},
        {"a@b..example", "the domain after the @ is not a valid domain name"},
        {"a@b_c.example", "the domain after the @ is not a valid domain name"},
        {std::string(65, 'a') + "@b.example", "the part before the @ must be at most 64 "
                                              "characters"},
        {"a@" + std::string(250, 'b') + ".example", "must be at most 254 characters"},
    };
    for (const auto& c : cases) {
        INFO(c.address);
        const auto problem = email_address_problem(c.address);
        REQUIRE(problem);
        CHECK(*problem == c.reason);
    }
}

TEST_CASE("a body is at most 10,000 characters, counted as characters, with no NUL") {
    CHECK_FALSE(email_body_problem(""));
    CHECK_FALSE(email_body_problem("Hola,\r\nsee below.\n"));
    CHECK_FALSE(email_body_problem(std::string(5000, 'a') + [] {
        std::string s;
        for (int i = 0; i < 5000; ++i) {
            s += "é";
        }
        return s;
    }()));
    CHECK(email_body_problem(std::string(10001, 'a')) == "must be at most 10000 characters");
    CHECK(email_body_problem(std::string("a\0b", 3)) == "cannot hold a NUL character");
}
