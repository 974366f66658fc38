// Headers sent with the web UI's static files. The Content-Security-Policy lets the page run only
// its own scripts and WebAssembly and talk only to this server, so neither a crafted link nor an
// injected script can send the password or the session token anywhere else.
#pragma once

#include <httplib.h>
#include <string>

namespace waconsole {

// The policy for the page when this server hosts it. assets/index.html carries the same policy as
// a <meta> tag for static hosting (where connect-src also names the configured API origin).
std::string page_content_security_policy();

// For httplib's set_mount_point: the policy plus framing, referrer and sniffing rules.
httplib::Headers page_security_headers();

} // namespace waconsole
