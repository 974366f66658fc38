// Last inbound time per customer.
#include "metasim/customer_windows.hpp"

#include "shared/service_window.hpp"

#include <algorithm>
#include <mutex>

namespace waconsole::metasim {

void CustomerWindows::customer_wrote(const std::string& wa_id, std::int64_t at) {
    std::unique_lock<std::shared_mutex> lock(m_mutex);
    auto& times = m_inbound_times[wa_id];
    times.push_back(at);
    if (times.size() > kKeptTimes) {
        times.erase(std::min_element(times.begin(), times.end()));
    }
}

bool CustomerWindows::is_open(const std::string& wa_id, std::int64_t now) const {
    std::shared_lock<std::shared_mutex> lock(m_mutex);
    const auto found = m_inbound_times.find(wa_id);
    if (found == m_inbound_times.end()) {
        return false;
    }
    for (const std::int64_t at : found->second) {
        if (at <= now && window_state(at, now) == WindowState::open) {
            return true;
        }
    }
    return false;
}

} // namespace waconsole::metasim
