// Transfer fields of table rows.
#include "server/tables/transfer_fields.hpp"

#include "shared/conversation_rules.hpp"

namespace waconsole {

void add_transfer_fields(nlohmann::json& row, ConversationState state) {
    const auto refusal = transfer_refusal(state);
    row["can_transfer"] = !refusal;
    row["transfer_refusal"] = refusal ? nlohmann::json(*refusal) : nlohmann::json(nullptr);
}

} // namespace waconsole
