// What a campaign needs to know about the people behind numbers, read in bulk: every number
// (phone, WhatsApp id, alias) of customers who opted out, and of customers with a conversation an
// agent holds or is queued for. A 100,000-row review checks each row against these in memory
// instead of querying per row.
#pragma once

#include "server/store/database.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace waconsole {

using NumberCallback = std::function<void(const std::string& e164)>;

void for_each_opted_out_number(Connection& db, const NumberCallback& on_number);
// Conversations in state waiting or active.
void for_each_number_in_conversation(Connection& db, const NumberCallback& on_number);

struct CustomerSummary {
    std::int64_t id = 0;
    std::string name;
    std::string phone;
    std::string email;
    bool opted_out = false;
};
// Customers whose name or phone contains `search` (all when empty), by name, at most `limit`.
std::vector<CustomerSummary> search_customers(Connection& db, const std::string& search, int limit);

} // namespace waconsole
