// The table of error sentences; see error_sentences.hpp.
#include "shared/error_sentences.hpp"

#include <array>
#include <string_view>

namespace waconsole {

namespace {

struct Sentence {
    std::string_view code;
    std::string_view text;              // "{at}" is replaced by the retry time
    std::string_view without_time = ""; // when no retry time is known; "" = text
};

// Codes not here show the server's own message (validation_failed, conflict and the codes of one
// resource say exactly what was wrong, and are written for people).
constexpr std::array kSentences = {
    Sentence{"invalid_credentials", "The email or password is not right."},
    Sentence{"too_many_attempts", "Too many attempts: try again at {at}.",
             "Too many attempts: wait a few minutes and try again."},
    Sentence{"busy", "The server is busy checking other logins: try again in a moment."},
    Sentence{"unauthorized", "Your session has ended. Log in again."},
    Sentence{"forbidden", "This needs an administrator's account."},
    Sentence{"malformed_json",
             "The page sent something the server could not read. Reload the page."},
    Sentence{"bad_request", "The page sent something the server could not read. Reload the page."},
    Sentence{"too_large", "That is more than the server takes at once."},
    Sentence{"unsupported_encoding",
             "The page sent something the server could not read. Reload the page."},
    Sentence{"internal",
             "The server failed. Try again; if it keeps failing, tell your administrator."},
};

} // namespace

std::string error_sentence(const ApiError& error, const std::string& retry_at) {
    for (const Sentence& sentence : kSentences) {
        if (sentence.code != error.code) {
            continue;
        }
        if (retry_at.empty() && !sentence.without_time.empty()) {
            return std::string(sentence.without_time);
        }
        std::string text(sentence.text);
        if (const auto at = text.find("{at}"); at != std::string::npos) {
            text.replace(at, 4, retry_at);
        }
        return text;
    }
    return error.message;
}

} // namespace waconsole
