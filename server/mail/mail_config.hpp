// The SMTP server "Send via e-mail" uses (flags and environment in server/config.cpp). The
// password is a secret: it is never printed, logged or put in an error.
#pragma once

#include <string>

namespace waconsole {

enum class SmtpSecurity {
    starttls, // plain connection upgraded with STARTTLS, required (port 587)
    tls,      // TLS from the first byte, smtps (port 465)
    none,     // no encryption: only for a relay on the same host or a test sink
};

struct MailConfig {
    std::string host; // empty: e-mail is not set up, sends fail with that reason
    int port = 587;
    SmtpSecurity security = SmtpSecurity::starttls;
    std::string user; // empty: no AUTH
    std::string password;
    std::string from;      // the sender address (checked like any address)
    std::string from_name; // shown beside it, e.g. "Contact center"
    std::string ca_file;   // PEM CAs to trust instead of the system's
    int timeout_seconds = 30;

    bool configured() const { return !host.empty() && !from.empty(); }
};

const char* to_string(SmtpSecurity security);
bool smtp_security_from_string(const std::string& text, SmtpSecurity& security);

} // namespace waconsole
