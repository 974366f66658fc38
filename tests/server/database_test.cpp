#include "server/store/connection_pool.hpp"
#include "server/store/database.hpp"
#include "test_server.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <optional>
#include <thread>

using namespace waconsole;
using waconsole::testing::TempDir;

TEST_CASE("a transaction that is not committed rolls back") {
    TempDir dir;
    Connection db((dir.path / "tx.db").string());
    db.exec("CREATE TABLE t (v TEXT)");
    {
        Transaction transaction(db);
        db.prepare("INSERT INTO t VALUES (?)").bind(1, "lost").run();
    }
    {
        Transaction transaction(db);
        db.prepare("INSERT INTO t VALUES (?)").bind(1, "kept").run();
        transaction.commit();
    }
    auto query = db.prepare("SELECT group_concat(v) FROM t");
    query.step();
    CHECK(query.get_text(0) == "kept");
}

TEST_CASE("bound parameters are data, never SQL") {
    TempDir dir;
    Connection db((dir.path / "bind.db").string());
    db.exec("CREATE TABLE t (v TEXT)");
    const std::string hostile = "x'); DROP TABLE t; --";
    db.prepare("INSERT INTO t VALUES (?)").bind(1, hostile).run();
    auto query = db.prepare("SELECT v FROM t");
    REQUIRE(query.step());
    CHECK(query.get_text(0) == hostile);
}

TEST_CASE("a constraint violation is reported as a constraint error") {
    TempDir dir;
    Connection db((dir.path / "unique.db").string());
    db.exec("CREATE TABLE t (v TEXT UNIQUE)");
    db.prepare("INSERT INTO t VALUES ('a')").run();
    try {
        db.prepare("INSERT INTO t VALUES ('a')").run();
        FAIL("a duplicate was inserted");
    } catch (const StoreError& error) {
        CHECK(error.is_constraint());
    }
}

namespace {

int statements_of(Connection& db) {
    int count = 0;
    for (auto* statement = sqlite3_next_stmt(db.handle(), nullptr); statement != nullptr;
         statement = sqlite3_next_stmt(db.handle(), statement)) {
        ++count;
    }
    return count;
}

} // namespace

TEST_CASE("a finished statement serves the next prepare of its SQL, reset and unbound, and one "
          "still in use is not handed out twice") {
    TempDir dir;
    Connection db((dir.path / "reuse.db").string());
    db.exec("CREATE TABLE t (v TEXT)");
    const std::string select = "SELECT ?1 IS NULL, (SELECT count(*) FROM t)";
    {
        auto first = db.prepare(select);
        first.bind(1, "bound");
        REQUIRE(first.step());
        CHECK(first.get_int(0) == 0);
        // Left mid-step: given back, it must not keep its row or its binding.
    }
    CHECK(statements_of(db) == 1);
    db.prepare("INSERT INTO t VALUES ('x')").run();
    {
        // The same text from another buffer finds it: looked up by content, not by address.
        const std::string same(select.begin(), select.end());
        auto again = db.prepare(same);
        auto alongside = db.prepare(select);
        CHECK(statements_of(db) == 3); // the reused one, the INSERT, and a second SELECT
        REQUIRE(again.step());
        CHECK(again.get_int(0) == 1);
        CHECK(again.get_int(1) == 1);
        REQUIRE(alongside.step());
        CHECK(alongside.get_int(1) == 1);
    }
    CHECK(statements_of(db) == 3);
    for (int i = 0; i < 3; ++i) {
        auto query = db.prepare(select);
        REQUIRE(query.step());
        CHECK(query.get_int(1) == 1);
    }
    CHECK(statements_of(db) == 3);
}

TEST_CASE("the pool lends each connection to one thread at a time and writers all succeed") {
    TempDir dir;
    ConnectionPool pool((dir.path / "pool.db").string(), 3);
    {
        auto db = pool.acquire();
        db->exec("CREATE TABLE t (v INTEGER)");
    }
    std::vector<std::thread> threads;
    for (int t = 0; t < 6; ++t) {
        threads.emplace_back([&pool, t] {
            for (int i = 0; i < 50; ++i) {
                auto db = pool.acquire();
                Transaction transaction(*db);
                db->prepare("INSERT INTO t VALUES (?)").bind(1, t * 1000 + i).run();
                transaction.commit();
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    auto db = pool.acquire();
    auto query = db->prepare("SELECT COUNT(*), COUNT(DISTINCT v) FROM t");
    query.step();
    CHECK(query.get_int(0) == 300);
    CHECK(query.get_int(1) == 300);
}

namespace {

std::int64_t count_rows(Connection& db) {
    auto query = db.prepare("SELECT COUNT(*) FROM t");
    query.step();
    return query.get_int(0);
}

} // namespace

TEST_CASE("a connection given back mid-transaction does not pass its locks or writes on") {
    TempDir dir;
    const auto path = (dir.path / "returned.db").string();
    // One connection: the next borrower gets the very connection the first one gave back.
    ConnectionPool pool(path, 1);
    {
        auto db = pool.acquire();
        db->exec("CREATE TABLE t (v INTEGER)");
        // A borrower that began by hand and left (an early return, an exception) without
        // COMMIT or ROLLBACK.
        db->exec("BEGIN IMMEDIATE");
        db->prepare("INSERT INTO t VALUES (1)").run();
    }
    auto db = pool.acquire();
    CHECK(sqlite3_get_autocommit(db->handle()) != 0);
    CHECK(count_rows(*db) == 0);

    // The write lock is free: another connection writes at once instead of waiting for it.
    Connection other(path);
    sqlite3_busy_timeout(other.handle(), 50);
    CHECK_NOTHROW(other.prepare("INSERT INTO t VALUES (2)").run());
    // And the next borrower can begin its own transaction and see that committed row.
    Transaction transaction(*db);
    CHECK(count_rows(*db) == 1);
    transaction.commit();
}

TEST_CASE("the writers' connection is one, lent to one borrower at a time, with its pages kept "
          "between loans and nothing of a borrower's unfinished transaction") {
    TempDir dir;
    ConnectionPool pool((dir.path / "writer.db").string(), 2);
    sqlite3* first_handle = nullptr;
    {
        auto db = pool.acquire_writer();
        first_handle = db->handle();
        db->exec("CREATE TABLE t (v INTEGER PRIMARY KEY, text TEXT)");
        Transaction transaction(*db);
        for (int i = 0; i < 2000; ++i) {
            db->prepare("INSERT INTO t VALUES (?, ?)")
                .bind(1, i)
                .bind(2, std::string(200, 'x'))
                .run();
        }
        transaction.commit();
    }
    // A second borrower waits while the first holds it, then gets the same connection.
    std::atomic<bool> lent{false};
    std::optional<std::thread> waiter;
    {
        auto db = pool.acquire_writer();
        waiter.emplace([&] {
            auto second = pool.acquire_writer();
            CHECK(second->handle() == first_handle);
            lent = true;
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        CHECK_FALSE(lent);
        // The pool's other connections are still lent as before, to readers.
        CHECK(count_rows(*pool.acquire()) == 2000);
    }
    waiter->join();
    CHECK(lent);

    // Between two loans with no other writer, the pages read before are still in its cache.
    const auto misses = [](Connection& db) {
        int current = 0;
        int highwater = 0;
        sqlite3_db_status(db.handle(), SQLITE_DBSTATUS_CACHE_MISS, &current, &highwater, 1);
        return current;
    };
    {
        auto db = pool.acquire_writer();
        CHECK(db->prepare("SELECT SUM(LENGTH(text)) FROM t").first_int() == 400000);
        misses(*db);
    }
    {
        auto db = pool.acquire_writer();
        CHECK(db->prepare("SELECT SUM(LENGTH(text)) FROM t").first_int() == 400000);
        CHECK(misses(*db) == 0);
    }

    // A borrower that left mid-transaction passes neither its lock nor its rows on.
    {
        auto db = pool.acquire_writer();
        db->exec("BEGIN IMMEDIATE");
        db->prepare("INSERT INTO t VALUES (5000, 'left')").run();
    }
    auto db = pool.acquire_writer();
    CHECK(sqlite3_get_autocommit(db->handle()) != 0);
    CHECK(count_rows(*db) == 2000);
}

TEST_CASE("a connection given back with a statement mid-step is closed, not lent with its old "
          "snapshot") {
    TempDir dir;
    const auto path = (dir.path / "snapshot.db").string();
    ConnectionPool pool(path, 1);
    {
        auto db = pool.acquire();
        db->exec("CREATE TABLE t (v INTEGER)");
        db->exec("INSERT INTO t VALUES (1), (2)");
    }
    std::optional<Statement> left_open;
    {
        auto db = pool.acquire();
        left_open.emplace(db->prepare("SELECT v FROM t"));
        REQUIRE(left_open->step()); // holds a read snapshot until reset or finalized
    }
    Connection other(path);
    other.exec("INSERT INTO t VALUES (3)");

    auto db = pool.acquire();
    CHECK(count_rows(*db) == 3);
    left_open.reset();
}

TEST_CASE(
    "a batched insert stores every row in order, full batches and the rest, only once flushed") {
    TempDir dir;
    Connection db((dir.path / "batch.db").string());
    db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER, label TEXT, note TEXT)");
    auto count = [&] {
        auto query = db.prepare("SELECT COUNT(*) FROM t");
        query.step();
        return query.get_int(0);
    };
    Transaction transaction(db);
    BatchInsert insert(db, "t (n, label, note)", 3, 4);
    for (std::int64_t n = 1; n <= 10; ++n) {
        std::string label = "row " + std::to_string(n) + (n % 3 == 0 ? " ñ's \"quoted\"" : "");
        insert.value(n).value(label);
        if (n % 2 == 0) {
            insert.null();
        } else {
            insert.value(std::string_view("odd"));
        }
        insert.end_row();
        label.assign(64, 'x'); // the inserter kept its own copy
    }
    CHECK(insert.rows() == 10);
    CHECK(count() == 8); // two full batches of 4; the last 2 are held
    insert.flush();
    CHECK(count() == 10);
    insert.flush(); // nothing held: nothing more
    transaction.commit();
    auto query = db.prepare("SELECT n, label, note FROM t ORDER BY id");
    for (std::int64_t n = 1; n <= 10; ++n) {
        REQUIRE(query.step());
        CHECK(query.get_int(0) == n);
        CHECK(query.get_text(1) ==
              "row " + std::to_string(n) + (n % 3 == 0 ? " ñ's \"quoted\"" : ""));
        CHECK(query.get_optional_text(2) ==
              (n % 2 == 0 ? std::nullopt : std::optional<std::string>("odd")));
    }
    CHECK_FALSE(query.step());
}

TEST_CASE("a batched insert refuses a row with the wrong number of values") {
    TempDir dir;
    Connection db((dir.path / "batch-shape.db").string());
    db.exec("CREATE TABLE t (a INTEGER, b INTEGER)");
    BatchInsert insert(db, "t (a, b)", 2);
    insert.value(std::int64_t{1});
    CHECK_THROWS_AS(insert.end_row(), std::logic_error);
}

TEST_CASE("the pool's commits leave the log's checkpoint to the checkpointer's thread") {
    TempDir dir;
    const auto path = (dir.path / "wal.db").string();
    ConnectionPool pool(path, 2);
    {
        auto db = pool.acquire();
        db->exec("CREATE TABLE t (payload BLOB)");
    }
    const auto file_pages = [&] { return std::filesystem::file_size(path) / 4096; };
    const auto pages_before = file_pages();
    // Log pages of 4 KiB, a commit each 100, to three times as many as ask for a checkpoint.
    const int batches = WalCheckpointer::kPagesBeforeCheckpoint * 3 / 100;
    for (int batch = 0; batch < batches; ++batch) {
        auto db = pool.acquire();
        Transaction transaction(*db);
        for (int row = 0; row < 100; ++row) {
            db->prepare("INSERT INTO t VALUES (zeroblob(4000))").run();
        }
        transaction.commit();
    }
    // The rows reach the database file only through a checkpoint, and only the checkpointer
    // makes one: the pool's connections no longer do it themselves.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while ((pool.checkpointer().checkpoints() == 0 || file_pages() < pages_before + 1000) &&
           std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    CHECK(pool.checkpointer().checkpoints() >= 1);
    CHECK(file_pages() >= pages_before + 1000);
}
