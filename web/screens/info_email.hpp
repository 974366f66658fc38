// Send via e-mail, inside the Info dialog: an address and a body; the server mails the body with
// the transcript (POST /api/conversations/{id}/email). Problems are shown next to the field they
// are about (the browser's check first, then the server's 422); the outcome as a toast.
#pragma once

#include "platform/http.hpp"

#include <string>

namespace waconsole {

struct App;

struct EmailForm {
    bool open = false;
    std::string to;
    std::string body;
    std::string to_error; // next to the field, "" when fine
    std::string body_error;
    std::string error; // a failure that is about neither field
    platform::Request request;
    std::string sent_to; // the address of the request in flight
};

// Takes the answer of a sent e-mail; call every frame, even while the dialog is closed, so the
// outcome is always told.
void take_email_answer(EmailForm& form, App& app);

// Draws the form (when open) into the current window. Widgets: info.email.to, info.email.body,
// info.email.to.error, info.email.body.error, info.email.error, info.email.send,
// info.email.cancel.
void draw_email_form(EmailForm& form, long long conversation_id, App& app);

} // namespace waconsole
