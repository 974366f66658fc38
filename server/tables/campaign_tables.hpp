// The campaign wizard's tables: the approved templates of section 1, and a draft's recipients
// (customers flow) and review tabs (Messages, Rejected). The draft tables take the filter
// `draft` (required), so each also downloads as Excel like every section.
#pragma once

#include "server/tables/table_spec.hpp"

namespace waconsole {

TableSpec campaign_templates_table();
TableSpec draft_recipients_table();
TableSpec draft_messages_table();
TableSpec draft_rejected_table();
// Outbound history (section 2) and one campaign's recipients (filter `campaign`, required).
TableSpec campaign_history_table();
TableSpec campaign_recipients_table();

} // namespace waconsole
