// Campaign status words. Times are the browser's local clock (cell_format).
#include "screens/campaign_status_text.hpp"

#include "json_fields.hpp"
#include "shared/xlsx_download.hpp"
#include "widgets/cell_format.hpp"

#include <ctime>

namespace waconsole {

namespace {

// "until 14:30" (today), "until tomorrow 14:30", or "" when the server gave no time.
std::string until_text(const nlohmann::json& row) {
    const auto resume_at = number_field(row, "resume_at");
    if (!resume_at) {
        return "";
    }
    return "until " + format_local_clock(*resume_at, static_cast<long long>(std::time(nullptr)));
}

} // namespace

std::optional<std::string> campaign_status_label(const nlohmann::json& row) {
    const std::string status = text_field(row, "status");
    if (status == "sending") {
        return "Sending " + group_thousands(number_field(row, "sent").value_or(0)) + " / " +
               group_thousands(number_field(row, "recipients").value_or(0));
    }
    if (status == "paused") {
        const std::string until = until_text(row);
        return until.empty() ? std::string("Paused") : "Paused " + until;
    }
    return std::nullopt;
}

std::string campaign_pause_text(const nlohmann::json& row) {
    if (text_field(row, "status") != "paused") {
        return "";
    }
    std::string text = *campaign_status_label(row);
    const std::string reason = text_field(row, "pause_reason");
    if (!reason.empty()) {
        text += ": " + reason;
    }
    return text + ".";
}

std::string retry_failed_refusal(const nlohmann::json& row) {
    const std::string status = text_field(row, "status");
    if (status != "completed" && status != "cancelled") {
        return "Failed messages can be retried once the campaign has ended.";
    }
    if (number_field(row, "failed").value_or(0) == 0) {
        return "No message of this campaign failed.";
    }
    return "";
}

} // namespace waconsole
