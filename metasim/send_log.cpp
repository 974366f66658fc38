// The accepted-sends log behind GET /_sim/sends.
#include "metasim/send_log.hpp"

namespace waconsole::metasim {

std::int64_t SendLog::append(SendRecord record) {
    std::lock_guard<std::mutex> lock(m_mutex);
    record.seq = static_cast<std::int64_t>(m_records.size()) + 1;
    m_records.push_back(std::move(record));
    return m_records.back().seq;
}

nlohmann::json SendLog::list_since(std::int64_t since) const {
    std::vector<SendRecord> copies;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        const auto first = static_cast<std::size_t>(std::max<std::int64_t>(since, 0));
        if (first < m_records.size()) {
            copies.assign(m_records.begin() + static_cast<std::ptrdiff_t>(first), m_records.end());
        }
    }
    nlohmann::json sends = nlohmann::json::array();
    for (const auto& record : copies) {
        sends.push_back(
            {{"seq", record.seq},
             {"wamid", record.wamid},
             {"to", record.to},
             {"wa_id", record.wa_id},
             {"type", record.type},
             {"template", record.template_name.empty() ? nlohmann::json(nullptr)
                                                       : nlohmann::json(record.template_name)},
             {"request", nlohmann::json::parse(record.raw_request, nullptr, false)},
             {"at_ms", record.at_ms}});
    }
    return {{"sends", sends}};
}

std::size_t SendLog::size() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_records.size();
}

void SendLog::mark_read(const std::string& wamid) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_reads.push_back(wamid);
}

nlohmann::json SendLog::reads() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return {{"reads", m_reads}};
}

} // namespace waconsole::metasim
