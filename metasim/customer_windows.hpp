// When each customer last wrote in, so free-form sends outside the 24-hour window fail with
// 131047 like Meta's (the rule itself is shared/service_window.hpp).
#pragma once

#include <cstdint>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace waconsole::metasim {

class CustomerWindows {
public:
    // `at` is epoch seconds; it may lie a little in the future for traffic scheduled to arrive
    // later, and the window opens only when that time comes.
    void customer_wrote(const std::string& wa_id, std::int64_t at);
    bool is_open(const std::string& wa_id, std::int64_t now) const;

private:
    // The few latest inbound times per customer: one scheduled for later must not hide one that
    // has already arrived.
    static constexpr std::size_t kKeptTimes = 4;
    mutable std::shared_mutex m_mutex;
    std::unordered_map<std::string, std::vector<std::int64_t>> m_inbound_times;
};

} // namespace waconsole::metasim
