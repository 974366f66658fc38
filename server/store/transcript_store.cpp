// Reads of a conversation's transcript: pages from the newest back by message id (keyset, so a
// page of an old conversation costs what the newest page does) and every message for e-mail.
#include "server/store/transcript_store.hpp"

#include <algorithm>
#include <limits>

namespace waconsole {
namespace {

nlohmann::json optional_int(const Statement& row, int column) {
    return row.is_null(column) ? nlohmann::json(nullptr) : nlohmann::json(row.get_int(column));
}

nlohmann::json optional_text(const Statement& row, int column) {
    return row.is_null(column) ? nlohmann::json(nullptr) : nlohmann::json(row.get_text(column));
}

constexpr const char* kMessageColumns =
    "SELECT m.id, m.direction, m.kind, m.body, m.created_at, m.status, u.name, m.sent_at, "
    "m.delivered_at, m.read_at, m.failed_at, m.error_code, m.error_title, m.error_details, "
    "m.template_name FROM messages m LEFT JOIN users u ON u.id = m.sent_by_user_id ";

nlohmann::json read_message(const Statement& row) {
    nlohmann::json error = nullptr;
    if (!row.is_null(11) || !row.is_null(12)) {
        error = {{"code", optional_int(row, 11)},
                 {"title", optional_text(row, 12)},
                 {"details", optional_text(row, 13)}};
    }
    return {{"id", row.get_int(0)},
            {"direction", row.get_text(1)},
            {"kind", row.get_text(2)},
            {"body", row.get_text(3)},
            {"at", row.get_int(4)},
            {"status", row.get_text(5)},
            {"agent", optional_text(row, 6)},
            {"sent_at", optional_int(row, 7)},
            {"delivered_at", optional_int(row, 8)},
            {"read_at", optional_int(row, 9)},
            {"failed_at", optional_int(row, 10)},
            {"error", error},
            {"template", optional_text(row, 14)}};
}

} // namespace

TranscriptPage load_transcript_page(Connection& db, std::int64_t conversation_id,
                                    std::optional<std::int64_t> before, int limit) {
    auto rows = db.prepare(std::string(kMessageColumns) +
                           "WHERE m.conversation_id = ? AND m.id < ? ORDER BY m.id DESC LIMIT ?");
    rows.bind(1, conversation_id)
        .bind(2, before.value_or(std::numeric_limits<std::int64_t>::max()))
        .bind(3, limit + 1);
    TranscriptPage page;
    while (rows.step()) {
        if (static_cast<int>(page.messages.size()) == limit) {
            page.more = true;
            break;
        }
        page.messages.push_back(read_message(rows));
    }
    std::reverse(page.messages.begin(), page.messages.end());
    return page;
}

void for_each_transcript_message(Connection& db, std::int64_t conversation_id,
                                 const std::function<void(const nlohmann::json&)>& on_message) {
    auto rows =
        db.prepare(std::string(kMessageColumns) + "WHERE m.conversation_id = ? ORDER BY m.id");
    rows.bind(1, conversation_id);
    while (rows.step()) {
        on_message(read_message(rows));
    }
}

} // namespace waconsole
