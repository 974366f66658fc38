// X-Hub-Signature-256 is checked on the raw body with the app secret.
#include "server/meta/webhook_signature.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;

TEST_CASE("the signature is hex HMAC-SHA256 of the raw body, as RFC 4231 computes it") {
    // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
    CHECK(webhook_signature("Jefe", "what do ya want for nothing?") ==
          "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST_CASE("a good signature is accepted and a bad, missing or malformed one refused") {
    const std::string secret = "app-secret";
    const std::string body = R"({"object":"whatsapp_business_account","entry":[]})";
    const auto good = webhook_signature(secret, body);
    CHECK(verify_webhook_signature(secret, body, good));

    SECTION("another secret") {
        CHECK_FALSE(verify_webhook_signature("other", body, good));
    }
    SECTION("one byte of the body changed") {
        auto tampered = body;
        tampered[3] = 'X';
        CHECK_FALSE(verify_webhook_signature(secret, tampered, good));
    }
    SECTION("one hex digit changed") {
        auto wrong = good;
        wrong.back() = wrong.back() == '0' ? '1' : '0';
        CHECK_FALSE(verify_webhook_signature(secret, body, wrong));
    }
    SECTION("missing, without prefix, truncated or not hex") {
        CHECK_FALSE(verify_webhook_signature(secret, body, ""));
        CHECK_FALSE(verify_webhook_signature(secret, body, good.substr(7)));
        CHECK_FALSE(verify_webhook_signature(secret, body, good.substr(0, good.size() - 2)));
        CHECK_FALSE(verify_webhook_signature(secret, body, "sha256=" + std::string(64, 'z')));
        CHECK_FALSE(verify_webhook_signature(secret, body, "sha1=" + good.substr(7)));
    }
    SECTION("a server without an app secret accepts nothing") {
        CHECK_FALSE(verify_webhook_signature("", body, webhook_signature("", body)));
    }
}
