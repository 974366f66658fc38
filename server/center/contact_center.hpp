// What the live contact center keeps for the life of the server: the routing engine (its
// thread also runs the window and reservation timers). Lives in Services; main starts it once
// the database is migrated.
#pragma once

#include "server/routing/routing_engine.hpp"

namespace waconsole {

struct ContactCenter {
    routing::RoutingEngine routing;
};

} // namespace waconsole
