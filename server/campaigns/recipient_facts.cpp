// The opted-out and in-conversation people, by same_person_key.
#include "server/campaigns/recipient_facts.hpp"

#include "server/store/customer_facts_store.hpp"
#include "shared/recipient_phone.hpp"

namespace waconsole {

RecipientFactsIndex RecipientFactsIndex::load(Connection& db) {
    RecipientFactsIndex index;
    for_each_opted_out_number(
        db, [&](const std::string& number) { index.m_opted_out.insert(same_person_key(number)); });
    for_each_number_in_conversation(db, [&](const std::string& number) {
        index.m_in_conversation.insert(same_person_key(number));
    });
    return index;
}

RecipientFacts RecipientFactsIndex::facts_for(const std::string& e164) const {
    if (m_opted_out.empty() && m_in_conversation.empty()) {
        return {};
    }
    const auto key = same_person_key(e164);
    return {m_opted_out.count(key) > 0, m_in_conversation.count(key) > 0};
}

} // namespace waconsole
