// The thread's current request guard.
#include "server/net/request_guard.hpp"

namespace waconsole {
namespace {
thread_local RequestGuard* t_current = nullptr;
}

RequestGuard* current_request_guard() {
    return t_current;
}

ScopedRequestGuard::ScopedRequestGuard(RequestGuard& guard) : m_previous(t_current) {
    t_current = &guard;
}

ScopedRequestGuard::~ScopedRequestGuard() {
    t_current = m_previous;
}

bool body_complete(const RequestGuard& guard) {
    if (!guard.framing_known) {
        return false;
    }
    if (guard.body_read) {
        return true;
    }
    if (guard.chunked) {
        return false;
    }
    return !guard.content_length || guard.body_bytes_read == *guard.content_length;
}

void close_connection_after_answer() {
    if (t_current) {
        t_current->close_connection = true;
    }
}

} // namespace waconsole
