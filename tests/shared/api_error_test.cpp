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

TEST_CASE("an error body reads back; anything else becomes bad_response") {
    const auto error = api_error_from_body(
        400, to_json_body(validation_error("page", "must be a whole number from 1")).dump());
    CHECK(error.code == "validation_failed");
    CHECK(error.fields.at(0).field == "page");
    CHECK(api_error_from_body(502, "<html>Bad gateway</html>").code == "bad_response");
    CHECK(api_error_from_body(0, "").message == "the server could not be reached");
}
