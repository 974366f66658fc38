#include "shared/opt_out.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;

TEST_CASE("a message that is only a stop or start word, in several languages, is a request") {
    for (const char* text : {"STOP", "stop", " Stop. ", "BAJA", "Parar", "alto!", "¡Alto!", "STOPP",
                             "arrêt", "СТОП", "стоп", "unsubscribe"}) {
        INFO(text);
        CHECK(opt_out_request(text) == OptOutRequest::stop);
    }
    for (const char* text : {"START", "alta", "Resume", "unstop"}) {
        INFO(text);
        CHECK(opt_out_request(text) == OptOutRequest::resume);
    }
    for (const char* text : {"please stop calling me", "stopover", "1", "", "hola", "no"}) {
        INFO(text);
        CHECK(opt_out_request(text) == OptOutRequest::none);
    }
}
