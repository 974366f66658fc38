// The transfer log: who moved a conversation, when, from which agent and skillset, to which
// user or skillset, immediate or exclusive. SQL only, in the caller's transaction.
#pragma once

#include "server/store/database.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace waconsole {

struct TransferRecord {
    std::int64_t conversation_id = 0;
    std::optional<std::int64_t> by_user_id;
    std::int64_t at = 0;
    std::optional<std::int64_t> from_agent_id;
    std::optional<std::int64_t> from_skillset_id;
    std::optional<std::int64_t> to_user_id;
    std::optional<std::int64_t> to_skillset_id;
    std::string mode;
    // Names, filled by list_transfers().
    std::string by;
    std::string from_agent;
    std::string from_skillset;
    std::string to_user;
    std::string to_skillset;
};

void insert_transfer(Connection& db, const TransferRecord& transfer);
// Oldest first, with the names of the people and skillsets.
std::vector<TransferRecord> list_transfers(Connection& db, std::int64_t conversation_id);

} // namespace waconsole
