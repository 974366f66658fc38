// Writes that ride in the next transaction another writer commits instead of committing one of
// their own. A commit is most of a small write's cost (every page it dirtied goes to the log,
// the checkpointer copies them again): a webhook POST of a few statuses spent ~70 us of its
// ~390 in BEGIN and COMMIT, 200 times a second while a campaign sends, while the send worker
// commits a claim every 7-8 ms anyway. A write waits at most `longest_wait` for such a host,
// then commits the waiting writes itself.
#pragma once

#include "server/store/connection_pool.hpp"
#include "server/store/database.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace waconsole {

// A shared write's failure ended the whole transaction of its host: the host's work is gone
// too, and the writes after it were given back.
class SharedWriteEndedTransaction : public StoreError {
public:
    SharedWriteEndedTransaction()
        : StoreError("a shared write's failure rolled back its host's transaction", SQLITE_ABORT) {}
};

class SharedWrites {
public:
    using Write = std::function<void(Connection&)>;

    explicit SharedWrites(std::chrono::milliseconds longest_wait) : m_longest_wait(longest_wait) {}

    // Runs `write` in a savepoint of its own inside a transaction, and returns once that
    // transaction committed. Throws what `write` threw (its savepoint rolled back, nothing of it
    // kept) or what stopped the transaction. A host whose transaction rolls back after running
    // it gives it back to run again: `write` must change nothing but the database, and start
    // from nothing each time. `write_mutex` is the store's write mutex, taken after the
    // writers' connection as every writer does.
    void write(ConnectionPool& pool, std::mutex& write_mutex, Write write);

    struct Pending;
    // The writes one host ran. Unless committed() is called, they are given back to run again
    // (the host's transaction rolled back, taking theirs with it).
    class Taken {
    public:
        Taken(SharedWrites& owner, std::vector<std::shared_ptr<Pending>> writes)
            : m_owner(&owner), m_writes(std::move(writes)) {}
        Taken(Taken&& other) noexcept
            : m_owner(other.m_owner), m_writes(std::move(other.m_writes)) {
            other.m_writes.clear();
        }
        Taken& operator=(Taken&&) = delete;
        Taken(const Taken&) = delete;
        ~Taken();
        // Commits the host's transaction, then tells its writes: nothing may come between
        // (a write whose commit happened must not be given back to run again).
        void commit(Transaction& transaction);
        void committed();
        // The transaction failed and is not to be tried again for them: each gets `error`.
        void failed(std::exception_ptr error);
        std::size_t size() const { return m_writes.size(); }

    private:
        friend class SharedWrites;
        SharedWrites* m_owner;
        std::vector<std::shared_ptr<Pending>> m_writes;
    };

    // For a writer in its transaction on `db` (the writers' connection, the write mutex held):
    // runs the writes waiting, oldest first, at most `most` (a host has work of its own, timed),
    // each in a savepoint. A write that throws is rolled back to its savepoint and its caller
    // gets the exception; the host's transaction goes on. Throws SharedWriteEndedTransaction if a
    // write's failure ended the host's transaction (SQLite rolls back on some errors by itself).
    Taken take(Connection& db, std::size_t most = SIZE_MAX);

private:
    enum class State { queued, taken, done };
    void lead(ConnectionPool& pool, std::mutex& write_mutex);
    void settle(std::vector<std::shared_ptr<Pending>>& writes, bool committed,
                std::exception_ptr error) noexcept;

    std::chrono::milliseconds m_longest_wait;
    std::mutex m_mutex;
    std::condition_variable m_settled;
    std::deque<std::shared_ptr<Pending>> m_queue;
};

struct SharedWrites::Pending {
    Write write;
    State state = State::queued;
    std::exception_ptr error;
};

} // namespace waconsole
