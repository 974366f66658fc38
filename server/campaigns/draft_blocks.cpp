// Blocks of draft rows: encoding, writers and readers.
#include "server/campaigns/draft_blocks.hpp"

#include "server/campaigns/draft_cells.hpp"
#include "server/store/campaign_drafts_store.hpp"

#include <charconv>

namespace waconsole {
namespace {

void append_number(std::int64_t number, std::string& out) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, number).ptr;
    append_cell(std::string_view(digits, static_cast<std::size_t>(end - digits)), out);
}

bool read_number(CellReader& reader, std::int64_t& number) {
    std::string_view text;
    if (!reader.next(text)) {
        return false;
    }
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    return error == std::errc() && end == text.data() + text.size();
}

// The rows of one upload block; false when it is damaged (the rows before stay read).
bool read_row_block(std::string_view block, DraftRowForReview& row,
                    const std::function<bool(const DraftRowForReview&)>& on_row, bool& go_on) {
    CellReader reader(block);
    while (!reader.at_end()) {
        std::int64_t cell_count = 0;
        if (!read_number(reader, row.row_number) || !reader.next(row.phone) ||
            !read_number(reader, cell_count) || cell_count < 0) {
            return false;
        }
        row.cells.resize(static_cast<std::size_t>(cell_count));
        for (auto& cell : row.cells) {
            if (!reader.next(cell)) {
                return false;
            }
        }
        if (!on_row(row)) {
            go_on = false;
            return true;
        }
    }
    return true;
}

} // namespace

DraftRowBlockWriter::DraftRowBlockWriter(Connection& db, std::int64_t draft_id)
    : m_db(db), m_draft_id(draft_id) {}

void DraftRowBlockWriter::add(std::int64_t row_number, std::string_view phone,
                              const std::vector<std::string>& cells, std::size_t count) {
    if (m_rows_in_block == 0) {
        m_first_row = row_number;
    }
    append_number(row_number, m_block);
    append_cell(phone, m_block);
    append_number(static_cast<std::int64_t>(count), m_block);
    for (std::size_t at = 0; at < count; ++at) {
        append_cell(at < cells.size() ? std::string_view(cells[at]) : "", m_block);
    }
    ++m_count;
    if (++m_rows_in_block == kDraftBlockRows) {
        finish();
    }
}

void DraftRowBlockWriter::finish() {
    if (m_rows_in_block == 0) {
        return;
    }
    insert_draft_row_block(m_db, m_draft_id, m_first_row, m_rows_in_block, m_block);
    m_block.clear();
    m_rows_in_block = 0;
}

void for_each_draft_row(Connection& db, std::int64_t id,
                        const std::function<bool(const DraftRowForReview&)>& on_row) {
    DraftRowForReview row;
    bool go_on = true;
    for_each_draft_row_block(db, id, [&](std::string_view block) {
        if (!read_row_block(block, row, on_row, go_on)) {
            throw StoreError("campaign draft " + std::to_string(id) + ": a damaged block of rows",
                             SQLITE_CORRUPT);
        }
        return go_on;
    });
    if (!go_on) {
        return;
    }
    // A customers draft's rows, or an upload stored before its rows were kept in blocks.
    for_each_draft_table_row(db, id, [&](const DraftTableRow& stored) {
        row.row_number = stored.row_number;
        row.phone = stored.phone;
        row.customer_id = stored.customer_id;
        decode_cells(stored.cells, row.cells);
        row.customer_name = stored.customer_name;
        row.customer_email = stored.customer_email;
        row.customer_custom_fields = stored.customer_custom_fields;
        return on_row(row);
    });
}

bool decode_review_rows(std::string_view block, std::vector<DraftReviewRow>& rows) {
    rows.clear();
    CellReader reader(block);
    while (!reader.at_end()) {
        DraftReviewRow row;
        if (!read_number(reader, row.row_number) || !reader.next(row.phone) ||
            !reader.next(row.customer) || !reader.next(row.text)) {
            return false;
        }
        rows.push_back(row);
    }
    return true;
}

DraftReviewWriter::DraftReviewWriter(Connection& db, std::int64_t draft_id)
    : m_db(db), m_draft_id(draft_id) {
    m_messages.accepted = true;
}

void DraftReviewWriter::add(bool accepted, std::int64_t row_number, std::string_view phone,
                            std::string_view customer, std::string_view text) {
    Tab& tab = accepted ? m_messages : m_rejected;
    if (tab.rows_in_block == 0) {
        tab.first_row = row_number;
    }
    tab.last_row = row_number;
    append_number(row_number, tab.block);
    append_cell(phone, tab.block);
    append_cell(customer, tab.block);
    append_cell(text, tab.block);
    if (++tab.rows_in_block == kDraftBlockRows) {
        flush(tab);
    }
}

void DraftReviewWriter::flush(Tab& tab) {
    if (tab.rows_in_block == 0) {
        return;
    }
    insert_draft_review_block(m_db, m_draft_id, tab.accepted,
                              {0, tab.first_index, tab.first_row, tab.last_row, tab.rows_in_block},
                              tab.block);
    tab.first_index += tab.rows_in_block;
    tab.rows_in_block = 0;
    tab.block.clear();
}

void DraftReviewWriter::finish() {
    flush(m_messages);
    flush(m_rejected);
}

} // namespace waconsole
