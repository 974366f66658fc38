// Info (sections 3–6): the overview of one conversation (customer, agent, skillset, times, state,
// transfers; closed at, reason and licence type once closed) beside its whole transcript, read in
// pages of 200 going back with `before` as the reader scrolls up, and Send via e-mail. While it is
// open it follows the server: the overview when conversations or the team change, new messages
// when messages do (GET /api/conversations/{id} and .../messages, docs/contact-center.md).
#pragma once

#include "platform/http.hpp"
#include "screens/info_email.hpp"
#include "widgets/transcript_view.hpp"

#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace waconsole {

struct App;

// Messages per page of the transcript (the API allows up to 200).
constexpr int kTranscriptPageSize = 200;

struct InfoDialog {
    bool open = false;
    long long conversation_id = 0;
    std::string customer; // from the row, until the overview arrives

    nlohmann::json conversation; // the overview as the server sent it; null until it arrives
    std::string error;           // why the overview could not be loaded
    platform::Request overview_request;
    long long overview_stamp = -1;

    TranscriptView transcript;
    bool transcript_loaded = false; // the newest page arrived
    bool more_before = false;       // older messages exist that are not loaded yet
    std::string transcript_error;
    platform::Request newest_request; // the newest page: first load and live updates
    platform::Request older_request;  // the page before the oldest loaded message
    long long messages_stamp = -1;
    long long pages_fetched = 0; // test hook

    EmailForm email;
    std::map<std::string, std::string> shown; // the overview's fields as last drawn (test hook)
};

void open_info(InfoDialog& dialog, long long conversation_id, std::string customer);
// Draws the dialog over everything while it is open. Call once per frame, outside other windows.
void draw(InfoDialog& dialog, App& app);

} // namespace waconsole
