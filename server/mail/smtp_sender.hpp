// Sends one rendered e-mail to one recipient over SMTP with libcurl (Debian's libcurl4-openssl):
// STARTTLS required, implicit TLS or plain as configured, AUTH when a user is set, certificates
// always checked. Blocks the calling thread for at most the configured timeout.
#pragma once

#include "server/mail/mail_config.hpp"

#include <optional>
#include <string>

namespace waconsole {

// nullopt when the server accepted the message; otherwise why not, in words an administrator can
// act on (the SMTP server's own reply when it gave one). Never holds the password.
std::optional<std::string> send_mail(const MailConfig& config, const std::string& to,
                                     const std::string& rendered_message);

} // namespace waconsole
