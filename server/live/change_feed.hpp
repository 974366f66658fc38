// Tells open consoles what changed, cheaply: a counter per topic, bumped after each commit that
// changes that topic's rows. A console asks "anything after version N?" about once a second and
// refetches only the tables and views whose topic moved; the answer comes from memory, never
// from a query, so an idle tab costs the server next to nothing. Versions belong to one run of
// the server (a random run id): a console holding another run's version refetches everything.
#pragma once

#include <array>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

namespace waconsole {

enum class Topic {
    conversations, // states, queues, assignments, last customer message, transfers
    messages,      // transcripts and statuses
    team,          // agents, skillsets, presence and load
    templates,     // the template catalogue
    campaigns,     // campaigns and their recipients
    // Conversations with the bot alone, when nothing else changed: one whose 24-hour window ended
    // closes by itself (Unmanaged, History and its Info move; Active, Waiting and the menu's
    // counts do not, so open consoles there fetch nothing).
    unmanaged,
};
// How many topics there are: the last one's value + 1 (keep it the last).
constexpr std::size_t kTopicCount = static_cast<std::size_t>(Topic::unmanaged) + 1;

const char* to_string(Topic topic);

struct ChangesSince {
    std::string run;
    std::uint64_t version = 0;
    std::vector<Topic> changed; // every topic when `since` was another run's
};

class ChangeFeed {
public:
    ChangeFeed();

    // Call after the commit, so a console that refetches sees the change.
    void bump(Topic topic);
    void bump(std::initializer_list<Topic> topics);
    ChangesSince since(const std::string& run, std::uint64_t version) const;
    const std::string& run() const { return m_run; }

private:
    const std::string m_run;
    mutable std::mutex m_mutex;
    std::uint64_t m_version = 1;
    std::array<std::uint64_t, kTopicCount> m_changed_at{};
};

} // namespace waconsole
