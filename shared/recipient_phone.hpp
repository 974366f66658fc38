// A campaign recipient's number, checked as Meta will see it: E.164 after the clean-up
// normalise_phone() does, a country calling code that exists, and a national number of a length
// that country uses. Also the key that tells when two numbers are the same person.
#pragma once

#include <optional>
#include <string>

namespace waconsole {

struct RecipientPhone {
    std::optional<std::string> e164; // set when the number is usable
    std::string error;               // why not, for a person ("… has 8 digits after +34 …")
};

RecipientPhone check_recipient_phone(const std::string& input);

// Equal for two ways of writing one person's number: Mexico's mobile "1" after +52 (dropped in
// 2019, still in WhatsApp ids) and Brazil's mobile ninth digit (older WhatsApp ids lack it).
std::string same_person_key(const std::string& e164);

} // namespace waconsole
