// Per-topic change counters.
#include "server/live/change_feed.hpp"

#include <random>

namespace waconsole {
namespace {

std::string random_run_id() {
    std::random_device random;
    const char* digits = "0123456789abcdef";
    std::string id;
    for (int i = 0; i < 16; ++i) {
        id += digits[random() % 16];
    }
    return id;
}

constexpr std::array<Topic, kTopicCount> kAllTopics = {Topic::conversations, Topic::messages,
                                                       Topic::team,          Topic::templates,
                                                       Topic::campaigns,     Topic::unmanaged};

} // namespace

const char* to_string(Topic topic) {
    switch (topic) {
    case Topic::conversations:
        return "conversations";
    case Topic::messages:
        return "messages";
    case Topic::team:
        return "team";
    case Topic::templates:
        return "templates";
    case Topic::campaigns:
        return "campaigns";
    case Topic::unmanaged:
        return "unmanaged";
    }
    return "conversations";
}

ChangeFeed::ChangeFeed() : m_run(random_run_id()) {}

void ChangeFeed::bump(Topic topic) {
    bump({topic});
}

void ChangeFeed::bump(std::initializer_list<Topic> topics) {
    std::lock_guard lock(m_mutex);
    ++m_version;
    for (const auto topic : topics) {
        m_changed_at[static_cast<std::size_t>(topic)] = m_version;
    }
}

ChangesSince ChangeFeed::since(const std::string& run, std::uint64_t version) const {
    std::lock_guard lock(m_mutex);
    ChangesSince answer{m_run, m_version, {}};
    for (const auto topic : kAllTopics) {
        if (run != m_run || m_changed_at[static_cast<std::size_t>(topic)] > version) {
            answer.changed.push_back(topic);
        }
    }
    return answer;
}

} // namespace waconsole
