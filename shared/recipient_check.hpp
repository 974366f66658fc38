// Whether one campaign recipient can be sent to, and exactly what they will receive. The
// browser runs this as the administrator fills in the wizard; the server runs it again on
// Confirm and its answer is the one that counts. Every refusal carries a reason a person
// understands and names the field (or the variable) at fault.
#pragma once

#include "shared/recipient_phone.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace waconsole {

struct CampaignTemplate {
    std::string body;                   // with {{variables}}
    std::string header;                 // a text header, its variables named "header.<v>"
    std::vector<std::string> variables; // in order; template_variables(body) unless given
    bool marketing = false;             // marketing category: billed, and not delivered to US
    bool include_active_conversations = false; // the wizard's switch
};

// What the server knows about the customer behind a number (the browser may not know it).
struct RecipientFacts {
    bool opted_out = false;
    bool in_active_conversation = false;
};

struct RecipientRow {
    int row = 0; // the file's row number, or the position in the customers list
    std::string phone;
    std::map<std::string, std::string> values; // variable → value
};

struct RecipientVerdict {
    std::optional<std::string> e164; // set when the number itself is usable
    std::string key;                 // same_person_key(e164), for duplicates
    std::string rendered;            // the body the customer will read
    std::string field;               // "phone", "var:<name>" or "customer" when refused
    std::string reason;              // empty when the recipient is accepted

    bool accepted() const { return reason.empty(); }
};

RecipientVerdict check_recipient(const CampaignTemplate& campaign, const RecipientRow& row,
                                 const RecipientFacts& facts);
// The same with row.phone already checked (phone = check_recipient_phone(row.phone)), for a
// caller that needed the number first, e.g. to look up its facts.
RecipientVerdict check_recipient(const CampaignTemplate& campaign, const RecipientRow& row,
                                 const RecipientPhone& phone, const RecipientFacts& facts);

// Remembers accepted recipients by person: a second row for the same person is refused with
// the row it duplicates.
class DuplicateRecipients {
public:
    // Empty when `verdict` is the first of its person; else the reason to refuse it.
    std::string check(const RecipientVerdict& verdict, int row);

private:
    // Keys are digits (same_person_key): held as numbers, which hash and compare at a fraction
    // of the cost of strings over a 100,000-row review; any other key as text.
    std::unordered_map<std::uint64_t, int> m_first_row_by_number;
    std::unordered_map<std::string, int> m_first_row;
};

} // namespace waconsole
