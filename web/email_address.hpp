// Checking an e-mail address as a person types it (the Info dialog's Send via e-mail, the Team
// form): one plain address, nothing a mail header could be injected through. The server checks
// again; this only says what is wrong before the request is sent.
#pragma once

#include <string>

namespace waconsole {

// "" when `address` is one address like name@example.com; otherwise what is wrong with it.
std::string email_address_problem(const std::string& address);

} // namespace waconsole
