// The accepted-sends log behind GET /_sim/sends.
#include "metasim/send_log.hpp"

#include <algorithm>
#include <limits>

namespace waconsole::metasim {

SendLog::Packed SendLog::pack(SendRecord record) {
    Packed packed;
    packed.at_ms = record.at_ms;
    std::string* fields[] = {&record.wamid, &record.to, &record.wa_id, &record.type,
                             &record.template_name};
    std::size_t total = record.raw_request.size();
    for (std::size_t i = 0; i < packed.lengths.size(); ++i) {
        // Validation keeps these short (a phone number, a type, a template name); a longer one
        // would only be cut in the log.
        fields[i]->resize(
            std::min<std::size_t>(fields[i]->size(), std::numeric_limits<std::uint16_t>::max()));
        packed.lengths[i] = static_cast<std::uint16_t>(fields[i]->size());
        total += fields[i]->size();
    }
    packed.text.reserve(total);
    for (const std::string* field : fields) {
        packed.text += *field;
    }
    packed.text += record.raw_request;
    return packed;
}

SendRecord SendLog::unpack(const Packed& packed, std::int64_t seq) {
    SendRecord record;
    record.seq = seq;
    record.at_ms = packed.at_ms;
    std::string* fields[] = {&record.wamid, &record.to, &record.wa_id, &record.type,
                             &record.template_name};
    std::size_t at = 0;
    for (std::size_t i = 0; i < packed.lengths.size(); ++i) {
        fields[i]->assign(packed.text, at, packed.lengths[i]);
        at += packed.lengths[i];
    }
    record.raw_request.assign(packed.text, at);
    return record;
}

std::int64_t SendLog::append(SendRecord record, std::size_t limit) {
    Packed packed = pack(std::move(record));
    std::lock_guard<std::mutex> lock(m_mutex);
    m_records.push_back(std::move(packed));
    const std::size_t keep = std::max<std::size_t>(limit, 1);
    while (m_records.size() > keep) {
        m_records.pop_front();
        ++m_dropped;
    }
    return m_dropped + static_cast<std::int64_t>(m_records.size());
}

nlohmann::json SendLog::list_since(std::int64_t since) const {
    std::vector<Packed> copies;
    std::int64_t first_seq = 0;
    std::int64_t dropped = 0;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        dropped = m_dropped;
        const std::int64_t skip = std::max<std::int64_t>(since - m_dropped, 0);
        first_seq = m_dropped + skip + 1;
        if (static_cast<std::size_t>(skip) < m_records.size()) {
            copies.assign(m_records.begin() + static_cast<std::ptrdiff_t>(skip), m_records.end());
        }
    }
    nlohmann::json sends = nlohmann::json::array();
    for (std::size_t i = 0; i < copies.size(); ++i) {
        const SendRecord record = unpack(copies[i], first_seq + static_cast<std::int64_t>(i));
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
    return {{"sends", std::move(sends)}, {"dropped", dropped}};
}

std::size_t SendLog::size() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_records.size();
}

std::int64_t SendLog::dropped() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_dropped;
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
