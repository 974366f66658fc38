// Customers as the Meta layer sees them: found by Meta's canonical wa_id first, by phone
// second, and created when new. Customers are keyed by our own id; wa_id and phone are
// attributes, so one person never becomes two when Meta rewrites the number sent to.
#pragma once

#include "server/store/database.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace waconsole {

struct CustomerRecord {
    std::int64_t id = 0;
    std::optional<std::string> wa_id;
    std::optional<std::string> phone;
    std::string name;
    bool opted_out = false;
};

// The customer a send to `e164` is for: the one whose wa_id is its digits, else the one the
// number is an alias of, else the one with that phone. nullopt when there is none yet.
std::optional<CustomerRecord> find_customer_for_number(Connection& db, const std::string& e164);
std::optional<CustomerRecord> find_customer(Connection& db, std::int64_t id);
std::int64_t create_customer(Connection& db, const std::optional<std::string>& wa_id,
                             const std::optional<std::string>& phone, const std::string& name,
                             std::int64_t now);

// Records Meta's canonical wa_id for `customer_id` after a send. When another customer already
// has it, that one is the same person: the id of the customer who owns the wa_id is returned,
// and the caller moves what it just wrote there.
std::int64_t adopt_canonical_wa_id(Connection& db, std::int64_t customer_id,
                                   const std::string& wa_id);

// The customer's own stop (true) or resume (false) of campaigns.
void set_customer_opted_out(Connection& db, std::int64_t customer_id, bool opted_out);

// Deletes a customer created for a send that turned out to be someone we knew, if nothing else
// refers to it.
void delete_customer_if_unused(Connection& db, std::int64_t customer_id);

} // namespace waconsole
