// Who a customer is to Meta, pure: the business-scoped user id (and its parent), the username,
// the wa_id and the phone, each optional (a user may hide the phone). Inbound messages are
// matched to one customer on any of them, in the order lookup_keys() gives, so one person is
// never two customers.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace waconsole {

struct CustomerIdentity {
    std::optional<std::string> user_id;        // e.g. "US.13491208655302741918"
    std::optional<std::string> parent_user_id; // the parent portfolio's id for the same user
    std::optional<std::string> username;       // without the "@"
    std::optional<std::string> wa_id;          // digits, Meta's canonical number
    std::optional<std::string> phone;          // E.164 with "+"
};

enum class IdentityKey { user_id, wa_id, phone, parent_user_id, username };

const char* to_string(IdentityKey key);

// The keys to look a customer up by, most specific first: user id, wa_id, phone (its aliases
// first), parent user id, username. Empty values are left out.
std::vector<std::pair<IdentityKey, std::string>> lookup_keys(const CustomerIdentity& identity);

bool has_any_key(const CustomerIdentity& identity);

// A wa_id made of digits is a phone number: "+" and the digits. nullopt for anything else.
std::optional<std::string> phone_of_wa_id(const std::string& wa_id);

// When Meta answered a send to `sent_e164` with another number (`wa_id`: Brazil's ninth digit,
// Mexico's 521 prefix), the number sent is an alias of the customer who owns `wa_id`: returns
// it. nullopt when they are the same number.
std::optional<std::string> rewritten_number(const std::string& sent_e164, const std::string& wa_id);

} // namespace waconsole
