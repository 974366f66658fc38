// Request building and error reading for the API.
#include "api_client.hpp"

#include "shared/api_error.hpp"
#include "shared/error_sentences.hpp"

#include <ctime>

namespace waconsole {

namespace {

constexpr char kHex[] = "0123456789ABCDEF";

platform::HttpCall make_call(const ApiClient& api, const char* method, const std::string& path) {
    platform::HttpCall call;
    call.method = method;
    call.url = api.base_url + path;
    call.headers.emplace_back("Accept", "application/json");
    if (!api.token.empty()) {
        call.headers.emplace_back("Authorization", "Bearer " + api.token);
    }
    return call;
}

} // namespace

platform::HttpCall api_get(const ApiClient& api, const std::string& path) {
    return make_call(api, "GET", path);
}

platform::HttpCall api_post(const ApiClient& api, const std::string& path,
                            const nlohmann::json& body) {
    auto call = make_call(api, "POST", path);
    call.headers.emplace_back("Content-Type", "application/json");
    call.body = body.dump();
    return call;
}

namespace {

// When a refused request may go again, on the person's clock ("14:32"); "" when not said.
std::string retry_clock(const std::string& retry_after) {
    if (retry_after.empty() || retry_after.size() > 9 ||
        retry_after.find_first_not_of("0123456789") != std::string::npos) {
        return "";
    }
    // Rounded up to the minute: "try again at 14:32" must not be too early.
    const std::time_t at = std::time(nullptr) + std::stol(retry_after) + 59;
    char text[8];
    std::strftime(text, sizeof text, "%H:%M", std::localtime(&at));
    return text;
}

} // namespace

std::string error_message(const platform::HttpResponse& response) {
    if (response.status == 0) {
        return "The server could not be reached. Check the connection; the page retries by itself.";
    }
    const ApiError error = api_error_from_body(response.status, response.body);
    if (!error.message.empty() && error.code != "bad_response") {
        return error_sentence(error, retry_clock(response.header("Retry-After")));
    }
    if (response.status >= 500) {
        return "The server failed (HTTP " + std::to_string(response.status) + "). Try again.";
    }
    return "The server answered HTTP " + std::to_string(response.status) + ".";
}

std::string url_encode(const std::string& text) {
    std::string out;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
            (byte >= '0' && byte <= '9') || byte == '-' || byte == '_' || byte == '.' ||
            byte == '~') {
            out += c;
        } else {
            out += '%';
            out += kHex[byte >> 4];
            out += kHex[byte & 0x0F];
        }
    }
    return out;
}

} // namespace waconsole
