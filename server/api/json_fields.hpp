// Reading optional fields of a JSON request body, each a 422 naming the field when it has the
// wrong type: absent (or null, where null means "absent") gives nullopt.
#pragma once

#include "shared/api_error.hpp"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace waconsole {

std::variant<std::optional<std::string>, ApiError> optional_string(const nlohmann::json& body,
                                                                   const std::string& field);
// A whole number from `low` to `high`.
std::variant<std::optional<std::int64_t>, ApiError> optional_integer(const nlohmann::json& body,
                                                                     const std::string& field,
                                                                     std::int64_t low,
                                                                     std::int64_t high);
// A list of positive ids.
std::variant<std::optional<std::vector<std::int64_t>>, ApiError>
optional_id_list(const nlohmann::json& body, const std::string& field);
// Present-and-null is a value here (e.g. "no digit"); absent is nullopt.
std::variant<std::optional<std::optional<std::int64_t>>, ApiError>
nullable_integer(const nlohmann::json& body, const std::string& field, std::int64_t low,
                 std::int64_t high);

} // namespace waconsole
