// Every send "Meta" accepted, in order, for GET /_sim/sends: tests count exactly what reached the
// API. Rejected sends never enter it. Appending is O(1) and keeps the raw request text; it is
// parsed only when the log is read. Bounded: beyond `limit` records the oldest are dropped (and
// counted), so a long demo or a 100,000-recipient benchmark cannot grow it without end.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace waconsole::metasim {

struct SendRecord {
    std::int64_t seq = 0; // 1, 2, 3 ... in acceptance order
    std::string wamid;
    std::string to;            // as sent
    std::string wa_id;         // canonical
    std::string type;          // template, text, interactive, ...
    std::string template_name; // empty unless type is template
    std::string raw_request;
    std::int64_t at_ms = 0; // epoch milliseconds
};

class SendLog {
public:
    // Fills in `record.seq` and stores it, then drops the oldest records beyond `limit` (at
    // least one record is kept).
    std::int64_t append(SendRecord record, std::size_t limit = kDefaultLimit);
    // {"sends":[{"seq","wamid","to","wa_id","type","template","request","at_ms"}],"dropped":N}
    // for the records still kept with seq > since; `dropped` counts every record dropped so far.
    nlohmann::json list_since(std::int64_t since) const;
    std::size_t size() const;
    std::int64_t dropped() const;

    // Mark-as-read requests ({"status":"read","message_id"}), for GET /_sim/reads.
    void mark_read(const std::string& wamid);
    // {"reads":["wamid...", ...]} in arrival order.
    nlohmann::json reads() const;

    static constexpr std::size_t kDefaultLimit = 2'000'000;

private:
    // A record as kept: its short text fields and the request packed into one string (one heap
    // block), so a record costs its request plus about 100 bytes.
    struct Packed {
        std::int64_t at_ms = 0;
        // Lengths of wamid, to, wa_id, type and template name at the front of `text`; the raw
        // request is the rest.
        std::array<std::uint16_t, 5> lengths{};
        std::string text;
    };
    static Packed pack(SendRecord record);
    static SendRecord unpack(const Packed& packed, std::int64_t seq);

    mutable std::mutex m_mutex;
    std::deque<Packed> m_records; // m_records[i] has seq m_dropped + i + 1
    std::int64_t m_dropped = 0;
    std::vector<std::string> m_reads;
};

} // namespace waconsole::metasim
