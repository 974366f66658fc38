// The schema, as numbered migrations applied in order, each in its own transaction together
// with its row in schema_migrations: a crash mid-way leaves the database at the last whole
// version. Migrations are append-only: never edit one that has shipped, add the next.
#pragma once

#include "server/store/database.hpp"

#include <limits>
#include <string>
#include <vector>

namespace waconsole {

struct Migration {
    int version = 0;
    std::string name;
    std::string sql;
    // A step SQL alone cannot take, run after `sql` in the same transaction (may be null).
    void (*after)(Connection&) = nullptr;
};

const std::vector<Migration>& all_migrations();

// Applies the migrations the database has not seen yet, up to version `up_to` (tests build an
// older server's database with it); returns how many were applied.
int apply_migrations(Connection& connection, int up_to = std::numeric_limits<int>::max());
int applied_schema_version(Connection& connection);

} // namespace waconsole
