// See schema_rewrite.hpp.
#include "server/store/schema_rewrite.hpp"

namespace waconsole {

bool replace_in_table_sql(Connection& db, const std::string& table, const std::string& from,
                          const std::string& to) {
    auto version_query = db.prepare("PRAGMA schema_version");
    version_query.step();
    const auto version = version_query.get_int(0);
    version_query.reset();
    db.exec("PRAGMA writable_schema = ON");
    db.prepare("UPDATE sqlite_schema SET sql = replace(sql, ?1, ?2) "
               "WHERE type = 'table' AND name = ?3 AND instr(sql, ?1) > 0")
        .bind(1, from)
        .bind(2, to)
        .bind(3, table)
        .run();
    const bool rewritten = db.changes() == 1;
    if (rewritten) {
        db.exec("PRAGMA schema_version = " + std::to_string(version + 1));
    }
    db.exec("PRAGMA writable_schema = OFF");
    return rewritten;
}

} // namespace waconsole
