// Reading the server's JSON answers without exceptions: an answer that is not JSON parses as
// null, and a missing or mistyped field reads as empty, so a strange answer shows as missing data
// or an error message, never an abort. Every answer reader in web/ uses these.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace waconsole {

// The answer's JSON, or null when it is not JSON.
inline nlohmann::json parse_answer(const std::string& body) {
    nlohmann::json parsed = nlohmann::json::parse(body, nullptr, false);
    return parsed.is_discarded() ? nlohmann::json() : parsed;
}

// The member `key` of an object; null when `in` is not an object or has no such member.
inline const nlohmann::json& member(const nlohmann::json& in, const char* key) {
    static const nlohmann::json kNull;
    if (!in.is_object()) {
        return kNull;
    }
    const auto it = in.find(key);
    return it != in.end() ? *it : kNull;
}

inline std::string text_field(const nlohmann::json& in, const char* key) {
    const nlohmann::json& value = member(in, key);
    return value.is_string() ? value.get<std::string>() : std::string();
}

inline std::optional<long long> number_field(const nlohmann::json& in, const char* key) {
    const nlohmann::json& value = member(in, key);
    if (value.is_number_integer()) {
        return value.get<long long>();
    }
    return std::nullopt;
}

inline int int_field(const nlohmann::json& in, const char* key) {
    return static_cast<int>(number_field(in, key).value_or(0));
}

inline bool flag_field(const nlohmann::json& in, const char* key) {
    const nlohmann::json& value = member(in, key);
    return value.is_boolean() && value.get<bool>();
}

} // namespace waconsole
