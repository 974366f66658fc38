// A thin RAII layer over SQLite: a connection, prepared statements with bound parameters, and
// transactions that roll back unless committed. A Connection is never shared between threads at
// once; ConnectionPool hands each request its own. Every failure throws StoreError.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <sqlite3.h>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

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
    friend class Statement;
    // Finished statements come back here, reset, and the next prepare() of the same SQL takes
    // one instead of compiling it again: compiling is most of a small statement's cost (an
    // UPDATE of messages compiles its triggers too), and the send path runs a dozen per send. A
    // statement that outlives its connection finds the cache gone and is finalized instead.
    // Looked up by the caller's text without copying it (the keys view `texts`, whose strings
    // never move); a statement keeps a pointer to its SQL's entry (the map's nodes never move
    // either) to go back there without a second lookup.
    using Idle = std::vector<sqlite3_stmt*>;
    struct IdleStatements {
        std::deque<std::string> texts;
        std::unordered_map<std::string_view, Idle> by_sql;
        std::size_t count = 0;
    };

    sqlite3* m_db = nullptr;
    std::shared_ptr<IdleStatements> m_idle = std::make_shared<IdleStatements>();
};

class Statement {
public:
    // A statement of its own, finalized at the end (Connection::prepare reuses them instead).
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
    // Binds `value` without copying it: it must stay unchanged until the statement is reset
    // (reset() clears the bindings) or bound again at `index`.
    Statement& bind_view(int index, std::string_view value);
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
    // The column's text without a copy: valid until the next step(), reset() or get_* of the
    // same column as another type.
    std::string_view get_view(int column) const;
    std::optional<std::int64_t> get_optional_int(int column) const;
    // Steps once: the first column of the first row as a number, nullopt when there is no row.
    std::optional<std::int64_t> first_int();
    std::optional<std::string> get_optional_text(int column) const;
    int column_count() const;
    const char* column_name(int column) const;

private:
    friend class Connection;
    Statement(Connection& owner, sqlite3_stmt* statement, Connection::Idle* home);

    sqlite3* m_db;
    sqlite3_stmt* m_stmt = nullptr;
    // Set: given back to its connection's idle statements at the end, into m_home.
    std::weak_ptr<Connection::IdleStatements> m_idle;
    Connection::Idle* m_home = nullptr;
};

// Inserts rows into one table many at a time: one INSERT with `batch_rows` rows of VALUES costs
// about what an INSERT of one row does (the statement's set-up, constraint checks and its end
// dominate a small row), so 100,000 rows go in a fraction of the time. Values are held until a
// batch is full; flush() inserts the rest. Rows reach the table only when flushed, so flush()
// before reading the table or committing; whatever is not flushed is dropped with the inserter.
//   BatchInsert insert(db, "campaign_draft_rows (draft_id, row_number, phone, cells)", 4);
//   insert.value(id).value(row).value(phone).value(cells).end_row(); ... insert.flush();
class BatchInsert {
public:
    // `into` is the table and its column list as in SQL: "t (a, b)"; `columns` its count.
    BatchInsert(Connection& db, std::string into, int columns, int batch_rows = 64);
    BatchInsert(const BatchInsert&) = delete;
    BatchInsert& operator=(const BatchInsert&) = delete;

    BatchInsert& value(std::int64_t value);
    BatchInsert& value(std::string_view text); // copied
    BatchInsert& null();
    // Ends a row of exactly `columns` values (else std::logic_error); inserts a full batch.
    void end_row();
    void flush();
    // Rows given so far, flushed or not.
    std::int64_t rows() const { return m_rows; }

private:
    struct Value {
        enum Kind { integer, text, null_value } kind = null_value;
        std::int64_t integer_value = 0; // or the text's offset in m_text
        std::size_t size = 0;
    };
    void insert(Statement& statement, std::size_t rows);
    std::string values_sql(int rows) const;

    Connection& m_db;
    std::string m_into;
    int m_columns;
    int m_batch_rows;
    Statement m_batch;
    std::optional<Statement> m_single;
    std::vector<Value> m_values;
    std::string m_text;
    std::size_t m_values_in_row = 0;
    std::int64_t m_rows = 0;
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
