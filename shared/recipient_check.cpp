// Campaign recipient checks: the number, the variables, Meta's parameter rules, the customer.
#include "shared/recipient_check.hpp"

#include "shared/meta_limits.hpp"
#include "shared/phone.hpp"
#include "shared/phone_plan.hpp"
#include "shared/recipient_phone.hpp"
#include "shared/template_text.hpp"

namespace waconsole {
namespace {

RecipientVerdict refuse(RecipientVerdict verdict, std::string field, std::string reason) {
    verdict.field = std::move(field);
    verdict.reason = std::move(reason);
    return verdict;
}

} // namespace

RecipientVerdict check_recipient(const CampaignTemplate& campaign, const RecipientRow& row,
                                 const RecipientFacts& facts) {
    return check_recipient(campaign, row, check_recipient_phone(row.phone), facts);
}

RecipientVerdict check_recipient(const CampaignTemplate& campaign, const RecipientRow& row,
                                 const RecipientPhone& phone, const RecipientFacts& facts) {
    RecipientVerdict verdict;
    if (!phone.e164) {
        return refuse(verdict, "phone", "The number " + phone.error + ".");
    }
    verdict.e164 = phone.e164;
    verdict.key = same_person_key(*phone.e164);
    std::vector<std::string> body_variables;
    if (campaign.variables.empty()) {
        body_variables = template_variables(campaign.body);
    }
    const auto& variables = campaign.variables.empty() ? body_variables : campaign.variables;
    for (const auto& name : variables) {
        const auto value = row.values.find(name);
        if (value == row.values.end() ||
            value->second.find_first_not_of(" ") == std::string::npos) {
            return refuse(verdict, "var:" + name, "Variable {{" + name + "}} has no value.");
        }
        if (has_forbidden_parameter_characters(value->second)) {
            return refuse(verdict, "var:" + name,
                          "Variable {{" + name + "}} holds a line break, a tab or more than " +
                              std::to_string(kMaxConsecutiveParameterSpaces) +
                              " spaces in a row, which WhatsApp refuses.");
        }
    }
    verdict.rendered = render_template(campaign.body, row.values);
    const auto characters = utf8_character_count(verdict.rendered);
    if (characters > kMaxTemplateBodyCharacters) {
        return refuse(verdict, "body",
                      "The message would be " + std::to_string(characters) +
                          " characters long; WhatsApp allows " +
                          std::to_string(kMaxTemplateBodyCharacters) + ".");
    }
    if (!campaign.header.empty()) {
        std::map<std::string, std::string> header_values;
        for (const auto& [name, value] : row.values) {
            if (name.rfind("header.", 0) == 0) {
                header_values[name.substr(7)] = value;
            }
        }
        const auto header_characters =
            utf8_character_count(render_template(campaign.header, header_values));
        if (header_characters > kMaxTemplateHeaderCharacters) {
            return refuse(verdict, "header",
                          "The header would be " + std::to_string(header_characters) +
                              " characters long; WhatsApp allows " +
                              std::to_string(kMaxTemplateHeaderCharacters) + ".");
        }
    }
    if (campaign.marketing && is_united_states_number(phone_digits(*phone.e164))) {
        return refuse(verdict, "phone",
                      "Meta does not deliver marketing templates to United States numbers.");
    }
    if (facts.opted_out) {
        return refuse(verdict, "customer", "The customer asked not to receive campaigns.");
    }
    if (facts.in_active_conversation && !campaign.include_active_conversations) {
        return refuse(verdict, "customer",
                      "The customer is in an active conversation (the campaign leaves them out).");
    }
    return verdict;
}

std::string DuplicateRecipients::check(const RecipientVerdict& verdict, int row) {
    if (!verdict.accepted()) {
        return ""; // a refused row holds no place: a later, good row of that person is sent
    }
    // At most 19 digits, the first not 0: one number per key, and no two keys alike.
    const std::string& key = verdict.key;
    const bool numeric = !key.empty() && key.size() <= 19 && key[0] != '0' &&
                         key.find_first_not_of("0123456789") == std::string::npos;
    int first_row = row;
    if (numeric) {
        std::uint64_t number = 0;
        for (const char digit : key) {
            number = number * 10 + static_cast<std::uint64_t>(digit - '0');
        }
        const auto [first, inserted] = m_first_row_by_number.emplace(number, row);
        if (inserted) {
            return "";
        }
        first_row = first->second;
    } else {
        const auto [first, inserted] = m_first_row.emplace(key, row);
        if (inserted) {
            return "";
        }
        first_row = first->second;
    }
    return "The same number as row " + std::to_string(first_row) + ".";
}

} // namespace waconsole
