// The agents' rounds over the agent API.
#include "metasim/sim_agents.hpp"

#include "metasim/random_ids.hpp"

#include <algorithm>
#include <httplib.h>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>

namespace waconsole::metasim {
namespace {

using json = nlohmann::json;

const std::vector<const char*>& greetings() {
    static const std::vector<const char*> lines = {
        "Hello, thanks for waiting! How can I help you?",
        "Hi! I'm looking into it right now.",
        "¡Hola! Gracias por escribirnos, ¿en qué puedo ayudarte?",
        "Bonjour ! Je regarde votre demande tout de suite.",
    };
    return lines;
}

httplib::Headers bearer(const std::string& token) {
    return {{"Authorization", "Bearer " + token}};
}

std::optional<json> parse(const httplib::Result& result, int expected = 200) {
    if (!result || result->status != expected) {
        return std::nullopt;
    }
    auto body = json::parse(result->body, nullptr, false);
    if (body.is_discarded()) {
        return std::nullopt;
    }
    return body;
}

} // namespace

SimAgents::~SimAgents() {
    stop();
}

void SimAgents::start() {
    if (m_options.server_url.empty() || m_options.emails.empty() || m_thread.joinable()) {
        return;
    }
    for (const auto& email : m_options.emails) {
        m_agents.push_back({email, "", {}});
    }
    m_thread = std::thread([this] { run(); });
}

void SimAgents::stop() {
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping) {
            return;
        }
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) {
        m_thread.join();
    }
    httplib::Client client(m_options.server_url);
    client.set_connection_timeout(1, 0);
    client.set_read_timeout(2, 0);
    for (const auto& agent : m_agents) {
        if (!agent.token.empty()) {
            client.Post("/api/logout", bearer(agent.token), "", "application/json");
        }
    }
}

SimAgents::Counts SimAgents::counts() const {
    std::lock_guard lock(m_mutex);
    return m_counts;
}

void SimAgents::run() {
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        lock.unlock();
        for (auto& agent : m_agents) {
            try {
                play(agent);
            } catch (const std::exception& e) {
                std::cerr << "waconsole-metasim: agent " << agent.email << ": " << e.what()
                          << std::endl;
            }
        }
        lock.lock();
        m_wake.wait_for(lock, m_options.pace, [this] { return m_stopping; });
    }
}

void SimAgents::play(Agent& agent) {
    httplib::Client client(m_options.server_url);
    client.set_connection_timeout(2, 0);
    client.set_read_timeout(10, 0);
    if (agent.token.empty()) {
        const auto login = parse(client.Post(
            "/api/login", json{{"email", agent.email}, {"password", m_options.password}}.dump(),
            "application/json"));
        if (!login || !login->contains("token")) {
            return; // the server is not up yet, or the account is not there: next round
        }
        agent.token = login->at("token").get<std::string>();
        client.Post("/api/agent/presence", bearer(agent.token), json{{"presence", "ready"}}.dump(),
                    "application/json");
        std::lock_guard lock(m_mutex);
        ++m_counts.logged_in;
    }
    const auto headers = bearer(agent.token);
    const auto listed = client.Get("/api/agent/conversations", headers);
    if (listed && listed->status == 401) {
        agent.token.clear(); // the session ended (restart, disabled): log in again next round
        return;
    }
    const auto list = parse(listed);
    if (!list) {
        return;
    }
    const auto now = std::chrono::steady_clock::now();
    const auto conversations = list->value("conversations", json::array());
    // Forget conversations that are no longer this agent's (closed, returned, transferred).
    for (auto it = agent.closing_at.begin(); it != agent.closing_at.end();) {
        const bool listed =
            std::any_of(conversations.begin(), conversations.end(),
                        [&](const json& c) { return c.value("id", 0) == it->first; });
        it = listed ? std::next(it) : agent.closing_at.erase(it);
    }
    for (const auto& conversation : conversations) {
        const auto id = conversation.value("id", std::int64_t{0});
        const auto path = "/api/agent/conversations/" + std::to_string(id);
        if (conversation.value("state", "") == "waiting") {
            if (parse(client.Post(path + "/accept", headers, "{}", "application/json"))) {
                std::lock_guard lock(m_mutex);
                ++m_counts.accepted;
            }
        }
        if (!agent.closing_at.count(id)) {
            const auto& lines = greetings();
            const json reply = {{"text", lines[static_cast<std::size_t>(random_between(
                                             0, static_cast<std::int64_t>(lines.size()) - 1))]}};
            const auto answered =
                client.Post(path + "/reply", headers, reply.dump(), "application/json");
            const auto hold_ms =
                random_between(m_options.hold_min.count(),
                               std::max(m_options.hold_min.count(), m_options.hold_max.count()));
            agent.closing_at[id] = now + std::chrono::milliseconds(hold_ms);
            if (answered && answered->status == 200) {
                std::lock_guard lock(m_mutex);
                ++m_counts.replied;
            }
            continue;
        }
        if (now >= agent.closing_at[id]) {
            if (parse(client.Post(path + "/close", headers, json{{"reason", "Resolved"}}.dump(),
                                  "application/json"))) {
                agent.closing_at.erase(id);
                std::lock_guard lock(m_mutex);
                ++m_counts.closed;
            }
        }
    }
}

} // namespace waconsole::metasim
