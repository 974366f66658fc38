// The WhatsApp id Meta returns for a number. It can differ from the number sent, and the server
// must store Meta's form (shared/docs/meta-cloud-api.md "Phone numbers and identities"), so the
// simulator reproduces the two documented cases deterministically.
#pragma once

#include <string>

namespace waconsole::metasim {

// Only the digits of `text` ("+52 1 55-1234" -> "52155 1234" without the space).
std::string digits_only(const std::string& text);

// The canonical wa_id for a number given as digits (country code first, no "+"):
// - Mexico: mobiles registered on WhatsApp carry the old mobile prefix 1 after the country code,
//   so "52" + 10 digits is answered as "521" + the same 10 digits; "521" + 10 stays as it is.
// - Brazil: accounts created before the ninth digit was added keep the 8-digit subscriber number,
//   so "55" + 2-digit area + "9" + 8 digits is answered without that 9 ("55" + area + 8 digits);
//   the 12-digit form stays as it is.
// Every other number is its own wa_id.
std::string canonical_wa_id(const std::string& digits);

} // namespace waconsole::metasim
