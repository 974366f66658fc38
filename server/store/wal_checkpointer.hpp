// Copies the write-ahead log back into the database file on a thread of its own. SQLite's
// default does it inside the commit that pushes the log past 1,000 pages, so one writer now and
// then stalls for the copy (and the file's fsync) while holding our write lock, and every writer
// behind it (campaign claims, send answers, status webhooks) waits with it: at 1,000 sends a
// second that was a second in which the sender fell behind its rate. The pool's connections
// instead tell this thread, and the commit returns at once.
#pragma once

#include "server/store/database.hpp"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace waconsole {

class WalCheckpointer {
public:
    // Log pages after which a commit asks for a checkpoint: SQLite's own default threshold.
    static constexpr int kPagesBeforeCheckpoint = 1000;

    explicit WalCheckpointer(std::string path);
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer&) = delete;
    WalCheckpointer& operator=(const WalCheckpointer&) = delete;

    // Makes `connection`'s commits ask this thread instead of checkpointing themselves.
    void watch(Connection& connection);
    // Checkpoints done so far (for tests and the curious).
    std::uint64_t checkpoints() const { return m_checkpoints; }

private:
    static int on_commit(void* self, sqlite3* db, const char* schema, int pages);
    void request();
    void run();

    std::string m_path;
    std::mutex m_mutex;
    std::condition_variable m_wanted;
    bool m_requested = false;
    bool m_stopping = false;
    std::atomic<std::uint64_t> m_checkpoints{0};
    std::thread m_thread;
};

} // namespace waconsole
