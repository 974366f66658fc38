// A thin RAII layer over SQLite: a connection, prepared statements with bound parameters, and
// transactions that roll back unless committed. A Connection is never shared between threads at
// once; ConnectionPool hands each request its own. Every failure throws StoreError.
#pragma once

#include <cstdint>
#include <optional>
#include <sqlite3.h>
#include <stdexcept>
#include <string>
#include <string_view>

namespace waconsole {

class StoreError : public std::runtime_error {
public:
    StoreError(const std::string& what, int sqlite_code)
        : std::runtime_error(what), m_sqlite_code(sqlite_code) {}
    int sqlite_code() const { return m_sqlite_code; }
    // SQLITE_CONSTRAINT and its extended codes: a unique or foreign key was violated.
    bool is_constraint() const { return (m_sqlite_code & 0xff) == SQLITE_CONSTRAINT; }

private:
    int m_sqlite_code;
};

class Statement;

class Connection {
public:
    // Opens (creating if needed) the database file, in WAL mode with foreign keys on and a busy
    // timeout so that concurrent writers wait instead of failing.
    explicit Connection(const std::string& path);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    void exec(const std::string& sql);
    Statement prepare(std::string_view sql);
    std::int64_t last_insert_id() const;
    int changes() const;
    sqlite3* handle() const { return m_db; }

    // Makes the connection fit for its next user: rolls back a transaction left open. Returns
    // false when it cannot (the rollback failed, or a statement is still mid-step and so holds a
    // read snapshot); the caller must then close the connection instead of reusing it.
    bool reset_for_reuse() noexcept;

private:
    sqlite3* m_db = nullptr;
};

class Statement {
public:
    Statement(sqlite3* db, std::string_view sql);
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&&) = delete;
    Statement(const Statement&) = delete;

    // Parameters are 1-based, as in SQLite. Each bind returns *this so calls chain.
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, const std::string& value);
    Statement& bind(int index, const char* value);
    Statement& bind_null(int index);
    template <typename T> Statement& bind(int index, const std::optional<T>& value) {
        return value ? bind(index, *value) : bind_null(index);
    }

    // True while a row is available; false when done.
    bool step();
    // Runs a statement that returns no rows.
    void run();
    void reset();

    bool is_null(int column) const;
    std::int64_t get_int(int column) const;
    double get_double(int column) const;
    std::string get_text(int column) const;
    std::optional<std::int64_t> get_optional_int(int column) const;
    std::optional<std::string> get_optional_text(int column) const;
    int column_count() const;
    const char* column_name(int column) const;

private:
    sqlite3* m_db;
    sqlite3_stmt* m_stmt = nullptr;
};

// Begins IMMEDIATE (takes the write lock at once, so two writers never deadlock on upgrade);
// rolls back in the destructor unless commit() was called.
class Transaction {
public:
    explicit Transaction(Connection& connection);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Connection& m_connection;
    bool m_done = false;
};

} // namespace waconsole
