// A bound on password checks running at once. Argon2id is slow and takes 64 MiB on purpose; a
// burst of logins must not take every worker and all the memory. A check waits briefly for a
// slot and is refused (the caller answers 429) when none frees up in time.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <utility>

namespace waconsole {

class HashingSlots {
public:
    // A slot on loan; it is given back when this is destroyed.
    class Slot {
    public:
        explicit Slot(HashingSlots& slots) : m_slots(&slots) {}
        Slot(Slot&& other) noexcept : m_slots(std::exchange(other.m_slots, nullptr)) {}
        Slot& operator=(Slot&&) = delete;
        Slot(const Slot&) = delete;
        ~Slot();

    private:
        HashingSlots* m_slots;
    };

    HashingSlots(int slots, std::chrono::milliseconds max_wait);

    // A slot, waiting up to the maximum wait; nullopt when none became free.
    std::optional<Slot> acquire();
    int in_use() const;

private:
    void release();

    int m_slots;
    int m_in_use = 0;
    std::chrono::milliseconds m_max_wait;
    mutable std::mutex m_mutex;
    std::condition_variable m_freed;
};

} // namespace waconsole
