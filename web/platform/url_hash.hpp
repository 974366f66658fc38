// The URL hash (#/active ...), so the browser's back button and bookmarks follow the section.
#pragma once

#include <string>

namespace waconsole::platform {

// Starts counting hashchange events; call once at start-up.
void watch_url_hash();

// The hash without its leading '#' ("/active", "/history?agent=Ana%20B"), still
// percent-encoded; "" when there is none.
std::string read_url_hash();

// Sets the hash. push adds a history entry (a user's navigation); otherwise the current entry is
// replaced (redirects such as "logged out, go to #/login"), so back does not bounce.
// Writing the hash the page already has does nothing.
void write_url_hash(const std::string& hash, bool push);

// Grows by one for each hashchange event (the back button, a typed URL, our own writes).
int url_hash_change_count();

} // namespace waconsole::platform
