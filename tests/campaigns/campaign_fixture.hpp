// A running server with demo data and a template catalogue like the simulator's, plus the calls
// the campaign tests make through the HTTP API.
#pragma once

#include "test_server.hpp"

#include <nlohmann/json.hpp>
#include <string>

namespace waconsole::testing {

struct CampaignFixture {
    RunningServer server;
    std::string token;

    CampaignFixture();
    // The id of the cached template with that name and language.
    std::int64_t template_id(const std::string& name, const std::string& language) const;

    httplib::Result post(const std::string& path, const nlohmann::json& body) const;
    httplib::Result post_bytes(const std::string& path, const std::string& bytes) const;
    httplib::Result get(const std::string& path) const;
    // POSTs and REQUIREs `status`; returns the body.
    nlohmann::json post_ok(const std::string& path, const nlohmann::json& body,
                           int status = 200) const;
    nlohmann::json get_ok(const std::string& path) const;

    // A new draft of the template; returns its id.
    std::int64_t new_draft(const std::string& name, const std::string& language,
                           const std::string& source) const;
    std::string draft_path(std::int64_t draft, const std::string& rest = "") const;
    // A scalar from the server's database.
    std::int64_t count(const std::string& sql) const;
    // A customer of the test's own; returns its id.
    std::int64_t add_customer(const std::string& name, const std::string& phone,
                              bool opted_out = false,
                              const std::string& custom_fields = "{}") const;
    // Puts the customer in a conversation waiting for an agent.
    void queue_conversation(std::int64_t customer_id) const;
    // Phone of the demo customer with that id.
    std::string customer_phone(std::int64_t customer_id) const;
};

// The error code of an answer's body.
std::string error_code(const httplib::Result& result);

} // namespace waconsole::testing
