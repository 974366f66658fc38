// The conversation sections of the menu as table specs.
#pragma once

#include "server/tables/table_spec.hpp"

namespace waconsole {

TableSpec active_conversations_table();

} // namespace waconsole
