// Counting semaphore with a bounded wait.
#include "server/auth/hashing_slots.hpp"

#include <algorithm>

namespace waconsole {

HashingSlots::Slot::~Slot() {
    if (m_slots) {
        m_slots->release();
    }
}

HashingSlots::HashingSlots(int slots, std::chrono::milliseconds max_wait)
    : m_slots(std::max(1, slots)), m_max_wait(max_wait) {}

std::optional<HashingSlots::Slot> HashingSlots::acquire() {
    std::unique_lock lock(m_mutex);
    if (!m_freed.wait_for(lock, m_max_wait, [this] { return m_in_use < m_slots; })) {
        return std::nullopt;
    }
    ++m_in_use;
    return std::optional<Slot>(std::in_place, *this);
}

int HashingSlots::in_use() const {
    std::lock_guard lock(m_mutex);
    return m_in_use;
}

void HashingSlots::release() {
    {
        std::lock_guard lock(m_mutex);
        --m_in_use;
    }
    m_freed.notify_one();
}

} // namespace waconsole
