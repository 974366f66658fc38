// Error parsing and the retry classification table (../shared/docs/meta-cloud-api.md).
#include "server/meta/meta_error.hpp"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

namespace waconsole {
namespace {

constexpr std::array<int, 6> kRetryableCodes = {130429, 131056, 4, 80007, 131000, 131016};
constexpr std::array<int, 3> kRateLimitCodes = {130429, 4, 80007};

template <std::size_t N> bool contains(const std::array<int, N>& codes, int code) {
    return std::find(codes.begin(), codes.end(), code) != codes.end();
}

} // namespace

MetaError meta_error_from_response(int http_status, const std::string& body) {
    MetaError error;
    error.http_status = http_status;
    const auto parsed = nlohmann::json::parse(body, nullptr, false);
    if (parsed.is_object() && parsed.contains("error") && parsed["error"].is_object()) {
        const auto& inner = parsed["error"];
        if (inner.contains("code") && inner["code"].is_number_integer()) {
            error.code = inner["code"].get<int>();
        }
        if (inner.contains("message") && inner["message"].is_string()) {
            error.title = inner["message"].get<std::string>();
        }
        if (inner.contains("error_data") && inner["error_data"].is_object()) {
            const auto& data = inner["error_data"];
            if (data.contains("details") && data["details"].is_string()) {
                error.details = data["details"].get<std::string>();
            }
        }
    }
    if (error.title.empty()) {
        error.title = "Graph API answered HTTP " + std::to_string(http_status);
    }
    return error;
}

MetaError transport_error(const std::string& what) {
    MetaError error;
    error.title = "could not reach the Graph API: " + what;
    return error;
}

bool is_retryable(const MetaError& error) {
    if (error.http_status == 0 || contains(kRetryableCodes, error.code)) {
        return true;
    }
    // A 5xx is Meta's trouble, not the message's; a 429 is a rate limit whatever its code.
    return error.http_status >= 500 || error.http_status == 429;
}

bool is_retryable_refusal(const MetaError& error) {
    return error.http_status != 0 &&
           (error.http_status == 429 || contains(kRetryableCodes, error.code));
}

bool is_rate_limit(const MetaError& error) {
    return contains(kRateLimitCodes, error.code) || error.http_status == 429;
}

bool is_pair_rate_limit(const MetaError& error) {
    return error.code == 131056;
}

} // namespace waconsole
