// Hands out SQLite connections to request threads, one at a time each, so that readers run in
// parallel under WAL while writers queue on SQLite's lock (busy timeout), never on ours.
#pragma once

#include "server/store/database.hpp"
#include "server/store/wal_checkpointer.hpp"

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace waconsole {

class ConnectionPool;

// A connection on loan; it goes back to the pool when this is destroyed. A borrower that leaves a
// transaction open (or a statement mid-step) never passes its locks, uncommitted writes or stale
// snapshot to the next borrower: the pool rolls the transaction back, or closes the connection.
class PooledConnection {
public:
    PooledConnection(ConnectionPool& pool, std::unique_ptr<Connection> connection,
                     bool writer = false);
    ~PooledConnection();
    PooledConnection(PooledConnection&&) = default;
    PooledConnection(const PooledConnection&) = delete;
    Connection& operator*() { return *m_connection; }
    Connection* operator->() { return m_connection.get(); }

private:
    ConnectionPool* m_pool;
    std::unique_ptr<Connection> m_connection;
    bool m_writer = false;
};

class ConnectionPool {
public:
    // Opens lazily up to `max_connections`; acquire() waits when all are in use.
    ConnectionPool(std::string path, std::size_t max_connections);
    PooledConnection acquire();
    // The connection of the busiest writers (webhooks, the send worker, the campaign sender),
    // one borrower at a time: SQLite empties a connection's page cache whenever another
    // connection wrote since its last transaction, so writers that take turns on one connection
    // keep the pages they all touch (the messages' b-trees) instead of reading them again each
    // time. Borrow it before taking the store's write mutex, never while holding that mutex or
    // another connection of the pool, and borrow no other connection while holding it: each
    // would wait for the other otherwise.
    PooledConnection acquire_writer();
    const std::string& path() const { return m_path; }
    const WalCheckpointer& checkpointer() const { return m_checkpointer; }

private:
    friend class PooledConnection;
    // A new connection to the database, its commits watched by the checkpointer.
    std::unique_ptr<Connection> open_connection();
    void release(std::unique_ptr<Connection> connection) noexcept;
    void release_writer(std::unique_ptr<Connection> connection) noexcept;

    std::string m_path;
    std::size_t m_max_connections;
    std::size_t m_opened = 0;
    std::vector<std::unique_ptr<Connection>> m_idle;
    std::mutex m_mutex;
    std::condition_variable m_available;
    std::unique_ptr<Connection> m_writer; // when not lent out (null before the first loan)
    bool m_writer_lent = false;
    std::condition_variable m_writer_returned;
    // Last: its thread stops before the rest goes.
    WalCheckpointer m_checkpointer;
};

} // namespace waconsole
