// Reads the JSON examples under tests/meta/data (shapes from Meta's documentation).
#pragma once

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>

namespace waconsole::testing {

inline std::string read_test_file(const std::string& name) {
    std::ifstream file(std::string(WACONSOLE_META_TEST_DATA) + "/" + name, std::ios::binary);
    if (!file) {
        throw std::runtime_error("missing test data file " + name);
    }
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

inline nlohmann::json read_test_json(const std::string& name) {
    return nlohmann::json::parse(read_test_file(name));
}

// A webhook POST body with one change of `field` (e.g. "messages") for WABA 2000000001.
inline nlohmann::json webhook_envelope(const std::string& field, nlohmann::json value) {
    return {
        {"object", "whatsapp_business_account"},
        {"entry",
         {{{"id", "2000000001"}, {"changes", {{{"field", field}, {"value", std::move(value)}}}}}}}};
}

} // namespace waconsole::testing
