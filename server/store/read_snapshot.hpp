// A read transaction: every statement inside it sees the database as it was at its first read,
// so a page's total and its rows (or an overview and its transfers) always agree. Under WAL it
// never blocks a writer. Inside a transaction the caller already holds, it does nothing.
#pragma once

#include "server/store/database.hpp"

namespace waconsole {

class ReadSnapshot {
public:
    explicit ReadSnapshot(Connection& db) : m_db(db), m_owned(sqlite3_get_autocommit(db.handle())) {
        if (m_owned) {
            m_db.exec("BEGIN DEFERRED");
        }
    }
    ~ReadSnapshot() {
        if (m_owned) {
            try {
                m_db.exec("COMMIT"); // nothing was written; this only lets the snapshot go
            } catch (const StoreError&) {
                // The pool rolls back a connection given back inside a transaction.
            }
        }
    }
    ReadSnapshot(const ReadSnapshot&) = delete;
    ReadSnapshot& operator=(const ReadSnapshot&) = delete;

private:
    Connection& m_db;
    bool m_owned;
};

} // namespace waconsole
