// Polling /api/changes. A failed question counts as "anything may have changed": the views
// refetch and show their own error (the server is gone, the session ended), and after a restart
// the new run makes the server name every topic.
#include "live_feed.hpp"

#include "app.hpp"
#include "json_fields.hpp"
#include "platform/browser.hpp"
#include "platform/frame_loop.hpp"

#include <cmath>

namespace waconsole {

namespace {

// True when views must look again (a topic moved, the session ended, the feed failed).
bool take_answer(LiveFeed& feed, App& app, const platform::HttpResponse& response) {
    ++feed.answers;
    if (end_session_if_unauthorized(app, response)) {
        return true;
    }
    if (!response.ok()) {
        feed.failing = true;
        bump(feed, kAllTopics);
        return true;
    }
    const nlohmann::json body = parse_answer(response.body);
    const nlohmann::json& version = member(body, "version");
    if (!member(body, "run").is_string() || !version.is_number_unsigned() ||
        !member(body, "changed").is_array()) {
        feed.failing = true;
        bump(feed, kAllTopics);
        return true;
    }
    Topics changed = 0;
    for (const auto& name : member(body, "changed")) {
        for (std::size_t topic = 0; topic < kTopicCount; ++topic) {
            if (name.is_string() && name.get<std::string>() == kTopicNames[topic]) {
                changed |= 1u << topic;
            }
        }
    }
    // Back after a failure: whatever failed meanwhile is fetched again.
    if (feed.failing) {
        changed = kAllTopics;
    }
    feed.failing = false;
    feed.run = text_field(body, "run");
    feed.version = version.get<unsigned long long>();
    bump(feed, changed);
    return changed != 0;
}

void ask(LiveFeed& feed, App& app) {
    std::string path = "/api/changes?since=" + std::to_string(feed.version);
    if (!feed.run.empty()) {
        path += "&run=" + url_encode(feed.run);
    }
    platform::HttpCall call = api_get(app.api, path);
    call.timeout_milliseconds = 10000;
    call.wake_frames = 0; // a tick looks at the answer; a frame is drawn only if it moved a topic
    feed.request.start(std::move(call));
    feed.asked_at = platform::now_seconds();
}

} // namespace

bool update(LiveFeed& feed, App& app) {
    bool changed = false;
    if (auto response = feed.request.take_response()) {
        changed = take_answer(feed, app, *response);
    }
    if (!app.user || feed.request.loading() || !platform::page_visible()) {
        return changed; // a hidden tab asks nothing; it asks at once when shown again
    }
    const double wait = feed.asked_at + kLivePollSeconds - platform::now_seconds();
    if (wait <= 0) {
        ask(feed, app);
    } else {
        platform::tick_after(static_cast<int>(std::ceil(wait * 1000)));
    }
    return changed;
}

long long live_stamp(const LiveFeed& feed, Topics topics) {
    long long stamp = 0;
    for (std::size_t topic = 0; topic < kTopicCount; ++topic) {
        if ((topics & (1u << topic)) != 0) {
            stamp += feed.generations[topic];
        }
    }
    return stamp;
}

void bump(LiveFeed& feed, Topics topics) {
    for (std::size_t topic = 0; topic < kTopicCount; ++topic) {
        if ((topics & (1u << topic)) != 0) {
            ++feed.generations[topic];
        }
    }
}

} // namespace waconsole
