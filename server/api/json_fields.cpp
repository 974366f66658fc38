// Typed optional fields.
#include "server/api/json_fields.hpp"

namespace waconsole {
namespace {

std::optional<std::int64_t> whole_number_in(const nlohmann::json& value, std::int64_t low,
                                            std::int64_t high) {
    if (!value.is_number_integer()) {
        return std::nullopt;
    }
    if (value.is_number_unsigned() &&
        value.get<std::uint64_t>() > static_cast<std::uint64_t>(high)) {
        return std::nullopt;
    }
    const auto number = value.get<std::int64_t>();
    if (number < low || number > high) {
        return std::nullopt;
    }
    return number;
}

std::string range_text(std::int64_t low, std::int64_t high) {
    return "must be a whole number from " + std::to_string(low) + " to " + std::to_string(high);
}

} // namespace

std::variant<std::optional<std::string>, ApiError> optional_string(const nlohmann::json& body,
                                                                   const std::string& field) {
    const auto it = body.find(field);
    if (it == body.end() || it->is_null()) {
        return std::optional<std::string>();
    }
    if (!it->is_string()) {
        return validation_error(field, "must be a string", 422);
    }
    return std::optional<std::string>(it->get<std::string>());
}

std::variant<std::optional<std::int64_t>, ApiError> optional_integer(const nlohmann::json& body,
                                                                     const std::string& field,
                                                                     std::int64_t low,
                                                                     std::int64_t high) {
    const auto it = body.find(field);
    if (it == body.end() || it->is_null()) {
        return std::optional<std::int64_t>();
    }
    const auto number = whole_number_in(*it, low, high);
    if (!number) {
        return validation_error(field, range_text(low, high), 422);
    }
    return number;
}

std::variant<std::optional<std::vector<std::int64_t>>, ApiError>
optional_id_list(const nlohmann::json& body, const std::string& field) {
    const auto it = body.find(field);
    if (it == body.end() || it->is_null()) {
        return std::optional<std::vector<std::int64_t>>();
    }
    if (!it->is_array()) {
        return validation_error(field, "must be a list of ids", 422);
    }
    std::vector<std::int64_t> ids;
    for (std::size_t i = 0; i < it->size(); ++i) {
        const auto id = whole_number_in((*it)[i], 1, INT64_MAX);
        if (!id) {
            return validation_error(field + "[" + std::to_string(i) + "]", "must be an id", 422);
        }
        ids.push_back(*id);
    }
    return std::optional<std::vector<std::int64_t>>(std::move(ids));
}

std::variant<std::optional<std::optional<std::int64_t>>, ApiError>
nullable_integer(const nlohmann::json& body, const std::string& field, std::int64_t low,
                 std::int64_t high) {
    const auto it = body.find(field);
    if (it == body.end()) {
        return std::optional<std::optional<std::int64_t>>();
    }
    if (it->is_null()) {
        return std::optional<std::optional<std::int64_t>>(std::optional<std::int64_t>());
    }
    const auto number = whole_number_in(*it, low, high);
    if (!number) {
        return validation_error(field, range_text(low, high) + ", or null", 422);
    }
    return std::optional<std::optional<std::int64_t>>(number);
}

} // namespace waconsole
