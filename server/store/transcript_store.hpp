// A conversation's transcript as the Info dialog reads it (in pages, from the newest back) and
// as "Send via e-mail" mails it (all of it). Shapes in docs/contact-center.md.
#pragma once

#include "server/store/database.hpp"

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>

namespace waconsole {

struct TranscriptPage {
    nlohmann::json messages = nlohmann::json::array(); // oldest first
    bool more = false;                                 // older messages exist
};

// Up to `limit` messages of the conversation older than message `before` (the newest when
// nullopt), in the order they reached the server.
TranscriptPage load_transcript_page(Connection& db, std::int64_t conversation_id,
                                    std::optional<std::int64_t> before, int limit);

// Every message of the conversation, oldest first, in the shape of a transcript page's messages.
void for_each_transcript_message(Connection& db, std::int64_t conversation_id,
                                 const std::function<void(const nlohmann::json&)>& on_message);

} // namespace waconsole
