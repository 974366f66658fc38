// Clients that connect from a chosen loopback address (127.0.0.2, 127.0.0.3 ...), so that route
// tests can be several different people without a proxy: Linux answers all of 127.0.0.0/8.
#pragma once

#include "test_server.hpp"

#include <httplib.h>
#include <string>

namespace waconsole::testing {

// A client of `server` whose connections come from `source` (an IPv4 loopback address).
httplib::Client client_from(const RunningServer& server, const std::string& source);

// POST /api/login with this email and password.
httplib::Result post_login(httplib::Client& client, const std::string& email,
                           const std::string& password, const httplib::Headers& headers = {});

} // namespace waconsole::testing
