// A customer's own words for "no more campaigns" and "send them again": a message that is only
// STOP (or BAJA, ALTO, PARAR, STOPP, ARRÊT, UNSUBSCRIBE, СТОП …) opts out, START (ALTA,
// RESUME, UNSTOP …) opts back in. Case and surrounding spaces and punctuation are ignored; a
// longer sentence that merely contains the word is not a request.
#pragma once

#include <string>

namespace waconsole {

enum class OptOutRequest { none, stop, resume };

OptOutRequest opt_out_request(const std::string& text);

} // namespace waconsole
