// The login screen: email, password, "Log in" (Enter submits too); the server's refusal is shown
// under the fields.
#pragma once

#include "platform/http.hpp"

#include <string>

namespace waconsole {

struct App;

struct LoginScreen {
    std::string email;
    std::string password;
    std::string error;         // shown in red under the fields, "" when none
    platform::Request request; // POST /api/login
    bool focus_email = true;   // put the caret in the email field on the next frame
};

void draw(LoginScreen& screen, App& app);

} // namespace waconsole
