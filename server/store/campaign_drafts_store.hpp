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

// Replaces an Excel draft's upload: its rows go and `fields` / `upload_name` are set; rows are
// then added with the inserter.
void reset_draft_upload(Connection& db, std::int64_t id, const std::string& fields_json,
                        const std::string& upload_name);
class DraftRowInserter {
public:
    DraftRowInserter(Connection& db, std::int64_t draft_id);
    void add(std::int64_t row_number, const std::string& phone, const std::string& cells);
    std::int64_t count() const { return m_count; }

private:
    std::int64_t m_draft_id;
    Statement m_insert;
    std::int64_t m_count = 0;
};
// The same for an upload's rows, many to a statement (BatchInsert): finish() before the rows are
// read or counted, and before the transaction commits.
class DraftUploadRows {
public:
    DraftUploadRows(Connection& db, std::int64_t draft_id);
    void add(std::int64_t row_number, std::string_view phone, std::string_view cells);
    void finish() { m_insert.flush(); }
    std::int64_t count() const { return m_insert.rows(); }

private:
    std::int64_t m_draft_id;
    BatchInsert m_insert;
};
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

// A draft row with what the review needs of it: for customer rows the customer's current
// fields (name, email, phone, custom fields as JSON).
struct DraftRowForReview {
    std::int64_t row_number = 0;
    std::string phone;
    std::optional<std::int64_t> customer_id;
    std::string cells;
    std::string customer_name;
    std::string customer_email;
    std::string customer_custom_fields = "{}";
};
// Every row of the draft in row order; stops when `on_row` returns false.
void for_each_draft_row(Connection& db, std::int64_t id,
                        const std::function<bool(const DraftRowForReview&)>& on_row);

// Verdicts are written many to a statement: finish() after the last one, before the review is
// read or the transaction commits.
class DraftReviewWriter {
public:
    DraftReviewWriter(Connection& db, std::int64_t draft_id);
    void add(std::int64_t row_number, bool accepted, std::string_view phone,
             std::string_view customer, std::string_view text);
    void finish() { m_insert.flush(); }

private:
    std::int64_t m_draft_id;
    BatchInsert m_insert;
};
void save_draft_review_summary(Connection& db, std::int64_t id, const std::string& review_json);
// The last review's counts of accepted and rejected rows, as its summary says (written with its
// verdicts in one transaction, cleared with them); nullopt when there is no review.
struct DraftReviewCounts {
    std::int64_t accepted = 0;
    std::int64_t rejected = 0;
};
std::optional<DraftReviewCounts> draft_review_counts(Connection& db, std::int64_t id);

} // namespace waconsole
