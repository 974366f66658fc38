// Outbound history (section 2): every campaign, newest first, with its delivery counts (replies
// too) and status (a green tick when completed, yellow while scheduled or queued, "Sending sent /
// recipients" while it sends, "Paused until 14:30" with the reason as its tooltip while the daily
// messaging limit holds it, grey when cancelled), live while campaigns send; page size 10–100;
// Download Excel; New outbound campaign (opens section 1). Per row View (the campaign's dialog,
// with Retry failed, which opens the wizard of section 1 on the retry's draft) and, while it has
// not finished, Cancel after a confirmation.
#pragma once

#include "platform/http.hpp"
#include "screens/campaign_view_dialog.hpp"
#include "screens/section_screen.hpp"
#include "screens/section_table.hpp"

#include <string>

namespace waconsole {

struct App;

// The confirmation of a Cancel and its request.
struct CancelCampaign {
    bool open = false;
    long long campaign_id = 0;
    std::string name;
    std::string error; // the server's message when the cancel was refused
    platform::Request request;
};

struct OutboundHistoryScreen final : SectionScreen {
    // Status webhooks (delivered, read, failed) bump only `messages` on the server.
    SectionTable table = make_section_table("campaigns", "outbound-history.xlsx",
                                            Topic::campaigns | Topic::messages);
    CampaignView view;
    CancelCampaign cancel;

    void draw_screen(App& app) override;
    void draw_dialogs(App& app) override;
    // The campaigns, or the View's recipients while it is open.
    SectionTable* section_table() override;
    void shown(App& app) override;
    // `campaign_view`, `campaign_cancel` and, when one is open, `dialog`.
    void add_test_state(const App& app, nlohmann::json& state) const override;
};

} // namespace waconsole
