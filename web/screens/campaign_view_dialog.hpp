// Outbound history's View: one campaign's summary (name, template, mode, times, counts, why and
// until when it is paused), its funnel recipients → sent → delivered → read → replied with failed
// beside, progress and send rate while it sends, its errors grouped by code, and its recipients
// (number, text, timetable) as a paged table whose Export is the .xlsx of that detail. It follows
// the server through the live feed. Retry failed (an ended campaign with failures) asks the server
// for a draft of the failures that may go again and hands it to the wizard, at Review.
#pragma once

#include "screens/section_table.hpp"

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace waconsole {

struct App;

// Recipients read per page while counting errors, and at most how many pages: a huge campaign's
// errors are counted over its first kErrorScanPages × kErrorScanPageSize recipients, and the
// dialog says so.
constexpr int kErrorScanPageSize = 100;
constexpr int kErrorScanPages = 50;

struct ErrorGroup {
    std::string code;    // Meta's code ("131026"), or the reason of a skipped / unknown recipient
    std::string meaning; // the rest of the first error text of the group
    long long count = 0;
};

// Errors counted by paging through campaign_recipients; a new count starts when the campaign's
// failed or unknown count moves, and replaces the shown groups only once complete.
struct ErrorScan {
    platform::Request request;
    long long problems_counted = -1; // failed + unknown when the count started; -1: never
    int next_page = 0;               // the page being asked for; 0 while no count runs
    long long scanned = 0;
    std::map<std::string, ErrorGroup> counting; // the count in progress
    std::vector<ErrorGroup> groups;             // the last complete count, most frequent first
    long long groups_scanned = 0;               // recipients that count covered
    bool truncated = false;                     // it stopped at kErrorScanPages
    bool complete = false;                      // `groups` holds a finished count
    std::string error;
};

// One moment of the campaign while it sends: for the rate.
struct SentSample {
    double at = 0; // platform::now_seconds()
    long long sent = 0;
};

// Retry failed: POST /api/campaigns/{id}/retry-failed → 201 {"draft","retry"}.
struct RetryFailed {
    platform::Request request;
    std::string error;        // the server's refusal (422 nothing_to_retry, 409 ...)
    bool handed_over = false; // the draft is the tab's: Outbound history opens the wizard
};

struct CampaignView {
    bool open = false;
    long long campaign_id = 0;
    nlohmann::json campaign;      // its Outbound history row, refreshed with that table
    double row_arrived_at = -1e9; // the history page the row was last read from
    std::vector<SentSample> samples;
    SectionTable recipients = make_section_table("campaign_recipients", "campaign-detail.xlsx",
                                                 Topic::campaigns | Topic::messages);
    ErrorScan errors;
    RetryFailed retry;
};

void open_campaign_view(CampaignView& view, const nlohmann::json& row);
// Takes the campaign's row from the history table each time a page of it arrives.
void follow_history(CampaignView& view, const TableLoader& history);
// Draws the dialog over everything while it is open. Call once per frame at the top level.
void draw(CampaignView& view, App& app);

// Why Retry failed is not available now ("" when it is): the campaign has not ended or nothing
// failed, or this tab's wizard holds another draft.
std::string retry_refusal(const CampaignView& view);
// Recipients whose message is sent per second over the last refreshes; negative when unknown.
double send_rate(const CampaignView& view);
// The test hook's `campaign_view`; null while closed.
nlohmann::json campaign_view_state(const CampaignView& view);

} // namespace waconsole
