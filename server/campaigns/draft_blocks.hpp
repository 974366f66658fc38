// A draft's rows as blocks of up to kDraftBlockRows consecutive rows, one SQL row per block
// (migration 9): an upload's rows (number, phone, cells) and the last review's tabs (number,
// phone, customer, text or reason). Each field is a length-prefixed cell (draft_cells), so any
// byte may stand in it. A 100,000-row upload is then ~400 inserts rather than 100,000, and a
// review page reads one or two blocks found by the tab's directory instead of skipping rows.
#pragma once

#include "server/store/database.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace waconsole {

constexpr std::int64_t kDraftBlockRows = 256;

// An upload's rows, in increasing row number, stored a block at a time: finish() after the last
// row, before the rows are read or counted and before the transaction commits.
class DraftRowBlockWriter {
public:
    DraftRowBlockWriter(Connection& db, std::int64_t draft_id);
    // The row's first `count` cells (missing ones empty).
    void add(std::int64_t row_number, std::string_view phone, const std::vector<std::string>& cells,
             std::size_t count);
    void finish();
    std::int64_t count() const { return m_count; }

private:
    Connection& m_db;
    std::int64_t m_draft_id;
    std::string m_block;
    std::int64_t m_first_row = 0;
    std::int64_t m_rows_in_block = 0;
    std::int64_t m_count = 0;
};

// A draft row as read back: an upload's number, phone and cells, or a chosen customer with the
// customer's current fields (name, email, phone, custom fields as JSON). Views valid during the
// call only.
struct DraftRowForReview {
    std::int64_t row_number = 0;
    std::string_view phone;
    std::optional<std::int64_t> customer_id;
    std::vector<std::string_view> cells;
    std::string_view customer_name;
    std::string_view customer_email;
    std::string_view customer_custom_fields = "{}";
};
// Every row of the draft in row order; stops when `on_row` returns false.
void for_each_draft_row(Connection& db, std::int64_t id,
                        const std::function<bool(const DraftRowForReview&)>& on_row);

// One row of a review tab: Messages (phone in E.164, text) or Rejected (phone as written, reason).
struct DraftReviewRow {
    std::int64_t row_number = 0;
    std::string_view phone;
    std::string_view customer;
    std::string_view text;
};
// The rows of one review block (views into `block`); false when it is damaged.
bool decode_review_rows(std::string_view block, std::vector<DraftReviewRow>& rows);

// The review's verdicts, in row order, a block per tab at a time: finish() after the last one,
// before the review is read or the transaction commits.
class DraftReviewWriter {
public:
    DraftReviewWriter(Connection& db, std::int64_t draft_id);
    void add(bool accepted, std::int64_t row_number, std::string_view phone,
             std::string_view customer, std::string_view text);
    void finish();

private:
    struct Tab {
        bool accepted = false;
        std::string block;
        std::int64_t first_index = 0; // of the block being filled
        std::int64_t first_row = 0;
        std::int64_t last_row = 0;
        std::int64_t rows_in_block = 0;
    };
    void flush(Tab& tab);

    Connection& m_db;
    std::int64_t m_draft_id;
    Tab m_messages;
    Tab m_rejected;
};

} // namespace waconsole
