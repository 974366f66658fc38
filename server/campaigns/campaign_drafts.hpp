// The campaign wizard's service: drafts created from a template, their settings, recipients (an
// upload or chosen customers), variable bindings, review and Confirm. The rules live here; SQL in
// server/store/. Every function answers the JSON of docs/campaigns.md or the API error to give.
#pragma once

#include "server/import/import_limits.hpp"
#include "server/store/database.hpp"
#include "shared/api_error.hpp"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace waconsole {

using DraftAnswer = std::variant<nlohmann::json, ApiError>;

// A draft untouched this long is deleted.
constexpr std::int64_t kDraftLifetimeSeconds = 24 * 3600;

DraftAnswer create_draft(Connection& db, std::int64_t template_id, const std::string& source,
                         std::int64_t user_id, std::int64_t now);
DraftAnswer get_draft(Connection& db, std::int64_t draft_id, std::int64_t now);
DraftAnswer save_settings(Connection& db, std::int64_t draft_id, const nlohmann::json& body,
                          std::int64_t now);
// The upload's bytes, read into the draft's rows in one transaction (nothing stored on error).
DraftAnswer upload_recipients(Connection& db, std::int64_t draft_id, std::string_view bytes,
                              const std::string& file_name, const ImportLimits& limits,
                              std::int64_t now);
DraftAnswer save_variables(Connection& db, std::int64_t draft_id, const nlohmann::json& body,
                           std::int64_t now);
DraftAnswer draft_samples(Connection& db, std::int64_t draft_id, int limit, std::int64_t now);
DraftAnswer add_customers(Connection& db, std::int64_t draft_id,
                          const std::vector<std::int64_t>& customer_ids, std::int64_t now);
DraftAnswer add_all_customers(Connection& db, std::int64_t draft_id, const std::string& search,
                              std::int64_t now);
DraftAnswer remove_customers(Connection& db, std::int64_t draft_id,
                             const std::vector<std::int64_t>& customer_ids, std::int64_t now);
DraftAnswer review(Connection& db, std::int64_t draft_id, std::int64_t now);
DraftAnswer confirm(Connection& db, std::int64_t draft_id, std::int64_t user_id, std::int64_t now);
DraftAnswer cancel(Connection& db, std::int64_t draft_id);

// Deletes drafts untouched for kDraftLifetimeSeconds; returns how many.
std::int64_t expire_drafts(Connection& db, std::int64_t now);

} // namespace waconsole
