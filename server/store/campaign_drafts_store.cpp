// Campaign drafts: SQL only, bound parameters only.
#include "server/store/campaign_drafts_store.hpp"

#include "server/store/like_pattern.hpp"

namespace waconsole {
namespace {

DraftRecord read_draft(const Statement& row) {
    DraftRecord draft;
    draft.id = row.get_int(0);
    draft.template_id = row.get_int(1);
    draft.template_name = row.get_text(2);
    draft.template_language = row.get_text(3);
    draft.source = row.get_text(4);
    draft.created_by = row.get_int(5);
    draft.created_at = row.get_int(6);
    draft.updated_at = row.get_int(7);
    draft.settings_json = row.get_text(8);
    draft.variables_json = row.get_text(9);
    draft.fields_json = row.get_text(10);
    draft.upload_name = row.get_optional_text(11);
    draft.row_count = row.get_int(12);
    draft.review_json = row.get_optional_text(13);
    return draft;
}

} // namespace

std::int64_t insert_draft(Connection& db, const DraftRecord& draft) {
    db.prepare("INSERT INTO campaign_drafts (template_id, template_name, template_language, "
               "source, created_by, created_at, updated_at, settings, variables, fields) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(1, draft.template_id)
        .bind(2, draft.template_name)
        .bind(3, draft.template_language)
        .bind(4, draft.source)
        .bind(5, draft.created_by)
        .bind(6, draft.created_at)
        .bind(7, draft.updated_at)
        .bind(8, draft.settings_json)
        .bind(9, draft.variables_json)
        .bind(10, draft.fields_json)
        .run();
    return db.last_insert_id();
}

std::optional<DraftRecord> find_draft(Connection& db, std::int64_t id) {
    auto query = db.prepare(
        "SELECT id, template_id, template_name, template_language, source, created_by, "
        "created_at, updated_at, settings, variables, fields, upload_name, row_count, review "
        "FROM campaign_drafts WHERE id = ?");
    query.bind(1, id);
    if (!query.step()) {
        return std::nullopt;
    }
    return read_draft(query);
}

void touch_draft(Connection& db, std::int64_t id, std::int64_t now) {
    db.prepare("UPDATE campaign_drafts SET updated_at = ? WHERE id = ?")
        .bind(1, now)
        .bind(2, id)
        .run();
}

void save_draft_settings(Connection& db, std::int64_t id, const std::string& settings_json) {
    db.prepare("UPDATE campaign_drafts SET settings = ? WHERE id = ?")
        .bind(1, settings_json)
        .bind(2, id)
        .run();
}

void save_draft_variables(Connection& db, std::int64_t id, const std::string& variables_json) {
    db.prepare("UPDATE campaign_drafts SET variables = ? WHERE id = ?")
        .bind(1, variables_json)
        .bind(2, id)
        .run();
}

void clear_draft_review(Connection& db, std::int64_t id) {
    db.prepare("DELETE FROM campaign_draft_review_blocks WHERE draft_id = ?").bind(1, id).run();
    db.prepare("UPDATE campaign_drafts SET review = NULL WHERE id = ?").bind(1, id).run();
}

void delete_draft(Connection& db, std::int64_t id) {
    // The rows first, explicitly: a cascade would do it too, but only with foreign keys on.
    db.prepare("DELETE FROM campaign_draft_review_blocks WHERE draft_id = ?").bind(1, id).run();
    db.prepare("DELETE FROM campaign_draft_row_blocks WHERE draft_id = ?").bind(1, id).run();
    db.prepare("DELETE FROM campaign_draft_rows WHERE draft_id = ?").bind(1, id).run();
    db.prepare("DELETE FROM campaign_drafts WHERE id = ?").bind(1, id).run();
}

std::vector<std::int64_t> stale_draft_ids(Connection& db, std::int64_t before) {
    auto query = db.prepare("SELECT id FROM campaign_drafts WHERE updated_at < ?");
    query.bind(1, before);
    std::vector<std::int64_t> ids;
    while (query.step()) {
        ids.push_back(query.get_int(0));
    }
    return ids;
}

void reset_draft_upload(Connection& db, std::int64_t id, const std::string& fields_json,
                        const std::string& upload_name) {
    db.prepare("DELETE FROM campaign_draft_rows WHERE draft_id = ?").bind(1, id).run();
    db.prepare("DELETE FROM campaign_draft_row_blocks WHERE draft_id = ?").bind(1, id).run();
    db.prepare("UPDATE campaign_drafts SET fields = ?, upload_name = ?, row_count = 0 WHERE id = ?")
        .bind(1, fields_json)
        .bind(2, upload_name)
        .bind(3, id)
        .run();
}

void insert_draft_row_block(Connection& db, std::int64_t draft_id, std::int64_t first_row,
                            std::int64_t row_count, std::string_view rows) {
    db.prepare("INSERT INTO campaign_draft_row_blocks (draft_id, first_row, row_count, rows) "
               "VALUES (?, ?, ?, ?)")
        .bind(1, draft_id)
        .bind(2, first_row)
        .bind(3, row_count)
        .bind_view(4, rows)
        .run();
}

void for_each_draft_row_block(Connection& db, std::int64_t id,
                              const std::function<bool(std::string_view rows)>& on_block) {
    auto query = db.prepare("SELECT rows FROM campaign_draft_row_blocks WHERE draft_id = ? "
                            "ORDER BY first_row");
    query.bind(1, id);
    while (query.step()) {
        if (!on_block(query.get_view(0))) {
            return;
        }
    }
}

std::int64_t recount_draft_rows(Connection& db, std::int64_t id) {
    auto count = db.prepare(
        "SELECT (SELECT COUNT(*) FROM campaign_draft_rows WHERE draft_id = ?1) + "
        "(SELECT COALESCE(SUM(row_count), 0) FROM campaign_draft_row_blocks WHERE draft_id = ?1)");
    count.bind(1, id);
    const auto rows = count.first_int().value_or(0);
    db.prepare("UPDATE campaign_drafts SET row_count = ? WHERE id = ?")
        .bind(1, rows)
        .bind(2, id)
        .run();
    return rows;
}

std::int64_t add_draft_customers(Connection& db, std::int64_t id,
                                 const std::vector<std::int64_t>& customer_ids) {
    auto insert = db.prepare(
        "INSERT OR IGNORE INTO campaign_draft_rows (draft_id, row_number, phone, customer_id) "
        "SELECT ?1, (SELECT next_row FROM campaign_drafts WHERE id = ?1), "
        "COALESCE(c.phone, '+' || c.wa_id, ''), c.id FROM customers c WHERE c.id = ?2");
    auto advance = db.prepare("UPDATE campaign_drafts SET next_row = next_row + 1 WHERE id = ?");
    std::int64_t added = 0;
    for (const auto customer_id : customer_ids) {
        insert.bind(1, id).bind(2, customer_id);
        insert.run();
        insert.reset();
        if (db.changes() > 0) {
            ++added;
            advance.bind(1, id);
            advance.run();
            advance.reset();
        }
    }
    return added;
}

std::int64_t add_matching_customers(Connection& db, std::int64_t id, const std::string& search) {
    const std::string pattern = like_contains(search);
    // Row numbers continue after the draft's last one, in customer id order.
    db.prepare(
          "INSERT OR IGNORE INTO campaign_draft_rows (draft_id, row_number, phone, customer_id) "
          "SELECT ?1, (SELECT next_row FROM campaign_drafts WHERE id = ?1) + "
          "ROW_NUMBER() OVER (ORDER BY c.id) - 1, COALESCE(c.phone, '+' || c.wa_id, ''), c.id "
          "FROM customers c WHERE (?2 = '%%' OR c.name LIKE ?2 ESCAPE '\\' "
          "OR c.phone LIKE ?2 ESCAPE '\\') "
          "AND NOT EXISTS (SELECT 1 FROM campaign_draft_rows r WHERE r.draft_id = ?1 "
          "AND r.customer_id = c.id)")
        .bind(1, id)
        .bind(2, pattern)
        .run();
    const std::int64_t added = db.changes();
    db.prepare("UPDATE campaign_drafts SET next_row = next_row + ? WHERE id = ?")
        .bind(1, added)
        .bind(2, id)
        .run();
    return added;
}

std::int64_t remove_draft_customers(Connection& db, std::int64_t id,
                                    const std::vector<std::int64_t>& customer_ids) {
    auto remove =
        db.prepare("DELETE FROM campaign_draft_rows WHERE draft_id = ? AND customer_id = ?");
    std::int64_t removed = 0;
    for (const auto customer_id : customer_ids) {
        remove.bind(1, id).bind(2, customer_id);
        remove.run();
        remove.reset();
        removed += db.changes();
    }
    return removed;
}

std::vector<std::int64_t> existing_customer_ids(Connection& db,
                                                const std::vector<std::int64_t>& ids) {
    auto query = db.prepare("SELECT 1 FROM customers WHERE id = ?");
    std::vector<std::int64_t> found;
    for (const auto id : ids) {
        query.bind(1, id);
        if (query.step()) {
            found.push_back(id);
        }
        query.reset();
    }
    return found;
}

void for_each_draft_table_row(Connection& db, std::int64_t id,
                              const std::function<bool(const DraftTableRow&)>& on_row) {
    auto query = db.prepare(
        "SELECT r.row_number, COALESCE(c.phone, '+' || c.wa_id, r.phone), r.customer_id, r.cells, "
        "COALESCE(c.name, ''), COALESCE(c.email, ''), COALESCE(c.custom_fields, '{}') "
        "FROM campaign_draft_rows r LEFT JOIN customers c ON c.id = r.customer_id "
        "WHERE r.draft_id = ? ORDER BY r.row_number");
    query.bind(1, id);
    DraftTableRow row;
    while (query.step()) {
        row.row_number = query.get_int(0);
        row.phone = query.get_view(1);
        row.customer_id = query.get_optional_int(2);
        row.cells = query.get_view(3);
        row.customer_name = query.get_view(4);
        row.customer_email = query.get_view(5);
        row.customer_custom_fields = query.get_view(6);
        if (!on_row(row)) {
            return;
        }
    }
}

void insert_draft_review_block(Connection& db, std::int64_t draft_id, bool accepted,
                               const DraftReviewBlock& block, std::string_view rows) {
    db.prepare("INSERT INTO campaign_draft_review_blocks (draft_id, accepted, first_index, "
               "first_row, last_row, row_count, rows) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .bind(1, draft_id)
        .bind(2, std::int64_t{accepted ? 1 : 0})
        .bind(3, block.first_index)
        .bind(4, block.first_row)
        .bind(5, block.last_row)
        .bind(6, block.row_count)
        .bind_view(7, rows)
        .run();
}

std::vector<DraftReviewBlock> draft_review_directory(Connection& db, std::int64_t draft_id,
                                                     bool accepted) {
    auto query = db.prepare("SELECT id, first_index, first_row, last_row, row_count "
                            "FROM campaign_draft_review_blocks "
                            "WHERE draft_id = ? AND accepted = ? ORDER BY first_index");
    query.bind(1, draft_id).bind(2, std::int64_t{accepted ? 1 : 0});
    std::vector<DraftReviewBlock> blocks;
    while (query.step()) {
        blocks.push_back({query.get_int(0), query.get_int(1), query.get_int(2), query.get_int(3),
                          query.get_int(4)});
    }
    return blocks;
}

std::string draft_review_block_rows(Connection& db, std::int64_t block_id) {
    auto query = db.prepare("SELECT rows FROM campaign_draft_review_blocks WHERE id = ?");
    query.bind(1, block_id);
    return query.step() ? std::string(query.get_view(0)) : std::string();
}

void save_draft_review_summary(Connection& db, std::int64_t id, const std::string& review_json) {
    db.prepare("UPDATE campaign_drafts SET review = ? WHERE id = ?")
        .bind(1, review_json)
        .bind(2, id)
        .run();
}

} // namespace waconsole
