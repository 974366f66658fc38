// The web UI's static files are revalidated, not downloaded again: each answer carries an ETag
// made from the bytes sent (the gzip twin has its own) and `Cache-Control: no-cache`, and a
// request whose If-None-Match names the current ETag gets 304 with no body. A repeat visit
// then costs a few hundred bytes of headers a file instead of the 1 MB of wasm, script and
// fonts; a new build changes the bytes, hence the ETag, and is fetched at once.
#pragma once

#include <httplib.h>

namespace waconsole {

// Called for a file httplib has read into `res` (after the gzip twin was chosen).
void revalidate_static_file(const httplib::Request& req, httplib::Response& res);

} // namespace waconsole
