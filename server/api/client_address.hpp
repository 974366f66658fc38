// The client address of a request, for throttles, logs and audits. The peer's address is the
// client unless the peer is a configured trusted proxy: only then is X-Forwarded-For believed,
// read from the right (what the nearest proxy saw) past any further trusted proxies. A header
// from anyone else is ignored, so a client cannot choose its own address.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace httplib {
struct Request;
}

namespace waconsole {

// `trusted_proxies` holds addresses as normalise_address() returns them.
std::string client_address(const httplib::Request& req,
                           const std::vector<std::string>& trusted_proxies);

// The canonical text of an IPv4 or IPv6 address ("::ffff:10.0.0.1" → "10.0.0.1",
// "[2001:DB8::1]" → "2001:db8::1", a ":port" suffix dropped), or nullopt when it is not one.
std::optional<std::string> normalise_address(const std::string& text);

struct AddressList {
    std::vector<std::string> addresses; // normalised
    std::string error;                  // names the entry that is not an address
};
// "10.0.0.1, 10.0.0.2" (commas and/or spaces) → the normalised addresses.
AddressList parse_address_list(const std::string& text);

} // namespace waconsole
