// Migration 16's SQL.
#include "server/store/message_indexes_schema.hpp"

namespace waconsole {

const char* const kMessageIndexesSchema = R"sql(
DROP INDEX messages_by_context;
DROP INDEX messages_inbound_by_customer;
CREATE INDEX messages_inbound_by_customer ON messages(customer_id, created_at)
    WHERE direction = 'in';
)sql";

} // namespace waconsole
