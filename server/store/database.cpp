// SQLite wrapper implementation.
#include "server/store/database.hpp"

#include <algorithm>
#include <mutex>

namespace waconsole {
namespace {

[[noreturn]] void fail(sqlite3* db, int code, const std::string& context) {
    const char* message = db ? sqlite3_errmsg(db) : sqlite3_errstr(code);
    const int extended = db ? sqlite3_extended_errcode(db) : code;
    throw StoreError(context + ": " + message, extended);
}

// Statements kept idle per connection, at most; beyond it a finished one is finalized.
constexpr std::size_t kMaxIdleStatements = 256;
// Distinct SQL texts a connection keeps a place for; beyond it (SQL built with values in it
// would be a bug, but must not grow memory) a new text's statements are finalized after use.
constexpr std::size_t kMaxCachedSql = 1024;

// SQLite's memory statistics take a process-wide lock on every allocation, which the server's
// threads then queue on; nothing here reads them. Only possible before SQLite initializes, so
// before the first connection opens (afterwards the call is refused and changes nothing).
//
// Statement journals (each statement that may fail halfway inside a transaction keeps the pages
// it changes, to undo them) stay in memory up to SQLite's 64 KiB, then go to a temporary file.
// Inside a savepoint they add up until it is released: a webhook POST of 15 statuses run in a
// savepoint of the send worker's transaction (SharedWrites) wrote ~240 KiB, to a file, a page
// at a time. 512 KiB keeps them in memory (SQLite allocates that much for each journal, so
// not more), held only until the statement or savepoint ends.
constexpr int kStatementJournalInMemory = 512 << 10;

void configure_sqlite_once() {
    static std::once_flag once;
    std::call_once(once, [] {
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, kStatementJournalInMemory);
    });
}

} // namespace

Connection::Connection(const std::string& path) {
    configure_sqlite_once();
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        const std::string message = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
        sqlite3_close(m_db);
        m_db = nullptr;
        throw StoreError("cannot open database " + path + ": " + message, rc);
    }
    sqlite3_extended_result_codes(m_db, 1);
    sqlite3_busy_timeout(m_db, 10000);
    exec("PRAGMA journal_mode=WAL");
    // NORMAL is durable across application crashes in WAL mode; only a power cut may lose the
    // last transactions, never consistency.
    exec("PRAGMA synchronous=NORMAL");
    exec("PRAGMA foreign_keys=ON");
}

Connection::~Connection() {
    for (auto& [sql, statements] : m_idle->by_sql) {
        for (auto* statement : statements) {
            sqlite3_finalize(statement);
        }
    }
    m_idle.reset();
    sqlite3_close_v2(m_db);
}

void Connection::exec(const std::string& sql) {
    char* error = nullptr;
    const int rc = sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &error);
    if (rc != SQLITE_OK) {
        const std::string message = error ? error : sqlite3_errstr(rc);
        sqlite3_free(error);
        throw StoreError("exec failed: " + message, sqlite3_extended_errcode(m_db));
    }
}

Statement Connection::prepare(std::string_view sql) {
    auto& idle = m_idle->by_sql;
    auto found = idle.find(sql);
    if (found == idle.end() && idle.size() < kMaxCachedSql) {
        found = idle.emplace(m_idle->texts.emplace_back(sql), Idle{}).first;
    }
    Idle* home = found == idle.end() ? nullptr : &found->second;
    if (home && !home->empty()) {
        sqlite3_stmt* statement = home->back();
        home->pop_back();
        --m_idle->count;
        return Statement(*this, statement, home);
    }
    sqlite3_stmt* statement = nullptr;
    const int rc = sqlite3_prepare_v3(m_db, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(statement);
        fail(m_db, rc, "prepare failed");
    }
    return Statement(*this, statement, home);
}

std::int64_t Connection::last_insert_id() const {
    return sqlite3_last_insert_rowid(m_db);
}

int Connection::changes() const {
    return sqlite3_changes(m_db);
}

bool Connection::reset_for_reuse() noexcept {
    if (sqlite3_get_autocommit(m_db) == 0) {
        // Not exec(): this runs in destructors and must not throw.
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
        if (sqlite3_get_autocommit(m_db) == 0) {
            return false;
        }
    }
    for (sqlite3_stmt* statement = sqlite3_next_stmt(m_db, nullptr); statement != nullptr;
         statement = sqlite3_next_stmt(m_db, statement)) {
        if (sqlite3_stmt_busy(statement) != 0) {
            return false;
        }
    }
    return true;
}

Statement::Statement(sqlite3* db, std::string_view sql) : m_db(db) {
    const int rc =
        sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &m_stmt, nullptr);
    if (rc != SQLITE_OK) {
        fail(db, rc, "prepare failed");
    }
}

Statement::Statement(Connection& owner, sqlite3_stmt* statement, Connection::Idle* home)
    : m_db(owner.m_db), m_stmt(statement), m_idle(owner.m_idle), m_home(home) {}

Statement::~Statement() {
    if (!m_stmt) {
        return;
    }
    const auto idle = m_idle.lock();
    if (!idle || !m_home || idle->count >= kMaxIdleStatements) {
        sqlite3_finalize(m_stmt);
        return;
    }
    // Reset ends any read it still holds; the next user binds everything again.
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    try {
        m_home->push_back(m_stmt);
        ++idle->count;
    } catch (...) {
        sqlite3_finalize(m_stmt);
    }
}

Statement::Statement(Statement&& other) noexcept
    : m_db(other.m_db), m_stmt(other.m_stmt), m_idle(std::move(other.m_idle)),
      m_home(other.m_home) {
    other.m_stmt = nullptr;
}

Statement& Statement::bind(int index, std::int64_t value) {
    if (const int rc = sqlite3_bind_int64(m_stmt, index, value); rc != SQLITE_OK) {
        fail(m_db, rc, "bind failed");
    }
    return *this;
}

Statement& Statement::bind(int index, double value) {
    if (const int rc = sqlite3_bind_double(m_stmt, index, value); rc != SQLITE_OK) {
        fail(m_db, rc, "bind failed");
    }
    return *this;
}

Statement& Statement::bind(int index, const std::string& value) {
    const int rc = sqlite3_bind_text(m_stmt, index, value.data(), static_cast<int>(value.size()),
                                     SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) {
        fail(m_db, rc, "bind failed");
    }
    return *this;
}

Statement& Statement::bind(int index, const char* value) {
    return value ? bind(index, std::string(value)) : bind_null(index);
}

Statement& Statement::bind_view(int index, std::string_view value) {
    const int rc = sqlite3_bind_text(m_stmt, index, value.data(), static_cast<int>(value.size()),
                                     SQLITE_STATIC);
    if (rc != SQLITE_OK) {
        fail(m_db, rc, "bind failed");
    }
    return *this;
}

Statement& Statement::bind_null(int index) {
    if (const int rc = sqlite3_bind_null(m_stmt, index); rc != SQLITE_OK) {
        fail(m_db, rc, "bind failed");
    }
    return *this;
}

bool Statement::step() {
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc == SQLITE_DONE) {
        return false;
    }
    fail(m_db, rc, "step failed");
}

void Statement::run() {
    while (step()) {
    }
}

void Statement::reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

bool Statement::is_null(int column) const {
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

std::int64_t Statement::get_int(int column) const {
    return sqlite3_column_int64(m_stmt, column);
}

double Statement::get_double(int column) const {
    return sqlite3_column_double(m_stmt, column);
}

std::string Statement::get_text(int column) const {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    const int size = sqlite3_column_bytes(m_stmt, column);
    return text ? std::string(text, static_cast<std::size_t>(size)) : std::string();
}

std::string_view Statement::get_view(int column) const {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    const int size = sqlite3_column_bytes(m_stmt, column);
    return text ? std::string_view(text, static_cast<std::size_t>(size)) : std::string_view();
}

std::optional<std::int64_t> Statement::first_int() {
    if (!step()) {
        return std::nullopt;
    }
    return get_int(0);
}

std::optional<std::int64_t> Statement::get_optional_int(int column) const {
    if (is_null(column)) {
        return std::nullopt;
    }
    return get_int(column);
}

std::optional<std::string> Statement::get_optional_text(int column) const {
    if (is_null(column)) {
        return std::nullopt;
    }
    return get_text(column);
}

int Statement::column_count() const {
    return sqlite3_column_count(m_stmt);
}

const char* Statement::column_name(int column) const {
    return sqlite3_column_name(m_stmt, column);
}

BatchInsert::BatchInsert(Connection& db, std::string into, int columns, int batch_rows)
    : m_db(db), m_into(std::move(into)), m_columns(columns), m_batch_rows(std::max(batch_rows, 1)),
      m_batch(db.prepare(values_sql(m_batch_rows))) {
    m_values.reserve(static_cast<std::size_t>(m_columns * m_batch_rows));
}

std::string BatchInsert::values_sql(int rows) const {
    std::string row = "(";
    for (int column = 0; column < m_columns; ++column) {
        row += column == 0 ? "?" : ", ?";
    }
    row += ")";
    std::string sql = "INSERT INTO " + m_into + " VALUES ";
    for (int at = 0; at < rows; ++at) {
        sql += at == 0 ? row : ", " + row;
    }
    return sql;
}

BatchInsert& BatchInsert::value(std::int64_t value) {
    m_values.push_back({Value::integer, value, 0});
    ++m_values_in_row;
    return *this;
}

BatchInsert& BatchInsert::value(std::string_view text) {
    m_values.push_back({Value::text, static_cast<std::int64_t>(m_text.size()), text.size()});
    m_text.append(text);
    ++m_values_in_row;
    return *this;
}

BatchInsert& BatchInsert::null() {
    m_values.push_back({});
    ++m_values_in_row;
    return *this;
}

void BatchInsert::end_row() {
    if (m_values_in_row != static_cast<std::size_t>(m_columns)) {
        throw std::logic_error("BatchInsert into " + m_into + ": a row of " +
                               std::to_string(m_values_in_row) + " values, not " +
                               std::to_string(m_columns));
    }
    m_values_in_row = 0;
    ++m_rows;
    if (m_values.size() == static_cast<std::size_t>(m_columns * m_batch_rows)) {
        insert(m_batch, static_cast<std::size_t>(m_batch_rows));
    }
}

void BatchInsert::flush() {
    const std::size_t rows = m_values.size() / static_cast<std::size_t>(m_columns);
    if (rows == static_cast<std::size_t>(m_batch_rows)) {
        insert(m_batch, rows);
        return;
    }
    if (rows > 0 && !m_single) {
        m_single.emplace(m_db.prepare(values_sql(1)));
    }
    // The few rows short of a batch one at a time: a statement per remainder size is not worth
    // preparing for at most batch_rows - 1 rows.
    std::vector<Value> values;
    values.swap(m_values);
    for (std::size_t row = 0; row < rows; ++row) {
        m_values.assign(values.begin() + static_cast<std::ptrdiff_t>(row * m_columns),
                        values.begin() + static_cast<std::ptrdiff_t>((row + 1) * m_columns));
        insert(*m_single, 1);
    }
    m_values.clear();
    m_text.clear();
}

void BatchInsert::insert(Statement& statement, std::size_t rows) {
    int index = 1;
    for (std::size_t at = 0; at < rows * static_cast<std::size_t>(m_columns); ++at, ++index) {
        const Value& value = m_values[at];
        switch (value.kind) {
        case Value::integer:
            statement.bind(index, value.integer_value);
            break;
        case Value::text:
            statement.bind_view(index,
                                std::string_view(m_text).substr(
                                    static_cast<std::size_t>(value.integer_value), value.size));
            break;
        case Value::null_value:
            statement.bind_null(index);
            break;
        }
    }
    statement.run();
    statement.reset();
    m_values.clear();
    if (&statement == &m_batch) {
        m_text.clear();
    }
}

// BEGIN and COMMIT as cached statements: parsing them took a few percent of a busy server.
Transaction::Transaction(Connection& connection) : m_connection(connection) {
    m_connection.prepare("BEGIN IMMEDIATE").run();
}

Transaction::~Transaction() {
    if (!m_done) {
        try {
            m_connection.exec("ROLLBACK");
        } catch (const StoreError&) {
            // The transaction is already gone (SQLite rolls back on some errors by itself).
        }
    }
}

void Transaction::commit() {
    m_connection.prepare("COMMIT").run();
    m_done = true;
}

} // namespace waconsole
