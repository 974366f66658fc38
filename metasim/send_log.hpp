// Every send "Meta" accepted, in order, for GET /_sim/sends: tests count exactly what reached the
// API. Rejected sends never enter it. Appending is O(1) and keeps the raw request text; it is
// parsed only when the log is read.
#pragma once

#include <cstdint>
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
    // Fills in `record.seq` and stores it.
    std::int64_t append(SendRecord record);
    // {"sends":[{"seq","wamid","to","wa_id","type","template","request","at_ms"}]} for seq > since.
    nlohmann::json list_since(std::int64_t since) const;
    std::size_t size() const;

    // Mark-as-read requests ({"status":"read","message_id"}), for GET /_sim/reads.
    void mark_read(const std::string& wamid);
    // {"reads":["wamid...", ...]} in arrival order.
    nlohmann::json reads() const;

private:
    mutable std::mutex m_mutex;
    std::vector<SendRecord> m_records; // m_records[i].seq == i + 1
    std::vector<std::string> m_reads;
};

} // namespace waconsole::metasim
