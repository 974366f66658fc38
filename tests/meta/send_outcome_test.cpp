// The verdict of one send attempt: only what provably did not reach Meta, or what Meta refused
// with an error it documents as retryable, may be sent again; an answer lost after the request
// was written is unknown.
#include "server/meta/send_outcome.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;

namespace {

GraphResponse lost(const char* httplib_error, bool may_have_arrived) {
    GraphResponse response;
    response.transport_error = httplib_error;
    response.may_have_arrived = may_have_arrived;
    return response;
}

GraphResponse answered(int status, std::string body) {
    GraphResponse response;
    response.status = status;
    response.body = std::move(body);
    return response;
}

std::string graph_error(int code) {
    return R"({"error":{"message":"m","type":"OAuthException","code":)" + std::to_string(code) +
           R"(,"fbtrace_id":"A"}})";
}

} // namespace

TEST_CASE("each kind of answer gets the verdict that never sends a message twice") {
    struct Case {
        const char* what;
        GraphResponse response;
        SendVerdict verdict;
    };
    const Case cases[] = {
        {"accepted with an id",
         answered(200, R"({"messaging_product":"whatsapp","contacts":[{"input":"+1",)"
                       R"("wa_id":"1"}],"messages":[{"id":"wamid.X"}]})"),
         SendVerdict::accepted},
        {"200 without a message id", answered(200, R"({"messaging_product":"whatsapp"})"),
         SendVerdict::unknown},
        {"200 that is not JSON", answered(200, "<html>ok</html>"), SendVerdict::unknown},
        {"200 with an empty messages list", answered(200, R"({"messages":[]})"),
         SendVerdict::unknown},
        {"200 whose messages are not a list", answered(200, R"({"messages":{"id":"wamid.X"}})"),
         SendVerdict::unknown},
        {"200 whose message id is a number", answered(200, R"({"messages":[{"id":7}]})"),
         SendVerdict::unknown},
        {"200 whose first message is not an object", answered(200, R"({"messages":["wamid.X"]})"),
         SendVerdict::unknown},
        {"200 that is a JSON list", answered(200, R"([{"messages":[{"id":"wamid.X"}]}])"),
         SendVerdict::unknown},
        {"read timeout after the request was written", lost("Read", true), SendVerdict::unknown},
        {"connection reset after writing", lost("Read", true), SendVerdict::unknown},
        {"an unknown transport failure", lost("Unknown", true), SendVerdict::unknown},
        {"could not connect", lost("Connection", false), SendVerdict::retry},
        {"failed while writing the request", lost("Write", false), SendVerdict::retry},
        {"TLS handshake refused", lost("SSLServerVerification", false), SendVerdict::retry},
        {"throughput 130429", answered(429, graph_error(130429)), SendVerdict::retry},
        {"a 429 without Meta's body", answered(429, ""), SendVerdict::retry},
        {"pair rate 131056", answered(400, graph_error(131056)), SendVerdict::retry},
        {"app rate limit 4", answered(400, graph_error(4)), SendVerdict::retry},
        {"WABA rate limit 80007", answered(400, graph_error(80007)), SendVerdict::retry},
        {"131000 something went wrong", answered(500, graph_error(131000)), SendVerdict::retry},
        {"131016 service unavailable", answered(503, graph_error(131016)), SendVerdict::retry},
        {"a gateway's 502 without Meta's body", answered(502, "<html>bad gateway</html>"),
         SendVerdict::unknown},
        {"a gateway's 504", answered(504, ""), SendVerdict::unknown},
        {"undeliverable 131026", answered(400, graph_error(131026)), SendVerdict::refused},
        {"template missing 132001", answered(404, graph_error(132001)), SendVerdict::refused},
        {"expired token 190", answered(401, graph_error(190)), SendVerdict::refused},
        {"a 404 without Meta's body", answered(404, "not found"), SendVerdict::refused},
    };
    for (const auto& c : cases) {
        INFO(c.what);
        const auto attempt = classify_send_answer(c.response);
        CHECK(to_string(attempt.verdict) == std::string(to_string(c.verdict)));
        if (attempt.verdict == SendVerdict::unknown) {
            CHECK_FALSE(attempt.reason.empty());
        }
        if (attempt.verdict == SendVerdict::refused || attempt.verdict == SendVerdict::retry) {
            CHECK(attempt.error.has_value());
        }
    }
}

TEST_CASE("an accepted answer gives the wamid and Meta's canonical wa_id") {
    const auto attempt = classify_send_answer(
        answered(200, R"({"messaging_product":"whatsapp","contacts":[{"input":"+525512345678",)"
                      R"("wa_id":"5215512345678"}],"messages":[{"id":"wamid.HBg","message_status":)"
                      R"("accepted"}]})"));
    CHECK(attempt.verdict == SendVerdict::accepted);
    CHECK(attempt.wamid == "wamid.HBg");
    CHECK(attempt.wa_id == "5215512345678");
}

TEST_CASE("Meta's error code and title are kept for a refused send") {
    const auto attempt = classify_send_answer(answered(
        400, R"({"error":{"message":"(#131026) Message Undeliverable","code":131026,)"
             R"("error_data":{"messaging_product":"whatsapp","details":"not on WhatsApp"}}})"));
    REQUIRE(attempt.error);
    CHECK(attempt.error->code == 131026);
    CHECK(attempt.error->http_status == 400);
    CHECK(attempt.error->title == "(#131026) Message Undeliverable");
    CHECK(attempt.error->details == "not on WhatsApp");
}
