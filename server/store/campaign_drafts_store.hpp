// Campaign drafts in SQLite: the wizard's settings, bindings, rows (an upload's or the chosen
// customers) and its last review. Plain reads and writes; the rules are the campaign service's
// (server/campaigns/). No function here opens a transaction: callers that write several rows hold
// one.
#pragma once

#include "server/store/database.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace waconsole {

struct DraftRecord {
    std::int64_t id = 0;
    std::int64_t template_id = 0;
    std::string template_name;
    std::string template_language;
    std::string source; // "excel" or "customers"
    std::int64_t created_by = 0;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
    std::string settings_json = "{}";
    std::string variables_json = "{}";
    std::string fields_json = "[]"; // the upload's header
    std::optional<std::string> upload_name;
    std::int64_t row_count = 0;
    std::optional<std::string> review_json;
};

std::int64_t insert_draft(Connection& db, const DraftRecord& draft);
std::optional<DraftRecord> find_draft(Connection& db, std::int64_t id);
void touch_draft(Connection& db, std::int64_t id, std::int64_t now);
void save_draft_settings(Connection& db, std::int64_t id, const std::string& settings_json);
void save_draft_variables(Connection& db, std::int64_t id, const std::string& variables_json);
// Forgets the last review (its verdicts and summary): what it checked has changed.
void clear_draft_review(Connection& db, std::int64_t id);
void delete_draft(Connection& db, std::int64_t id);
// Ids of drafts not updated since `before`.
std::vector<std::int64_t> stale_draft_ids(Connection& db, std::int64_t before);

// One row of a draft as stored.
struct DraftRow {
    std::int64_t row_number = 0;
    std::string phone;
    std::optional<std::int64_t> customer_id;
    std::string cells; // encoded by server/campaigns/draft_cells
};

// Replaces an Excel draft's upload: its rows go and `fields` / `upload_name` are set; the rows
// are then added in blocks.
void reset_draft_upload(Connection& db, std::int64_t id, const std::string& fields_json,
                        const std::string& upload_name);
// One block of an upload's consecutive rows, `rows` encoded by server/campaigns/draft_blocks.
void insert_draft_row_block(Connection& db, std::int64_t draft_id, std::int64_t first_row,
                            std::int64_t row_count, std::string_view rows);
// The draft's row blocks in row order (each view valid during the call); stops when `on_block`
// returns false.
void for_each_draft_row_block(Connection& db, std::int64_t id,
                              const std::function<bool(std::string_view rows)>& on_block);
// Sets the draft's row_count from its rows.
std::int64_t recount_draft_rows(Connection& db, std::int64_t id);

// The customers flow: adds customers (in the order given, skipping those already in the draft),
// or every customer whose name or phone contains `search`. Returns how many were added.
std::int64_t add_draft_customers(Connection& db, std::int64_t id,
                                 const std::vector<std::int64_t>& customer_ids);
std::int64_t add_matching_customers(Connection& db, std::int64_t id, const std::string& search);
std::int64_t remove_draft_customers(Connection& db, std::int64_t id,
                                    const std::vector<std::int64_t>& customer_ids);
// Which of `ids` are customers.
std::vector<std::int64_t> existing_customer_ids(Connection& db,
                                                const std::vector<std::int64_t>& ids);

// A row of campaign_draft_rows (a customers draft's, or an upload stored before migration 9) with
// what the review needs of it: for customer rows the customer's current fields (name, email,
// phone, custom fields as JSON). Views valid during the call only.
struct DraftTableRow {
    std::int64_t row_number = 0;
    std::string_view phone;
    std::optional<std::int64_t> customer_id;
    std::string_view cells; // encoded by server/campaigns/draft_cells
    std::string_view customer_name;
    std::string_view customer_email;
    std::string_view customer_custom_fields;
};
// Every row of the draft's campaign_draft_rows in row order; stops when `on_row` returns false.
void for_each_draft_table_row(Connection& db, std::int64_t id,
                              const std::function<bool(const DraftTableRow&)>& on_row);

// Where a block of the last review's rows sits: the tab's rows first_index to first_index +
// row_count - 1 (0-based, in row order), file rows first_row to last_row.
struct DraftReviewBlock {
    std::int64_t id = 0;
    std::int64_t first_index = 0;
    std::int64_t first_row = 0;
    std::int64_t last_row = 0;
    std::int64_t row_count = 0;
};
// Adds a block of the Messages (accepted) or Rejected tab; `rows` encoded by draft_blocks.
void insert_draft_review_block(Connection& db, std::int64_t draft_id, bool accepted,
                               const DraftReviewBlock& block, std::string_view rows);
// The tab's blocks in order, without their rows.
std::vector<DraftReviewBlock> draft_review_directory(Connection& db, std::int64_t draft_id,
                                                     bool accepted);
// The rows of one block; "" when it is gone.
std::string draft_review_block_rows(Connection& db, std::int64_t block_id);
void save_draft_review_summary(Connection& db, std::int64_t id, const std::string& review_json);

} // namespace waconsole
