// What SQLite ran and how: for tests that a statement reads the index it should.
#pragma once

#include "server/store/database.hpp"

#include <functional>
#include <sqlite3.h>
#include <string>
#include <vector>

namespace waconsole::testing {

// The SQL of every statement `read` steps on `db`.
inline std::vector<std::string> statements_run(Connection& db, const std::function<void()>& read) {
    std::vector<std::string> sql;
    sqlite3_trace_v2(
        db.handle(), SQLITE_TRACE_STMT,
        [](unsigned, void* context, void* statement, void*) {
            const char* text = sqlite3_sql(static_cast<sqlite3_stmt*>(statement));
            static_cast<std::vector<std::string>*>(context)->push_back(text ? text : "");
            return 0;
        },
        &sql);
    read();
    sqlite3_trace_v2(db.handle(), 0, nullptr, nullptr);
    return sql;
}

// EXPLAIN QUERY PLAN's lines for `sql`, one string.
inline std::string query_plan(Connection& db, const std::string& sql) {
    auto explain = db.prepare("EXPLAIN QUERY PLAN " + sql);
    std::string plan;
    while (explain.step()) {
        plan += explain.get_text(3) + "\n";
    }
    return plan;
}

} // namespace waconsole::testing
