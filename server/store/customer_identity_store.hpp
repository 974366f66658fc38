// Customers found by any part of their Meta identity (shared/customer_identity.hpp): user id,
// wa_id, phone (its aliases first: numbers Meta rewrote), parent user id, username. SQL only;
// in the caller's transaction.
#pragma once

#include "server/store/database.hpp"
#include "shared/customer_identity.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace waconsole {

// The first customer that matches a key, in lookup_keys() order.
std::optional<std::int64_t> find_customer_by_identity(Connection& db,
                                                      const CustomerIdentity& identity);

// The customer's stored identity.
CustomerIdentity customer_identity(Connection& db, std::int64_t customer_id);

// Writes the identity's attributes onto the customer: an attribute another customer holds
// (user id, wa_id) is left as it is; the others take the new value when given.
void record_customer_identity(Connection& db, std::int64_t customer_id,
                              const CustomerIdentity& identity);

std::int64_t create_customer_with_identity(Connection& db, const CustomerIdentity& identity,
                                           const std::string& name, std::int64_t now);

// `phone` (E.164) reaches the customer `customer_id`: Meta rewrote it to their wa_id.
void add_phone_alias(Connection& db, const std::string& phone, std::int64_t customer_id,
                     std::int64_t now);
std::optional<std::int64_t> customer_of_alias(Connection& db, const std::string& phone);

// Business-scoped user id changed (system message user_changed_user_id): the customer who had
// `previous` gets `current` (and the parent id); returns that customer, if any.
std::optional<std::int64_t> change_user_id(Connection& db, const std::string& previous,
                                           const std::string& current,
                                           const std::optional<std::string>& parent_user_id);

} // namespace waconsole
