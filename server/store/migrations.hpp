// The schema, as numbered migrations applied in order, each in its own transaction together
// with its row in schema_migrations: a crash mid-way leaves the database at the last whole
// version. Migrations are append-only: never edit one that has shipped, add the next.
#pragma once

#include "server/store/database.hpp"

#include <string>
#include <vector>

namespace waconsole {

struct Migration {
    int version = 0;
    std::string name;
    std::string sql;
};

const std::vector<Migration>& all_migrations();

// Applies the migrations the database has not seen yet; returns how many were applied.
int apply_migrations(Connection& connection);
int applied_schema_version(Connection& connection);

} // namespace waconsole
