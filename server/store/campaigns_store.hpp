// Confirmed campaigns in SQLite: the campaign, its recipients (each with the exact text and the
// template parameters the sender will send) and its rejected rows. No transactions opened here:
// Confirm writes all of it in the one its caller holds.
#pragma once

#include "server/store/database.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace waconsole {

struct CampaignRecord {
    std::int64_t id = 0;
    std::string name;
    std::optional<std::int64_t> template_id;
    std::string template_name;
    std::string template_language;
    std::string template_category;
    std::string template_components = "[]";
    std::string parameter_format = "POSITIONAL";
    std::string source;
    std::optional<std::string> upload_name;
    std::string mode; // "immediate" or "scheduled"
    std::optional<std::int64_t> scheduled_at;
    std::string time_zone;
    bool include_active_conversations = false;
    std::string variables_json = "{}";
    std::int64_t created_by = 0;
    std::int64_t created_at = 0;
    std::string status;
    std::int64_t recipient_count = 0;
    std::int64_t rejected_count = 0;
};

// The key names are unique under: case and surrounding spaces ignored.
std::string campaign_name_key(const std::string& name);
bool campaign_name_taken(Connection& db, const std::string& name);

// Throws StoreError (a constraint) when the name is taken meanwhile.
std::int64_t insert_campaign(Connection& db, const CampaignRecord& campaign);
void set_campaign_counts(Connection& db, std::int64_t id, std::int64_t recipients,
                         std::int64_t rejected);
std::optional<CampaignRecord> find_campaign(Connection& db, std::int64_t id);

class CampaignRecipientWriter {
public:
    CampaignRecipientWriter(Connection& db, std::int64_t campaign_id);
    void add_recipient(std::int64_t row_number, const std::string& e164,
                       std::optional<std::int64_t> customer_id, const std::string& customer_name,
                       const std::string& rendered_text, const std::string& parameters_json);
    void add_rejection(std::int64_t row_number, const std::string& phone,
                       const std::string& reason);

private:
    std::int64_t m_campaign_id;
    Statement m_recipient;
    Statement m_rejection;
};

} // namespace waconsole
