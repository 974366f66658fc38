// Variable bindings of a campaign: defaults, resolution for one recipient, checks, JSON.
#include "shared/campaign_variables.hpp"

#include "shared/template_text.hpp"

namespace waconsole {
namespace {

bool all_digits(const std::string& text) {
    return !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
}

const std::string* find_field(const std::map<std::string, std::string>& fields,
                              const std::string& name) {
    const auto exact = fields.find(name);
    if (exact != fields.end()) {
        return &exact->second;
    }
    const std::string key = field_key(name);
    for (const auto& [field, value] : fields) {
        if (field_key(field) == key) {
            return &value;
        }
    }
    return nullptr;
}

} // namespace

std::string sample_column_for_variable(const std::string& variable) {
    if (variable.rfind("header.", 0) == 0) {
        const auto name = variable.substr(7);
        return "Header " + (all_digits(name) ? "var" + name : name);
    }
    if (variable.rfind("button.", 0) == 0) {
        const auto index = variable.substr(7);
        return all_digits(index) ? "Button " + std::to_string(std::stoi(index) + 1) + " var"
                                 : "Button " + index + " var";
    }
    return all_digits(variable) ? "Var" + variable : variable;
}

std::vector<std::string> sample_file_columns(const std::vector<std::string>& variables) {
    std::vector<std::string> columns = {"phone", "name"};
    for (const auto& variable : variables) {
        columns.push_back(sample_column_for_variable(variable));
    }
    return columns;
}

std::string field_key(const std::string& name) {
    std::string key;
    bool pending_space = false;
    for (std::size_t at = 0; at < name.size(); ++at) {
        const char c = name[at];
        const bool nbsp = c == '\xC2' && at + 1 < name.size() && name[at + 1] == '\xA0';
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || nbsp) {
            pending_space = !key.empty();
            at += nbsp ? 1 : 0;
            continue;
        }
        if (pending_space) {
            key.push_back(' ');
            pending_space = false;
        }
        key.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
    return key;
}

VariableBindings default_bindings(const std::vector<std::string>& variables,
                                  const std::vector<std::string>& fields) {
    VariableBindings bindings;
    for (const auto& variable : variables) {
        VariableBinding binding{VariableSource::text, ""};
        for (const auto& wanted : {sample_column_for_variable(variable), variable}) {
            for (const auto& field : fields) {
                if (binding.source == VariableSource::text &&
                    field_key(field) == field_key(wanted)) {
                    binding = {VariableSource::field, field};
                }
            }
        }
        bindings[variable] = binding;
    }
    return bindings;
}

std::map<std::string, std::string>
resolve_variable_values(const std::vector<std::string>& variables, const VariableBindings& bindings,
                        const std::map<std::string, std::string>& fields) {
    std::map<std::string, std::string> values;
    for (const auto& variable : variables) {
        const auto binding = bindings.find(variable);
        if (binding == bindings.end()) {
            continue;
        }
        if (binding->second.source == VariableSource::text) {
            values[variable] = binding->second.value;
        } else if (const auto* value = find_field(fields, binding->second.value)) {
            values[variable] = *value;
        } else {
            values[variable] = "";
        }
    }
    return values;
}

std::optional<ApiError> check_bindings(const std::vector<std::string>& variables,
                                       const VariableBindings& bindings,
                                       const std::vector<std::string>& available_fields) {
    for (const auto& variable : variables) {
        const std::string field = "variables." + variable;
        const auto binding = bindings.find(variable);
        if (binding == bindings.end()) {
            return validation_error(
                field, "{{" + variable + "}} has no value: pick a field or type a text", 422);
        }
        const auto& value = binding->second.value;
        if (binding->second.source == VariableSource::text) {
            if (value.find_first_not_of(' ') == std::string::npos) {
                return validation_error(
                    field, "{{" + variable + "}} is empty: type a text or pick a field", 422);
            }
            if (has_forbidden_parameter_characters(value)) {
                return validation_error(
                    field,
                    "{{" + variable +
                        "}} holds a line break, a tab or more than 4 spaces in a "
                        "row, which WhatsApp refuses",
                    422);
            }
            continue;
        }
        bool known = false;
        for (const auto& available : available_fields) {
            known = known || field_key(available) == field_key(value);
        }
        if (!known) {
            return validation_error(field,
                                    "{{" + variable + "}} takes the field \"" + value +
                                        "\", which the recipients do not have",
                                    422);
        }
    }
    for (const auto& [variable, binding] : bindings) {
        bool used = false;
        for (const auto& name : variables) {
            used = used || name == variable;
        }
        if (!used) {
            return validation_error("variables." + variable,
                                    "the template has no variable {{" + variable + "}}", 422);
        }
    }
    return std::nullopt;
}

nlohmann::json to_json(const VariableBindings& bindings) {
    auto json = nlohmann::json::object();
    for (const auto& [variable, binding] : bindings) {
        json[variable] = {{"source", binding.source == VariableSource::text ? "text" : "field"},
                          {"value", binding.value}};
    }
    return json;
}

std::optional<ApiError> bindings_from_json(const nlohmann::json& json, VariableBindings& bindings) {
    if (!json.is_object()) {
        return validation_error("variables", "must be an object of variable bindings", 422);
    }
    VariableBindings read;
    for (const auto& [variable, item] : json.items()) {
        const std::string field = "variables." + variable;
        if (!item.is_object() || !item.contains("source") || !item["source"].is_string() ||
            !item.contains("value") || !item["value"].is_string()) {
            return validation_error(
                field, "must be {\"source\":\"field\"|\"text\",\"value\":\"...\"}", 422);
        }
        const auto source = item["source"].get<std::string>();
        if (source != "field" && source != "text") {
            return validation_error(field, "source must be \"field\" or \"text\"", 422);
        }
        read[variable] = {source == "text" ? VariableSource::text : VariableSource::field,
                          item["value"].get<std::string>()};
    }
    bindings = std::move(read);
    return std::nullopt;
}

} // namespace waconsole
