// Meta's errors are read from its answers and classified retryable or final by one table.
#include "server/meta/meta_error.hpp"
#include "server/meta/retry_policy.hpp"
#include "test_data.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;

namespace {

MetaError error_with(int http_status, int code) {
    MetaError error;
    error.http_status = http_status;
    error.code = code;
    return error;
}

} // namespace

TEST_CASE("an error answer gives Meta's code, message and details") {
    const auto error =
        meta_error_from_response(400, testing::read_test_file("send_error_undeliverable.json"));
    CHECK(error.http_status == 400);
    CHECK(error.code == 131026);
    CHECK(error.title == "(#131026) Message undeliverable");
    CHECK(error.details == "Message Undeliverable.");
}

TEST_CASE("an answer that is not Meta's error shape still says what happened") {
    const auto error = meta_error_from_response(502, "<html>Bad gateway</html>");
    CHECK(error.code == 0);
    CHECK(error.title == "Graph API answered HTTP 502");
    CHECK(is_retryable(error));
}

TEST_CASE("retryable and final errors follow the classification table") {
    struct Row {
        int http_status;
        int code;
        bool retryable;
        bool rate_limit;
    };
    const Row table[] = {
        {429, 130429, true, true},   {400, 131056, true, false},  {400, 4, true, true},
        {400, 80007, true, true},    {500, 131000, true, false},  {503, 131016, true, false},
        {500, 0, true, false},       {429, 0, true, true},        {0, 0, true, false},
        {400, 131026, false, false}, {400, 131047, false, false}, {400, 131049, false, false},
        {400, 131050, false, false}, {400, 131008, false, false}, {400, 131009, false, false},
        {400, 131021, false, false}, {400, 132000, false, false}, {404, 132001, false, false},
        {400, 132005, false, false}, {400, 132012, false, false}, {400, 132015, false, false},
        {400, 132016, false, false}, {400, 132018, false, false}, {400, 133010, false, false},
        {401, 190, false, false},    {400, 368, false, false},
    };
    for (const auto& row : table) {
        INFO("HTTP " << row.http_status << " code " << row.code);
        const auto error = error_with(row.http_status, row.code);
        CHECK(is_retryable(error) == row.retryable);
        CHECK(is_rate_limit(error) == row.rate_limit);
    }
    CHECK(is_retryable(transport_error("Read")));
}

TEST_CASE("back-off doubles per attempt with jitter, is capped, and waits out the pair rate") {
    RetryPolicy policy;
    policy.base_delay = std::chrono::milliseconds(100);
    policy.max_delay = std::chrono::milliseconds(1000);
    policy.pair_rate_delay = std::chrono::milliseconds(6000);
    const auto throughput = error_with(429, 130429);
    CHECK(backoff_delay(policy, 1, throughput, 0.0).count() == 50);
    CHECK(backoff_delay(policy, 1, throughput, 0.999).count() == 99);
    CHECK(backoff_delay(policy, 3, throughput, 0.0).count() == 200);
    CHECK(backoff_delay(policy, 3, throughput, 0.5).count() == 300);
    CHECK(backoff_delay(policy, 20, throughput, 0.999).count() <= 1000);
    CHECK(backoff_delay(policy, 20, throughput, 0.0).count() == 500);
    CHECK(backoff_delay(policy, 1, error_with(400, 131056), 0.0).count() == 6000);
}
