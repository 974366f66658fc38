// The View's send rate, and what the test hook reports about the View: the campaign as the
// dialog shows it, the funnel's values and shares, progress and rate, the pause, Retry failed and
// the error groups. The recipients table is the hook's `table` while the View is open.
#include "json_fields.hpp"
#include "screens/campaign_status_text.hpp"
#include "screens/campaign_view_dialog.hpp"
#include "widgets/funnel_chart.hpp"

namespace waconsole {

double send_rate(const CampaignView& view) {
    if (view.samples.size() < 2) {
        return -1;
    }
    const SentSample& first = view.samples.front();
    const SentSample& last = view.samples.back();
    const double seconds = last.at - first.at;
    // Refreshes closer than this say little about a rate.
    if (seconds < 0.5) {
        return -1;
    }
    return static_cast<double>(last.sent - first.sent) / seconds;
}

nlohmann::json campaign_view_state(const CampaignView& view) {
    if (!view.open) {
        return nullptr;
    }
    const nlohmann::json& c = view.campaign;
    const long long recipients = number_field(c, "recipients").value_or(0);
    auto funnel = nlohmann::json::object();
    auto percent = nlohmann::json::object();
    for (const char* key : {"recipients", "sent", "delivered", "read", "replied", "failed"}) {
        const long long count = number_field(c, key).value_or(0);
        funnel[key] = count;
        percent[key] = funnel_percent(count, recipients);
    }
    funnel["percent"] = std::move(percent);
    auto groups = nlohmann::json::array();
    for (const ErrorGroup& group : view.errors.groups) {
        groups.push_back(
            {{"code", group.code}, {"meaning", group.meaning}, {"count", group.count}});
    }
    const bool sending = text_field(c, "status") == "sending";
    const double rate = send_rate(view);
    const std::string pause = campaign_pause_text(c);
    const std::string refusal = retry_refusal(view);
    return {
        {"campaign_id", view.campaign_id},
        {"campaign", c},
        {"status", text_field(c, "status")},
        {"funnel", std::move(funnel)},
        {"progress", sending ? nlohmann::json({{"sent", number_field(c, "sent").value_or(0)},
                                               {"recipients", recipients}})
                             : nlohmann::json()},
        {"rate", sending && rate >= 0 ? nlohmann::json(rate) : nlohmann::json()},
        {"samples", view.samples.size()},
        {"pause", pause.empty() ? nlohmann::json() : nlohmann::json(pause)},
        {"retry",
         {{"loading", view.retry.request.busy()},
          {"refusal", refusal.empty() ? nlohmann::json() : nlohmann::json(refusal)},
          {"error",
           view.retry.error.empty() ? nlohmann::json() : nlohmann::json(view.retry.error)}}},
        {"errors",
         {{"groups", std::move(groups)},
          {"complete", view.errors.complete},
          {"counting", view.errors.next_page > 0},
          {"scanned", view.errors.groups_scanned},
          {"truncated", view.errors.truncated},
          {"error",
           view.errors.error.empty() ? nlohmann::json() : nlohmann::json(view.errors.error)}}},
    };
}

} // namespace waconsole
