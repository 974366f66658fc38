// The queue of writes waiting for a transaction, the hosts that run them, and the waiters that
// lead one themselves when no host comes in time.
#include "server/store/shared_writes.hpp"

#include <algorithm>

namespace waconsole {

SharedWrites::Taken::~Taken() {
    if (!m_writes.empty()) {
        m_owner->settle(m_writes, false, nullptr);
    }
}

void SharedWrites::Taken::commit(Transaction& transaction) {
    transaction.commit();
    committed();
}

void SharedWrites::Taken::committed() {
    m_owner->settle(m_writes, true, nullptr);
    m_writes.clear();
}

void SharedWrites::Taken::failed(std::exception_ptr error) {
    m_owner->settle(m_writes, false, error);
    m_writes.clear();
}

void SharedWrites::settle(std::vector<std::shared_ptr<Pending>>& writes, bool committed,
                          std::exception_ptr error) noexcept {
    {
        std::lock_guard lock(m_mutex);
        // Given back in their order, ahead of those that came since: as old as they were.
        for (auto it = writes.rbegin(); it != writes.rend(); ++it) {
            auto& pending = *it;
            if (pending->state != State::taken) {
                continue;
            }
            if (committed || pending->error) {
                // A write that failed in its savepoint failed, whatever the transaction did.
                pending->state = State::done;
            } else if (error) {
                pending->error = error;
                pending->state = State::done;
            } else {
                // Rolled back with its host: first in line again.
                try {
                    m_queue.push_front(pending);
                    pending->state = State::queued;
                } catch (...) {
                    pending->error = std::current_exception();
                    pending->state = State::done;
                }
            }
        }
    }
    m_settled.notify_all();
}

SharedWrites::Taken SharedWrites::take(Connection& db, std::size_t most) {
    std::vector<std::shared_ptr<Pending>> writes;
    {
        std::lock_guard lock(m_mutex);
        const auto count = std::min(most, m_queue.size());
        writes.assign(m_queue.begin(), m_queue.begin() + static_cast<std::ptrdiff_t>(count));
        m_queue.erase(m_queue.begin(), m_queue.begin() + static_cast<std::ptrdiff_t>(count));
        for (auto& pending : writes) {
            pending->state = State::taken;
        }
    }
    Taken taken(*this, std::move(writes));
    if (taken.size() == 0) {
        return taken;
    }
    auto savepoint = db.prepare("SAVEPOINT shared_write");
    auto release = db.prepare("RELEASE shared_write");
    for (auto& pending : taken.m_writes) {
        savepoint.run();
        savepoint.reset();
        try {
            pending->write(db);
            release.run();
            release.reset();
        } catch (...) {
            pending->error = std::current_exception();
            if (sqlite3_get_autocommit(db.handle()) != 0) {
                // The error ended the host's whole transaction: nothing after it may run
                // outside one. The rest go back to the queue (Taken's end).
                throw SharedWriteEndedTransaction();
            }
            db.exec("ROLLBACK TO shared_write");
            db.exec("RELEASE shared_write");
        }
    }
    return taken;
}

void SharedWrites::lead(ConnectionPool& pool, std::mutex& write_mutex) {
    auto db = pool.acquire_writer();
    std::lock_guard write_lock(write_mutex);
    {
        // A host took them while this one waited for the connection: no empty transaction.
        std::lock_guard lock(m_mutex);
        if (m_queue.empty()) {
            return;
        }
    }
    Transaction transaction(*db);
    auto taken = take(*db);
    try {
        taken.commit(transaction);
    } catch (...) {
        // Not given back: the next to lead would most likely fail the same way, each time.
        taken.failed(std::current_exception());
        throw;
    }
}

void SharedWrites::write(ConnectionPool& pool, std::mutex& write_mutex, Write write) {
    auto pending = std::make_shared<Pending>();
    pending->write = std::move(write);
    const auto deadline = std::chrono::steady_clock::now() + m_longest_wait;
    std::unique_lock lock(m_mutex);
    m_queue.push_back(pending);
    bool led_after_another_failed = false;
    for (;;) {
        if (pending->state == State::queued) {
            m_settled.wait_until(lock, deadline, [&] { return pending->state != State::queued; });
        }
        if (pending->state == State::taken) {
            m_settled.wait(lock, [&] { return pending->state != State::taken; });
        }
        if (pending->state == State::done) {
            break;
        }
        if (std::chrono::steady_clock::now() < deadline) {
            continue; // given back by a host that rolled back: wait for another till the deadline
        }
        // No host came in time: this waiter commits what waits, its own write among them.
        lock.unlock();
        std::exception_ptr failure;
        bool another_failed = false;
        try {
            lead(pool, write_mutex);
        } catch (const SharedWriteEndedTransaction&) {
            // Another write's failure (settled now, with its error) ended the transaction and
            // gave this one back: lead once more rather than answer for it.
            another_failed = true;
            failure = std::current_exception();
        } catch (...) {
            failure = std::current_exception();
        }
        lock.lock();
        if (another_failed && !led_after_another_failed && pending->state == State::queued) {
            led_after_another_failed = true;
            continue;
        }
        if (failure && pending->state == State::queued) {
            // Failed before its write was taken (no connection, no BEGIN): out of the queue.
            m_queue.erase(std::find(m_queue.begin(), m_queue.end(), pending));
            std::rethrow_exception(failure);
        }
    }
    if (pending->error) {
        std::rethrow_exception(pending->error);
    }
}

} // namespace waconsole
