// One registration function per resource; http_server.cpp calls them all.
#pragma once

#include "server/api/router.hpp"

namespace waconsole {

void register_auth_routes(ApiRouter& router);
void register_change_routes(ApiRouter& router);
void register_table_routes(ApiRouter& router);
void register_message_routes(ApiRouter& router);
void register_template_routes(ApiRouter& router);
void register_webhook_routes(ApiRouter& router);
void register_team_routes(ApiRouter& router);
void register_transfer_routes(ApiRouter& router);
void register_agent_routes(ApiRouter& router);
void register_conversation_info_routes(ApiRouter& router);
void register_campaign_routes(ApiRouter& router);

} // namespace waconsole
