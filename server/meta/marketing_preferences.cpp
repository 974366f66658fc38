// Opt-out and back in by Meta's own signals.
#include "server/meta/marketing_preferences.hpp"

#include "server/center/customer_matching.hpp"
#include "server/store/customers_store.hpp"
#include "server/store/messages_store.hpp"

namespace waconsole {

int apply_marketing_preferences(Connection& db, const std::vector<MarketingPreference>& preferences,
                                std::int64_t now) {
    int changed = 0;
    for (const auto& preference : preferences) {
        // Other categories (if Meta adds them) do not concern campaigns' marketing.
        if (preference.category != "marketing_messages" ||
            (preference.value != "stop" && preference.value != "resume")) {
            continue;
        }
        CustomerIdentity identity;
        identity.wa_id = preference.wa_id;
        identity.phone = phone_of_wa_id(preference.wa_id);
        // A customer we never had is created: their choice holds for a campaign that finds them
        // later in an uploaded file.
        const auto customer_id = match_inbound_customer(db, identity, "", now);
        set_customer_opted_out(db, customer_id, preference.value == "stop");
        ++changed;
    }
    return changed;
}

bool opt_out_on_failure(Connection& db, std::optional<int> error_code, const std::string& wamid,
                        std::optional<std::int64_t> message_id) {
    if (error_code != kMarketingStoppedCode) {
        return false;
    }
    const auto customer_id = customer_of_outbound(db, wamid, message_id);
    if (!customer_id) {
        return false;
    }
    set_customer_opted_out(db, *customer_id, true);
    return true;
}

} // namespace waconsole
