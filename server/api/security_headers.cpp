// The static UI's security headers. What the Emscripten build needs, and why each source is there:
// script-src 'self' for waconsole-web.js and the shell script (no inline script, no eval: the
// build uses neither); 'wasm-unsafe-eval' to compile waconsole-web.wasm; connect-src 'self' for the
// API, the .wasm and the fonts (all fetched); style-src 'self' for the shell's stylesheet;
// img-src data: for the empty favicon. Everything else is refused.
#include "server/api/security_headers.hpp"

namespace waconsole {

std::string page_content_security_policy() {
    return "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; "
           "style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; "
           "frame-ancestors 'none'";
}

httplib::Headers page_security_headers() {
    return {
        {"Content-Security-Policy", page_content_security_policy()},
        {"X-Frame-Options", "DENY"},
        {"Referrer-Policy", "no-referrer"},
    };
}

} // namespace waconsole
