// SQL for the template cache.
#include "server/store/templates_store.hpp"

namespace waconsole {
namespace {

constexpr const char* kColumns = "id, meta_id, name, language, category, status, parameter_format, "
                                 "components, quality_score, rejected_reason, updated_at";

TemplateRecord read_template(const Statement& row) {
    TemplateRecord record;
    record.id = row.get_int(0);
    record.meta_id = row.get_text(1);
    record.name = row.get_text(2);
    record.language = row.get_text(3);
    record.category = row.get_text(4);
    record.status = row.get_text(5);
    record.parameter_format = row.get_text(6);
    record.components = nlohmann::json::parse(row.get_text(7), nullptr, false);
    if (record.components.is_discarded()) {
        record.components = nlohmann::json::array();
    }
    record.quality_score = row.get_optional_text(8);
    record.rejected_reason = row.get_optional_text(9);
    record.updated_at = row.get_int(10);
    return record;
}

std::string text_or(const nlohmann::json& item, const char* key, const std::string& fallback) {
    const auto it = item.find(key);
    if (it == item.end()) {
        return fallback;
    }
    if (it->is_string()) {
        return it->get<std::string>();
    }
    return it->is_number() ? it->dump() : fallback;
}

} // namespace

std::optional<TemplateRecord> template_from_meta(const nlohmann::json& item) {
    TemplateRecord record;
    record.name = text_or(item, "name", "");
    record.language = text_or(item, "language", "");
    if (record.name.empty() || record.language.empty()) {
        return std::nullopt;
    }
    record.meta_id = text_or(item, "id", "");
    record.category = text_or(item, "category", "");
    record.status = text_or(item, "status", "");
    record.parameter_format = text_or(item, "parameter_format", "POSITIONAL");
    if (const auto it = item.find("components"); it != item.end() && it->is_array()) {
        record.components = *it;
    }
    // quality_score is {"score":"GREEN","date":...}; only the score matters to the console.
    if (const auto it = item.find("quality_score"); it != item.end()) {
        if (it->is_object() && it->contains("score") && (*it)["score"].is_string()) {
            record.quality_score = (*it)["score"].get<std::string>();
        } else if (it->is_string()) {
            record.quality_score = it->get<std::string>();
        }
    }
    if (const auto it = item.find("rejected_reason"); it != item.end() && it->is_string()) {
        record.rejected_reason = it->get<std::string>();
    }
    return record;
}

nlohmann::json to_json(const TemplateRecord& record) {
    return {
        {"id", record.id},
        {"meta_id", record.meta_id},
        {"name", record.name},
        {"language", record.language},
        {"category", record.category},
        {"status", record.status},
        {"parameter_format", record.parameter_format},
        {"components", record.components},
        {"quality_score", record.quality_score ? nlohmann::json(*record.quality_score) : nullptr},
        {"rejected_reason",
         record.rejected_reason ? nlohmann::json(*record.rejected_reason) : nullptr},
        {"updated_at", record.updated_at}};
}

std::int64_t template_status_seq(Connection& db) {
    auto query = db.prepare("SELECT COALESCE(MAX(status_seq), 0) FROM templates");
    query.step();
    return query.get_int(0);
}

std::int64_t count_templates(Connection& db) {
    auto query = db.prepare("SELECT COUNT(*) FROM templates");
    query.step();
    return query.get_int(0);
}

void upsert_template(Connection& db, const TemplateRecord& record, std::int64_t now,
                     std::int64_t listed_at_seq) {
    db.prepare(
          "INSERT INTO templates (meta_id, name, language, category, status, parameter_format, "
          "components, quality_score, rejected_reason, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?) "
          "ON CONFLICT (name, language) DO UPDATE SET meta_id = excluded.meta_id, "
          "category = excluded.category, status = CASE WHEN templates.status_seq > ?11 "
          "THEN templates.status ELSE excluded.status END, "
          "parameter_format = excluded.parameter_format, components = excluded.components, "
          "quality_score = excluded.quality_score, rejected_reason = excluded.rejected_reason, "
          "updated_at = excluded.updated_at")
        .bind(1, record.meta_id)
        .bind(2, record.name)
        .bind(3, record.language)
        .bind(4, record.category)
        .bind(5, record.status)
        .bind(6, record.parameter_format)
        .bind(7, record.components.dump())
        .bind(8, record.quality_score)
        .bind(9, record.rejected_reason)
        .bind(10, now)
        .bind(11, listed_at_seq)
        .run();
}

void replace_templates(Connection& db, const std::vector<TemplateRecord>& records, std::int64_t now,
                       std::int64_t listed_at_seq) {
    Transaction transaction(db);
    db.exec("CREATE TEMP TABLE IF NOT EXISTS synced_templates (name TEXT, language TEXT)");
    db.exec("DELETE FROM synced_templates");
    auto remember = db.prepare("INSERT INTO synced_templates (name, language) VALUES (?, ?)");
    for (const auto& record : records) {
        upsert_template(db, record, now, listed_at_seq);
        remember.bind(1, record.name).bind(2, record.language).run();
        remember.reset();
    }
    db.exec("DELETE FROM templates WHERE NOT EXISTS (SELECT 1 FROM synced_templates s "
            "WHERE s.name = templates.name AND s.language = templates.language)");
    db.exec("DELETE FROM synced_templates");
    transaction.commit();
}

std::vector<TemplateRecord> list_templates(Connection& db) {
    auto query =
        db.prepare(std::string("SELECT ") + kColumns + " FROM templates ORDER BY name, language");
    std::vector<TemplateRecord> records;
    while (query.step()) {
        records.push_back(read_template(query));
    }
    return records;
}

std::optional<TemplateRecord> find_template(Connection& db, const std::string& name,
                                            const std::string& language) {
    auto query = db.prepare(std::string("SELECT ") + kColumns +
                            " FROM templates WHERE name = ? AND language = ?");
    query.bind(1, name).bind(2, language);
    if (!query.step()) {
        return std::nullopt;
    }
    return read_template(query);
}

std::optional<TemplateRecord> find_template_by_id(Connection& db, std::int64_t id) {
    auto query = db.prepare(std::string("SELECT ") + kColumns + " FROM templates WHERE id = ?");
    query.bind(1, id);
    if (!query.step()) {
        return std::nullopt;
    }
    return read_template(query);
}

int set_template_status(Connection& db, const std::string& meta_id, const std::string& name,
                        const std::string& language, const std::string& status, std::int64_t now) {
    if (!meta_id.empty()) {
        db.prepare("UPDATE templates SET status = ?, updated_at = ?, status_seq = "
                   "(SELECT COALESCE(MAX(status_seq), 0) + 1 FROM templates) WHERE meta_id = ?")
            .bind(1, status)
            .bind(2, now)
            .bind(3, meta_id)
            .run();
        if (db.changes() > 0) {
            return db.changes();
        }
    }
    if (name.empty()) {
        return 0;
    }
    db.prepare("UPDATE templates SET status = ?, updated_at = ?, status_seq = "
               "(SELECT COALESCE(MAX(status_seq), 0) + 1 FROM templates) WHERE name = ? AND "
               "(? = '' OR language = ?)")
        .bind(1, status)
        .bind(2, now)
        .bind(3, name)
        .bind(4, language)
        .bind(5, language)
        .run();
    return db.changes();
}

} // namespace waconsole
