// Simulated agents for the demo: the simulator logs a few agents into the waconsole server's
// agent API (an HTTP client of the server, like an agent desk would be; it shares only shared/
// with it), sets them ready, accepts what is assigned to them, answers, and closes each
// conversation a little later. One thread plays every agent in turn, pausing `pace` between
// rounds; it stops with the simulator.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace waconsole::metasim {

struct SimAgentOptions {
    std::string server_url;          // e.g. http://127.0.0.1:8080; empty: no agents
    std::vector<std::string> emails; // the agents' logins
    std::string password;
    std::chrono::milliseconds pace{1000};
    // How long an agent keeps a conversation open after answering, at least and at most.
    std::chrono::milliseconds hold_min{4000};
    std::chrono::milliseconds hold_max{15000};
};

class SimAgents {
public:
    explicit SimAgents(SimAgentOptions options) : m_options(std::move(options)) {}
    ~SimAgents();
    SimAgents(const SimAgents&) = delete;
    SimAgents& operator=(const SimAgents&) = delete;

    void start();
    // Sets the agents offline (so their conversations go back to the queues) and stops.
    void stop();

    // Counters for tests: conversations accepted, replies sent, conversations closed.
    struct Counts {
        int logged_in = 0;
        int accepted = 0;
        int replied = 0;
        int closed = 0;
    };
    Counts counts() const;

private:
    struct Agent {
        std::string email;
        std::string token;
        // Conversations this agent answered, and when each is to be closed.
        std::map<std::int64_t, std::chrono::steady_clock::time_point> closing_at;
    };

    void run();
    void play(Agent& agent);

    SimAgentOptions m_options;
    std::vector<Agent> m_agents;
    std::thread m_thread;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    Counts m_counts;
};

} // namespace waconsole::metasim
