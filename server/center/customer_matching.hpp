// One person is one customer: an inbound message's identity (user id, wa_id, phone, parent user
// id, username; any may be missing) finds the customer who has any of them, is recorded on
// them, or makes a new one. Identity changes Meta announces (user_changed_user_id,
// user_changed_number) move the customer to the new id and keep the old number as an alias.
// Runs in the caller's transaction.
#pragma once

#include "server/meta/webhook_payload.hpp"
#include "server/store/database.hpp"

#include <cstdint>
#include <string>

namespace waconsole {

std::int64_t match_inbound_customer(Connection& db, const CustomerIdentity& identity,
                                    const std::string& profile_name, std::int64_t now);

// Applies a system message about the sender's identity; stores it in the customer's open
// conversation (a system message, not a customer message: the window does not move). Returns
// whether a customer was found or made for it.
bool apply_identity_change(Connection& db, const IdentityChange& change, std::int64_t now);

} // namespace waconsole
