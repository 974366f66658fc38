// The phone number's messages-per-second budget, shared by every thread that sends. A token
// bucket kept as one "next free slot" time (GCRA): each caller reserves the next slot under a
// short lock and sleeps outside it, so callers are served in order and the rate holds across
// threads. In any interval of length T at most rate*T + burst sends start.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <vector>

namespace waconsole {

class RateLimiter {
public:
    using Clock = std::chrono::steady_clock;

    // `burst` sends may start at once after an idle spell; 0 picks 1: then no second (no
    // interval of one second, wherever it starts) holds more sends than the rate, which is what
    // Meta counts. A bigger burst lets a second hold rate + burst - 1.
    // How the first sends go: at the rate, or ramped as after an idle spell (see kRamp) because
    // no connection is open yet, as in a server that just started: a campaign overdue at boot,
    // or one resumed after a crash, would otherwise send at the full rate on new connections.
    enum class FirstSends { at_rate, ramped };

    explicit RateLimiter(int per_second, int burst = 0, FirstSends first = FirstSends::at_rate);

    // Blocks until this caller may send one message; returns the slot it was given (it wakes at
    // that time or, on a busy machine, a little after).
    Clock::time_point acquire();
    // The same when the slot is at most `max_wait` away; otherwise takes nothing and returns
    // false at once (a request thread does not sit out a long pause; the send is queued).
    bool try_acquire(Clock::duration max_wait, Clock::time_point* slot = nullptr);
    // Reserves the next slot when it is at most `max_ahead` away, without waiting for it: the
    // caller sends at the slot returned. Lets one thread take the slots of a batch of sends.
    std::optional<Clock::time_point> reserve(Clock::duration max_ahead);
    // The slot reserve() would give now, without taking it: when a caller refused by
    // reserve(max_ahead) may ask again.
    Clock::time_point next_slot();
    // Waits for a slot reserve() gave, and then, if need be, until the send may leave: no
    // second (measured where the request leaves, wherever it starts) holds more than the rate
    // less 0.5 % of departures, even when threads woke late and would leave bunched. Returns
    // when the caller left.
    Clock::time_point leave_at(Clock::time_point slot);
    // The departure itself, for callers that wait themselves (and tests): when the send a ring's
    // length before this one left a second ago or more, this one leaves now: the time is taken
    // under the lock and returned. Otherwise nothing is taken and `retry_at` says when to try
    // again. A departure is stamped when it is taken, not planned ahead, so a thread that woke
    // late moves the sends after it instead of bunching with them.
    // `place` (when given) names the departure's entry in the ring, for left_at.
    std::optional<Clock::time_point> try_depart(Clock::time_point* retry_at,
                                                std::size_t* place = nullptr);
    // The request let go at `departed` (try_depart's time and place) was written only at `now`:
    // its connection opened first, or its thread was descheduled in between. The ring keeps the
    // later time, so the send a ring's length after it waits for a second after it really left;
    // a stall of the sender's thread between the two then cannot put a second's worth of sends
    // and the stalled ones into one second. An entry the ring has moved past is left alone.
    void left_at(std::size_t place, Clock::time_point departed, Clock::time_point now);
    // Nobody sends before now + `delay` (Meta said we were too fast); later slots move with it.
    void pause_for(std::chrono::milliseconds delay);

    // After an idle spell this long, sends start at half the rate for kRamp: the first requests
    // of a campaign open new connections (a TLS handshake to Meta takes 100-300 ms), so they
    // leave on time but arrive late, bunched with the ones after them, and Meta would count more
    // than the rate in the second they land in. Half the rate while connections open leaves
    // room for them.
    static constexpr std::chrono::seconds kIdleBeforeRamp{1};
    static constexpr std::chrono::milliseconds kRamp{250};

    int per_second() const { return m_per_second; }
    int burst() const { return m_burst; }

private:
    // The next slot as of `now`, not taken. Under m_mutex.
    Clock::time_point free_slot(Clock::time_point now) const;

    int m_per_second;
    int m_burst;
    Clock::duration m_interval;
    Clock::time_point m_next_slot; // the theoretical time of the next send at the steady rate
    Clock::time_point m_paused_until;
    Clock::time_point m_ramp_until; // slots before it are two intervals apart
    // The last departures, a ring as long as a second may hold: a send leaves no sooner than a
    // second after the one that many sends before it.
    std::vector<Clock::time_point> m_departures;
    std::size_t m_next_departure = 0;
    std::mutex m_mutex;
};

} // namespace waconsole
