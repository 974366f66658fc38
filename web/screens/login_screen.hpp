// The login screen: email, password, "Log in" (Enter submits too); the server's refusal is shown
// under the fields, and so is the UI's own refusal of a user who is not an administrator.
#pragma once

#include "platform/http.hpp"

#include <string>

namespace waconsole {

struct App;

// What a non-administrator is told (the server says the same where it refuses them itself).
constexpr const char* kAdminsOnly = "only administrators can use the WhatsApp menu";

struct LoginScreen {
    std::string email;
    std::string password;
    std::string error;                // shown in red under the fields, "" when none
    platform::Request request;        // POST /api/login
    platform::Request refused_logout; // POST /api/logout for a session the menu may not use
    bool focus_email = true;          // put the caret in the email field on the next frame
};

void draw(LoginScreen& screen, App& app);

} // namespace waconsole
