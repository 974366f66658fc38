// The local cache of Meta's template catalogue: filled by a sync of every page, kept current by
// `message_template_status_update` webhooks, read before each send so a paused or disabled
// template is refused here instead of at Meta.
#pragma once

#include "server/store/database.hpp"

#include <cstdint>
#include <limits>
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

// Every status change a webhook makes gets the next number of one sequence. A sync reads the
// number before it asks Meta for the listing; a status changed after that (a webhook that came
// while the listing was on its way) is newer than the listing and is kept.
std::int64_t template_status_seq(Connection& db);

// Inserts or updates by (name, language); the status only when no webhook changed it after
// `listed_at_seq`.
void upsert_template(Connection& db, const TemplateRecord& record, std::int64_t now,
                     std::int64_t listed_at_seq = std::numeric_limits<std::int64_t>::max());
// Replaces the catalogue with `records` (listed by Meta after `listed_at_seq`) in one
// transaction: templates Meta no longer lists go.
void replace_templates(Connection& db, const std::vector<TemplateRecord>& records, std::int64_t now,
                       std::int64_t listed_at_seq = std::numeric_limits<std::int64_t>::max());
std::int64_t count_templates(Connection& db);
std::vector<TemplateRecord> list_templates(Connection& db);
std::optional<TemplateRecord> find_template(Connection& db, const std::string& name,
                                            const std::string& language);
std::optional<TemplateRecord> find_template_by_id(Connection& db, std::int64_t id);
// Updates the status of the template with `meta_id`, or else by name (and language when not
// empty). Returns how many rows changed; an unknown template changes nothing.
int set_template_status(Connection& db, const std::string& meta_id, const std::string& name,
                        const std::string& language, const std::string& status, std::int64_t now);

} // namespace waconsole
