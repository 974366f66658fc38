// What the unmanaged and waiting rows carry for their Transfer button: the engine's rule
// (shared/conversation_rules.hpp), so the button is enabled exactly when a transfer is accepted.
#pragma once

#include "shared/conversation.hpp"

#include <nlohmann/json.hpp>

namespace waconsole {

// Sets can_transfer (bool) and transfer_refusal (the reason, or null).
void add_transfer_fields(nlohmann::json& row, ConversationState state);

} // namespace waconsole
