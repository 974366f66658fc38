// Who among a campaign's recipients opted out or is in a conversation with an agent, loaded once
// per review (a few queries) and looked up per row in memory by person, so the same person
// written another way (Mexico's 1, Brazil's ninth digit) is still found.
#pragma once

#include "server/store/database.hpp"
#include "shared/recipient_check.hpp"

#include <string>
#include <unordered_set>

namespace waconsole {

class RecipientFactsIndex {
public:
    static RecipientFactsIndex load(Connection& db);
    RecipientFacts facts_for(const std::string& e164) const;

private:
    std::unordered_set<std::string> m_opted_out;       // same_person_key of every number
    std::unordered_set<std::string> m_in_conversation; // waiting or active
};

} // namespace waconsole
