// How browsers may keep the web UI's static files. A file whose name holds its content's hash
// ("waconsole-web.3f2a9c0d41be.wasm", made by web/hash_dist.cmake) never changes under that
// name: it is cached for a year and `immutable`, so a repeat visit does not even ask for it.
// Every other file (index.html, which names the hashed ones) is revalidated: each answer
// carries an ETag made from the bytes sent (the gzip twin has its own) and
// `Cache-Control: no-cache`, and a request whose If-None-Match names the current ETag gets 304
// with no body. A new build changes index.html, hence its ETag, and the new names in it.
#pragma once

#include <httplib.h>
#include <string>

namespace waconsole {

// True for a path whose file name is "stem.<12 or more lowercase hex digits>.ext[...]".
bool is_content_named(const std::string& path);

// Called for a file httplib has read into `res` (after the gzip twin was chosen).
void revalidate_static_file(const httplib::Request& req, httplib::Response& res);

} // namespace waconsole
