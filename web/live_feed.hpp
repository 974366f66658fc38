// What changed on the server, from GET /api/changes (docs/architecture.md, "Live"). Asked about
// once a second while the tab is visible and someone is logged in; every topic the answer names
// gets a new generation, and each view (a table, the open Info, the transfer targets, Team)
// refetches when the stamp of the topics it shows moves. An idle console therefore costs the
// server one answer from memory a second and no page query.
#pragma once

#include "platform/http.hpp"

#include <array>
#include <string>

namespace waconsole {

struct App;

// The topics of /api/changes, in the order of kTopicNames.
// `unmanaged`: only conversations with the bot alone changed (a window ended): Unmanaged,
// History and an open Info follow it; Active, Waiting and the menu's counts need not.
enum class Topic { conversations, messages, team, templates, campaigns, unmanaged };
constexpr std::size_t kTopicCount = static_cast<std::size_t>(Topic::unmanaged) + 1; // the last
constexpr std::array<const char*, kTopicCount> kTopicNames = {
    "conversations", "messages", "team", "templates", "campaigns", "unmanaged"};

// A set of topics, one bit each.
using Topics = unsigned;
constexpr Topics topic_bit(Topic topic) {
    return 1u << static_cast<unsigned>(topic);
}
constexpr Topics operator|(Topic a, Topic b) {
    return topic_bit(a) | topic_bit(b);
}
constexpr Topics kAllTopics = (1u << kTopicCount) - 1;

// Time between two questions. Below a second so a change shows within one (poll, then refetch).
constexpr double kLivePollSeconds = 0.8;

struct LiveFeed {
    std::string run; // the server run the version belongs to; "" before any answer
    unsigned long long version = 0;
    std::array<long long, kTopicCount> generations{};
    platform::Request request;
    double asked_at = -1e9; // platform::now_seconds() of the last question
    long long answers = 0;  // answers taken, good or bad (test hook)
    bool failing = false;   // the last question got no good answer
};

// Takes the answer and asks again when due. Call on every tick and frame while logged in; true
// when the answer moved a topic (or ended the session): the views must be drawn to refetch.
bool update(LiveFeed& feed, App& app);

// Changes whenever one of `topics` changed on the server (or was bumped locally).
long long live_stamp(const LiveFeed& feed, Topics topics);

// Marks topics as changed now, e.g. after this console wrote them, so views refetch at once
// instead of at the next answer.
void bump(LiveFeed& feed, Topics topics);

} // namespace waconsole
