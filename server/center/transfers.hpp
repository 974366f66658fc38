// Transfers of unmanaged and waiting conversations (product.md "Transfer"; the exact rules are
// in docs/contact-center.md "Transfers: what each kind does"): to a user or a skillset,
// immediate or exclusive, recorded in the transfer log in the same transaction; closed (409
// conversation_closed) and active (409 conversation_active) conversations are refused. The
// routing engine is told after the commit.
#pragma once

#include "shared/api_error.hpp"
#include "shared/conversation_rules.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

namespace waconsole {

struct Services;

struct TransferRequest {
    std::int64_t conversation_id = 0;
    std::optional<std::int64_t> to_user_id;
    std::optional<std::int64_t> to_skillset_id;
    TransferMode mode = TransferMode::immediate;
    std::optional<std::int64_t> by_user_id; // who asked (none: the system)
};

struct TransferDone {
    std::optional<std::string> warning; // e.g. "no agent of Sales is logged in"
};

std::variant<TransferDone, ApiError>
transfer_conversation(Services& services, const TransferRequest& request, std::int64_t now);

} // namespace waconsole
