#include "server/store/connection_pool.hpp"
#include "server/store/shared_writes.hpp"
#include "test_server.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <future>
#include <stdexcept>
#include <thread>

using namespace waconsole;
using namespace std::chrono_literals;
using waconsole::testing::TempDir;

namespace {

struct Store {
    TempDir dir;
    ConnectionPool pool{(dir.path / "shared.db").string(), 3};
    std::mutex write_mutex;

    Store() {
        auto db = pool.acquire_writer();
        db->exec("CREATE TABLE t (v TEXT)");
    }
    long long count(const std::string& where = "1") {
        auto db = pool.acquire();
        auto query = db->prepare("SELECT COUNT(*) FROM t WHERE " + where);
        query.step();
        return query.get_int(0);
    }
};

void insert(Connection& db, const std::string& value) {
    db.prepare("INSERT INTO t VALUES (?)").bind(1, value).run();
}

// Waits until `done` or a few seconds; false if it never came.
template <typename Done> bool eventually(Done done) {
    const auto until = std::chrono::steady_clock::now() + 5s;
    while (!done()) {
        if (std::chrono::steady_clock::now() > until) {
            return false;
        }
        std::this_thread::sleep_for(1ms);
    }
    return true;
}

// `write` through `shared` on a thread of its own; the future ends when write() returns.
std::future<void> write_async(SharedWrites& shared, Store& store, SharedWrites::Write write) {
    return std::async(std::launch::async, [&shared, &store, write = std::move(write)] {
        shared.write(store.pool, store.write_mutex, write);
    });
}

// Whether the write on its own thread returned within a few seconds (it may have thrown).
bool returns(std::future<void>& write) {
    return write.wait_for(5s) == std::future_status::ready;
}

// A write that counts its runs and inserts `value`.
SharedWrites::Write counted_insert(std::atomic<int>& runs, std::string value) {
    return [&runs, value = std::move(value)](Connection& db) {
        ++runs;
        insert(db, value);
    };
}

} // namespace

TEST_CASE("a shared write rides in a host's transaction and returns only once the host "
          "committed") {
    Store store;
    SharedWrites shared(30s); // no deadline within the test: only the host can commit it
    std::atomic<int> runs{0};
    auto waiting = write_async(shared, store, counted_insert(runs, "webhook"));
    auto db = store.pool.acquire_writer();
    std::lock_guard write_lock(store.write_mutex);
    std::optional<SharedWrites::Taken> taken;
    {
        Transaction transaction(*db);
        REQUIRE(eventually([&] {
            taken.emplace(shared.take(*db));
            if (taken->size() == 0) {
                taken.reset();
                return false;
            }
            return true;
        }));
        CHECK(runs == 1);
        insert(*db, "host");
        // Run but not committed: its caller still waits, and nothing of it is visible.
        CHECK(waiting.wait_for(50ms) == std::future_status::timeout);
        CHECK(store.count() == 0);
        transaction.commit();
        taken->committed();
    }
    REQUIRE(returns(waiting));
    waiting.get();
    CHECK(store.count("v = 'webhook'") == 1);
    CHECK(store.count("v = 'host'") == 1);
}

TEST_CASE("a host that rolls back gives its shared writes back, and each ends committed once") {
    Store store;
    SharedWrites shared(200ms);
    std::atomic<int> runs{0};
    auto waiting = write_async(shared, store, counted_insert(runs, "webhook"));
    {
        auto db = store.pool.acquire_writer();
        std::lock_guard write_lock(store.write_mutex);
        Transaction transaction(*db);
        REQUIRE(eventually([&] { return shared.take(*db).size() == 1; }));
        // Taken, run, and dropped with the transaction: not committed.
    }
    // Given back, it commits in its own transaction at its deadline (no other host comes).
    REQUIRE(returns(waiting));
    waiting.get();
    CHECK(runs == 2);
    CHECK(store.count("v = 'webhook'") == 1);
}

TEST_CASE("a shared write that throws is undone alone: its caller gets the error, the host and "
          "the other writes commit") {
    Store store;
    SharedWrites shared(30s);
    auto failing = write_async(shared, store, [](Connection& db) {
        insert(db, "half");
        throw std::runtime_error("bad webhook");
    });
    std::atomic<int> runs{0};
    auto fine = write_async(shared, store, counted_insert(runs, "other webhook"));
    std::size_t taken_in_all = 0;
    while (taken_in_all < 2) {
        auto db = store.pool.acquire_writer();
        std::lock_guard write_lock(store.write_mutex);
        Transaction transaction(*db);
        auto taken = shared.take(*db);
        taken_in_all += taken.size();
        insert(*db, "host");
        transaction.commit();
        taken.committed();
        std::this_thread::sleep_for(1ms);
    }
    REQUIRE(returns(failing));
    CHECK_THROWS_WITH(failing.get(), "bad webhook");
    REQUIRE(returns(fine));
    fine.get();
    CHECK(store.count("v = 'half'") == 0);
    CHECK(store.count("v = 'other webhook'") == 1);
    CHECK(store.count("v = 'host'") >= 1);
}

TEST_CASE("shared writes with no host commit by themselves once their wait is over, together") {
    Store store;
    SharedWrites shared(50ms);
    // Count the commits of the writers' connection.
    std::atomic<int> commits{0};
    {
        auto db = store.pool.acquire_writer();
        sqlite3_commit_hook(
            db->handle(),
            [](void* counter) {
                ++*static_cast<std::atomic<int>*>(counter);
                return 0;
            },
            &commits);
    }
    const auto started = std::chrono::steady_clock::now();
    std::atomic<int> runs{0};
    std::vector<std::future<void>> writes;
    for (int i = 0; i < 8; ++i) {
        writes.push_back(write_async(shared, store, counted_insert(runs, "w" + std::to_string(i))));
    }
    for (auto& write : writes) {
        REQUIRE(returns(write));
        write.get();
    }
    CHECK(std::chrono::steady_clock::now() - started >= 50ms);
    CHECK(store.count() == 8);
    // Eight writes queued within the same 50 ms: the first to lead takes those waiting.
    CHECK(commits < 8);
    {
        auto db = store.pool.acquire_writer();
        sqlite3_commit_hook(db->handle(), nullptr, nullptr);
    }
}

TEST_CASE("a shared write whose failure ends the host's transaction stops the host, and the "
          "others are given back") {
    Store store;
    SharedWrites shared(300ms);
    auto breaking = write_async(shared, store, [](Connection& db) {
        insert(db, "lost");
        db.exec("ROLLBACK"); // as SQLite does by itself on some errors (a full disk)
        throw std::runtime_error("the transaction is gone");
    });
    std::this_thread::sleep_for(20ms); // the breaking one first in line
    std::atomic<int> others_runs{0};
    auto other = write_async(shared, store, counted_insert(others_runs, "kept"));
    std::this_thread::sleep_for(20ms);
    {
        auto db = store.pool.acquire_writer();
        std::lock_guard write_lock(store.write_mutex);
        Transaction transaction(*db);
        insert(*db, "host");
        CHECK_THROWS_AS(shared.take(*db), StoreError);
    }
    REQUIRE(returns(breaking));
    CHECK_THROWS_WITH(breaking.get(), "the transaction is gone");
    REQUIRE(returns(other));
    other.get();
    CHECK(others_runs == 1); // not run by the host, which stopped before it
    CHECK(store.count("v = 'lost'") == 0);
    CHECK(store.count("v = 'host'") == 0);
    CHECK(store.count("v = 'kept'") == 1);
}

TEST_CASE("a host takes at most the writes it has room for, oldest first, and leaves the rest") {
    Store store;
    SharedWrites shared(30s);
    std::atomic<int> runs{0};
    std::vector<std::future<void>> writes;
    for (int i = 0; i < 3; ++i) {
        writes.push_back(write_async(shared, store, counted_insert(runs, "w" + std::to_string(i))));
        std::this_thread::sleep_for(10ms); // queued in this order
    }
    for (const auto& [most, expected] : {std::pair{2, "v = 'w0' OR v = 'w1'"}, {5, "v = 'w2'"}}) {
        auto db = store.pool.acquire_writer();
        std::lock_guard write_lock(store.write_mutex);
        Transaction transaction(*db);
        auto taken = shared.take(*db, static_cast<std::size_t>(most));
        CHECK(taken.size() == (most == 2 ? 2u : 1u));
        taken.commit(transaction);
        CHECK(store.count(expected) == (most == 2 ? 2 : 1));
    }
    for (auto& write : writes) {
        REQUIRE(returns(write));
        write.get();
    }
    CHECK(runs == 3);
    CHECK(store.count() == 3);
}

TEST_CASE("a waiter leading a transaction that another write's failure ended leads again and "
          "commits its own") {
    Store store;
    SharedWrites shared(40ms);
    std::atomic<int> runs{0};
    // First in line, so first to lead: it runs, then the breaking one ends the transaction.
    auto leading = write_async(shared, store, counted_insert(runs, "kept"));
    std::this_thread::sleep_for(10ms);
    auto breaking = write_async(shared, store, [](Connection& db) {
        db.exec("ROLLBACK");
        throw std::runtime_error("the transaction is gone");
    });
    REQUIRE(returns(leading));
    CHECK_NOTHROW(leading.get());
    REQUIRE(returns(breaking));
    CHECK_THROWS_WITH(breaking.get(), "the transaction is gone");
    CHECK(runs == 2);
    CHECK(store.count("v = 'kept'") == 1);
}
