// Connection pool implementation.
#include "server/store/connection_pool.hpp"

namespace waconsole {

PooledConnection::PooledConnection(ConnectionPool& pool, std::unique_ptr<Connection> connection,
                                   bool writer)
    : m_pool(&pool), m_connection(std::move(connection)), m_writer(writer) {}

PooledConnection::~PooledConnection() {
    if (!m_connection) {
        return;
    }
    if (m_writer) {
        m_pool->release_writer(std::move(m_connection));
    } else {
        m_pool->release(std::move(m_connection));
    }
}

ConnectionPool::ConnectionPool(std::string path, std::size_t max_connections)
    : m_path(std::move(path)), m_max_connections(max_connections == 0 ? 1 : max_connections),
      m_checkpointer(m_path) {}

std::unique_ptr<Connection> ConnectionPool::open_connection() {
    auto connection = std::make_unique<Connection>(m_path);
    m_checkpointer.watch(*connection);
    return connection;
}

PooledConnection ConnectionPool::acquire() {
    std::unique_lock lock(m_mutex);
    m_available.wait(lock, [&] { return !m_idle.empty() || m_opened < m_max_connections; });
    if (!m_idle.empty()) {
        auto connection = std::move(m_idle.back());
        m_idle.pop_back();
        return PooledConnection(*this, std::move(connection));
    }
    ++m_opened;
    lock.unlock();
    try {
        return PooledConnection(*this, open_connection());
    } catch (...) {
        std::lock_guard relock(m_mutex);
        --m_opened;
        m_available.notify_one();
        throw;
    }
}

PooledConnection ConnectionPool::acquire_writer() {
    std::unique_lock lock(m_mutex);
    m_writer_returned.wait(lock, [&] { return !m_writer_lent; });
    m_writer_lent = true;
    auto connection = std::move(m_writer);
    lock.unlock();
    if (!connection) {
        try {
            connection = open_connection();
        } catch (...) {
            std::lock_guard relock(m_mutex);
            m_writer_lent = false;
            m_writer_returned.notify_one();
            throw;
        }
    }
    return PooledConnection(*this, std::move(connection), true);
}

void ConnectionPool::release_writer(std::unique_ptr<Connection> connection) noexcept {
    const bool reusable = connection->reset_for_reuse();
    std::unique_ptr<Connection> unusable;
    {
        std::lock_guard lock(m_mutex);
        if (reusable) {
            m_writer = std::move(connection);
        } else {
            unusable = std::move(connection); // the next loan opens a fresh one
        }
        m_writer_lent = false;
    }
    m_writer_returned.notify_one();
}

void ConnectionPool::release(std::unique_ptr<Connection> connection) noexcept {
    const bool reusable = connection->reset_for_reuse();
    {
        std::lock_guard lock(m_mutex);
        if (reusable) {
            m_idle.push_back(std::move(connection));
        } else {
            --m_opened; // the next acquire() opens a fresh one in its place
        }
    }
    m_available.notify_one();
    // An unusable connection closes here, outside the lock (a statement still alive keeps it
    // open as a zombie until it is finalized: sqlite3_close_v2).
    connection.reset();
}

} // namespace waconsole
