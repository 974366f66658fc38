// Identity matching rules.
#include "shared/customer_identity.hpp"

#include "shared/phone.hpp"

namespace waconsole {

const char* to_string(IdentityKey key) {
    switch (key) {
    case IdentityKey::user_id:
        return "user_id";
    case IdentityKey::wa_id:
        return "wa_id";
    case IdentityKey::phone:
        return "phone";
    case IdentityKey::parent_user_id:
        return "parent_user_id";
    case IdentityKey::username:
        return "username";
    }
    return "";
}

std::vector<std::pair<IdentityKey, std::string>> lookup_keys(const CustomerIdentity& identity) {
    std::vector<std::pair<IdentityKey, std::string>> keys;
    auto add = [&](IdentityKey key, const std::optional<std::string>& value) {
        if (value && !value->empty()) {
            keys.emplace_back(key, *value);
        }
    };
    add(IdentityKey::user_id, identity.user_id);
    add(IdentityKey::wa_id, identity.wa_id);
    add(IdentityKey::phone, identity.phone);
    add(IdentityKey::parent_user_id, identity.parent_user_id);
    add(IdentityKey::username, identity.username);
    return keys;
}

bool has_any_key(const CustomerIdentity& identity) {
    return !lookup_keys(identity).empty();
}

std::optional<std::string> phone_of_wa_id(const std::string& wa_id) {
    if (wa_id.empty() || wa_id.find_first_not_of("0123456789") != std::string::npos) {
        return std::nullopt;
    }
    return normalise_phone("+" + wa_id).e164;
}

std::optional<std::string> rewritten_number(const std::string& sent_e164,
                                            const std::string& wa_id) {
    if (wa_id.empty() || phone_digits(sent_e164) == wa_id) {
        return std::nullopt;
    }
    return sent_e164;
}

} // namespace waconsole
