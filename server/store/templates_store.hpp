// The local cache of Meta's template catalogue: filled by a sync of every page, kept current by
// `message_template_status_update` webhooks, read before each send so a paused or disabled
// template is refused here instead of at Meta.
#pragma once

#include "server/store/database.hpp"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace waconsole {

struct TemplateRecord {
    std::int64_t id = 0;
    std::string meta_id;
    std::string name;
    std::string language;
    std::string category;
    std::string status;
    std::string parameter_format = "POSITIONAL";
    nlohmann::json components = nlohmann::json::array();
    std::optional<std::string> quality_score;
    std::optional<std::string> rejected_reason;
    std::int64_t updated_at = 0;
};

// A template object as Meta lists it; nullopt when it lacks a name or language.
std::optional<TemplateRecord> template_from_meta(const nlohmann::json& item);
nlohmann::json to_json(const TemplateRecord& record);

// Inserts or updates by (name, language).
void upsert_template(Connection& db, const TemplateRecord& record, std::int64_t now);
// Replaces the catalogue with `records` in one transaction: templates Meta no longer lists go.
void replace_templates(Connection& db, const std::vector<TemplateRecord>& records,
                       std::int64_t now);
std::vector<TemplateRecord> list_templates(Connection& db);
std::optional<TemplateRecord> find_template(Connection& db, const std::string& name,
                                            const std::string& language);
// Updates the status of the template with `meta_id`, or else by name (and language when not
// empty). Returns how many rows changed; an unknown template changes nothing.
int set_template_status(Connection& db, const std::string& meta_id, const std::string& name,
                        const std::string& language, const std::string& status, std::int64_t now);

} // namespace waconsole
