// The e-mail "Send via e-mail" sends: the administrator's text on top, then the conversation's
// overview and its whole transcript as plain text, times on the administrator's clock.
#pragma once

#include "server/export/time_zone.hpp"
#include "server/mail/mail_message.hpp"
#include "server/store/database.hpp"

#include <nlohmann/json.hpp>

namespace waconsole {

// `overview` is the Info overview (conversation_json); the messages are read from `db`.
MailMessage transcript_mail(Connection& db, const nlohmann::json& overview,
                            const std::string& admin_text, const TimeZone& zone);

} // namespace waconsole
