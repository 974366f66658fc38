#include "shared/api_error.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;

TEST_CASE("a validation error names its field in the error body") {
    const auto body = to_json_body(validation_error("page_size", "must be from 10 to 100"));
    CHECK(body["error"]["code"] == "validation_failed");
    CHECK(body["error"]["field"] == "page_size");
    CHECK(body["error"]["fields"][0]["message"] == "must be from 10 to 100");
    CHECK(body["error"]["message"] == "page_size must be from 10 to 100");
}

TEST_CASE("an error without a field has no field keys") {
    const auto body = to_json_body(make_error(401, "unauthorized", "log in first"));
    CHECK(body ==
          nlohmann::json::parse(R"({"error":{"code":"unauthorized","message":"log in first"}})"));
}

TEST_CASE("an error body reads back, and anything else becomes bad_response") {
    const auto error = api_error_from_body(
        400, to_json_body(validation_error("page", "must be a whole number from 1")).dump());
    CHECK(error.code == "validation_failed");
    CHECK(error.fields.at(0).field == "page");
    CHECK(api_error_from_body(502, "<html>Bad gateway</html>").code == "bad_response");
    CHECK(api_error_from_body(0, "").message == "the server could not be reached");
}

TEST_CASE("an error body whose fields are not strings reads as bad_response without throwing") {
    struct Case {
        const char* body;
        const char* code;
        const char* message;
    };
    // What proxies, gateways and older servers have been seen to answer.
    const Case cases[] = {
        {R"({"error":{"code":502}})", "bad_response", ""},
        {R"({"error":{"code":502,"message":"Bad gateway"}})", "bad_response", "Bad gateway"},
        {R"({"error":{"code":"conflict","message":{"text":"taken"}}})", "conflict", ""},
        {R"({"error":{"code":["x"],"message":null,"fields":"page"}})", "bad_response", ""},
        {R"({"error":{"code":"validation_failed","message":"m","fields":[{"field":1},"x"]}})",
         "validation_failed", "m"},
        {R"({"error":"x"})", "bad_response", "the server answered 502"},
        {R"({"error":null})", "bad_response", "the server answered 502"},
        {R"([1,2])", "bad_response", "the server answered 502"},
        {R"("error")", "bad_response", "the server answered 502"},
        {"", "bad_response", "the server answered 502"},
    };
    for (const auto& c : cases) {
        INFO(c.body);
        ApiError error;
        REQUIRE_NOTHROW(error = api_error_from_body(502, c.body));
        CHECK(error.http_status == 502);
        CHECK(error.code == c.code);
        CHECK(error.message == c.message);
    }
    const auto error = api_error_from_body(
        422, R"({"error":{"code":"validation_failed","message":"m","fields":[{"field":1},"x"]}})");
    REQUIRE(error.fields.size() == 1);
    CHECK(error.fields[0].field.empty());
}
