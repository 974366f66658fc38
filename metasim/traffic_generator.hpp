// Demo traffic: customers with names in several scripts write in, and some of them answer the
// bot menu with a digit a little later, so a demo sees conversations appear and move. Runs on
// request (POST /_sim/traffic) and, with traffic_per_minute > 0, steadily on its own thread.
#pragma once

#include "metasim/customer_inbox.hpp"
#include "metasim/sim_config.hpp"

#include <condition_variable>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

namespace waconsole::metasim {

class TrafficGenerator {
public:
    TrafficGenerator(CustomerInbox& inbox, const ConfigHolder& config)
        : m_inbox(inbox), m_config(config) {}
    ~TrafficGenerator();

    // Schedules `conversations` new customers; returns
    // {"conversations":N,"customers":[{"wa_id","name","answers_menu"}]}.
    nlohmann::json start_conversations(int conversations);

    void start();
    void stop();
    // Wakes the steady thread after traffic_per_minute changed.
    void config_changed();

private:
    void run();

    CustomerInbox& m_inbox;
    const ConfigHolder& m_config;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace waconsole::metasim
