#include "shared/error_sentences.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;

TEST_CASE("error codes become the sentences the UI shows") {
    struct Case {
        const char* code;
        const char* retry_at;
        const char* sentence;
    };
    const Case cases[] = {
        {"invalid_credentials", "", "The email or password is not right."},
        {"too_many_attempts", "14:32", "Too many attempts: try again at 14:32."},
        {"too_many_attempts", "", "Too many attempts: wait a few minutes and try again."},
        {"busy", "", "The server is busy checking other logins: try again in a moment."},
        {"forbidden", "", "This needs an administrator's account."},
        {"internal", "",
         "The server failed. Try again; if it keeps failing, tell your administrator."},
        {"malformed_json", "",
         "The page sent something the server could not read. Reload the page."},
    };
    for (const Case& c : cases) {
        INFO(c.code);
        CHECK(error_sentence(make_error(400, c.code, "server words"), c.retry_at) == c.sentence);
    }
}

TEST_CASE("codes without a sentence show the server's message, written for people") {
    CHECK(error_sentence(validation_error("page_size", "must be between 10 and 100")) ==
          "page_size must be between 10 and 100");
    CHECK(error_sentence(make_error(409, "conflict", "The campaign has started already.")) ==
          "The campaign has started already.");
}
