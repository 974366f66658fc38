// `waconsole-server users add|passwd|list|disable|enable`: the accounts of a deployment from the
// command line, on the same database as the server (--db, WACONSOLE_DB). The first administrator
// of a new deployment is created here, never by a published password.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace waconsole {

// `args` follow "users"; `environment` looks a name up (getenv). Reads a password from stdin,
// writes results to stdout and problems to stderr. Returns the exit code: 0 done, 1 failed
// (nothing changed), 2 wrong usage.
int run_users_command(const std::vector<std::string>& args,
                      const std::function<const char*(const char*)>& environment);

std::string users_usage();

} // namespace waconsole
