// The opt-out keywords.
#include "shared/opt_out.hpp"

#include <array>

namespace waconsole {
namespace {

// The message without surrounding spaces and punctuation (ASCII, and a leading ¡ or ¿ as whole
// characters: stripping their bytes one by one would cut the last byte off a letter like п),
// ASCII letters lowered, other letters as written.
std::string folded(const std::string& text) {
    const char* const punctuation = " \t\r\n.!?";
    const auto first = text.find_first_not_of(punctuation);
    if (first == std::string::npos) {
        return "";
    }
    std::string word = text.substr(first, text.find_last_not_of(punctuation) - first + 1);
    while (word.rfind("\xC2\xA1", 0) == 0 || word.rfind("\xC2\xBF", 0) == 0) {
        word.erase(0, 2);
    }
    for (auto& c : word) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return word;
}

} // namespace

OptOutRequest opt_out_request(const std::string& text) {
    static const std::array<const char*, 12> stop = {"stop",
                                                     "stopp",
                                                     "baja",
                                                     "alto",
                                                     "parar",
                                                     "cancelar",
                                                     "arret",
                                                     "arr\xC3\xAAt",
                                                     "unsubscribe",
                                                     "\xD1\x81\xD1\x82\xD0\xBE\xD0\xBF", // стоп
                                                     "\xD0\xA1\xD0\xA2\xD0\x9E\xD0\x9F", // СТОП
                                                     "opt out"};
    static const std::array<const char*, 5> resume = {"start", "alta", "resume", "unstop",
                                                      "iniciar"};
    const auto word = folded(text);
    for (const char* candidate : stop) {
        if (word == candidate) {
            return OptOutRequest::stop;
        }
    }
    for (const char* candidate : resume) {
        if (word == candidate) {
            return OptOutRequest::resume;
        }
    }
    return OptOutRequest::none;
}

} // namespace waconsole
