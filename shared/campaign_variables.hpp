// How a campaign's template variables get their values: each {{variable}} is bound to a field of
// the recipient (a column of the uploaded file, or a customer field such as name or e-mail) or to
// text typed by hand. The wizard's live preview and the server's review resolve values with the
// same functions, so what the preview shows is what Confirm stores.
#pragma once

#include "shared/api_error.hpp"

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace waconsole {

enum class VariableSource { field, text };

struct VariableBinding {
    VariableSource source = VariableSource::field;
    std::string value; // the field's name, or the typed text
};

// variable name ("1", "first_name") → its binding
using VariableBindings = std::map<std::string, VariableBinding>;

// The column the sample file gives a variable: "Var1" for {{1}}, the name itself for {{name}}.
std::string sample_column_for_variable(const std::string& variable);
// The sample file's header: phone, name, then one column per variable.
std::vector<std::string> sample_file_columns(const std::vector<std::string>& variables);

// Field names are compared as headers are: case and surrounding spaces ignored.
std::string field_key(const std::string& name);

// A binding for every variable: the field named like the variable's sample column (or the
// variable itself) when there is one, else empty typed text for the person to fill in.
VariableBindings default_bindings(const std::vector<std::string>& variables,
                                  const std::vector<std::string>& fields);

// The values of one recipient: each variable's field (looked up by field_key in `fields`,
// "" when the recipient lacks it) or its typed text.
std::map<std::string, std::string>
resolve_variable_values(const std::vector<std::string>& variables, const VariableBindings& bindings,
                        const std::map<std::string, std::string>& fields);

// Every variable bound, fields among `available_fields`, typed text within Meta's parameter
// rules. The error names "variables.<name>" (422).
std::optional<ApiError> check_bindings(const std::vector<std::string>& variables,
                                       const VariableBindings& bindings,
                                       const std::vector<std::string>& available_fields);

nlohmann::json to_json(const VariableBindings& bindings);
// {"1":{"source":"field","value":"Var1"},...}; an error naming "variables" or
// "variables.<name>" when the shape is wrong.
std::optional<ApiError> bindings_from_json(const nlohmann::json& json, VariableBindings& bindings);

} // namespace waconsole
