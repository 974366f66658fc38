// A PASSIVE checkpoint, like SQLite's automatic one, run by our thread when a commit asks.
#include "server/store/wal_checkpointer.hpp"

#include "server/thread_name.hpp"

#include <chrono>
#include <iostream>

namespace waconsole {
namespace {

// After a checkpoint that readers kept from finishing, commits keep asking: one at most this
// often, as SQLite's would not be much more often either.
constexpr auto kMinimumGap = std::chrono::milliseconds(20);

} // namespace

WalCheckpointer::WalCheckpointer(std::string path) : m_path(std::move(path)) {
    // Started here, not on the first request: that comes inside SQLite's commit, where an
    // exception (a thread that cannot start) must not pass.
    m_thread = std::thread([this] {
        name_this_thread("wa-checkpoint");
        run();
    });
}

WalCheckpointer::~WalCheckpointer() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wanted.notify_all();
    if (m_thread.joinable()) {
        m_thread.join();
    }
}

void WalCheckpointer::watch(Connection& connection) {
    // Replaces the automatic checkpoint (itself a log hook) on this connection.
    sqlite3_wal_hook(connection.handle(), &WalCheckpointer::on_commit, this);
}

int WalCheckpointer::on_commit(void* self, sqlite3*, const char*, int pages) {
    if (pages >= kPagesBeforeCheckpoint) {
        static_cast<WalCheckpointer*>(self)->request();
    }
    return SQLITE_OK;
}

void WalCheckpointer::request() {
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping) {
            return;
        }
        m_requested = true;
    }
    m_wanted.notify_one();
}

void WalCheckpointer::run() {
    std::unique_ptr<Connection> db;
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wanted.wait(lock, [this] { return m_requested || m_stopping; });
        if (m_stopping) {
            return;
        }
        m_requested = false;
        lock.unlock();
        try {
            if (!db) {
                db = std::make_unique<Connection>(m_path);
            }
            int log_pages = 0;
            int copied = 0;
            const int rc = sqlite3_wal_checkpoint_v2(
                db->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, &log_pages, &copied);
            if (rc != SQLITE_OK && rc != SQLITE_BUSY) {
                std::cerr << "waconsole-server: checkpoint failed: " << sqlite3_errmsg(db->handle())
                          << std::endl;
            }
            ++m_checkpoints;
        } catch (const std::exception& e) {
            // The log keeps growing until a later request succeeds: nothing is lost.
            std::cerr << "waconsole-server: checkpoint failed: " << e.what() << std::endl;
        }
        std::this_thread::sleep_for(kMinimumGap);
        lock.lock();
    }
}

} // namespace waconsole
