#include "shared/campaign_variables.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;

TEST_CASE("sample columns name each variable as the sample file's header does") {
    CHECK(sample_column_for_variable("1") == "Var1");
    CHECK(sample_column_for_variable("12") == "Var12");
    CHECK(sample_column_for_variable("first_name") == "first_name");
    CHECK(sample_column_for_variable("header.1") == "Header var1");
    CHECK(sample_column_for_variable("header.shop") == "Header shop");
    CHECK(sample_column_for_variable("button.0") == "Button 1 var");
    CHECK(sample_file_columns({"1", "2", "button.2"}) ==
          std::vector<std::string>{"phone", "name", "Var1", "Var2", "Button 3 var"});
}

TEST_CASE("field names match as headers do: case, outer and repeated spaces ignored") {
    CHECK(field_key("  Order   ID ") == "order id");
    CHECK(field_key("PHONE") == "phone");
    CHECK(field_key("Ñandú") == "Ñandú"); // beyond ASCII, as written
}

TEST_CASE("default bindings take the field named like the variable's column, else typed text") {
    const auto bindings = default_bindings({"1", "2", "city"}, {"phone", "VAR1", "City"});
    CHECK(bindings.at("1").source == VariableSource::field);
    CHECK(bindings.at("1").value == "VAR1");
    CHECK(bindings.at("2").source == VariableSource::text);
    CHECK(bindings.at("2").value.empty());
    CHECK(bindings.at("city").value == "City");
}

TEST_CASE("values resolve from a recipient's fields or typed text") {
    VariableBindings bindings = {{"1", {VariableSource::field, "name"}},
                                 {"2", {VariableSource::text, "20%"}},
                                 {"3", {VariableSource::field, "missing"}}};
    const auto values =
        resolve_variable_values({"1", "2", "3"}, bindings, {{"Name", "Ana"}, {"city", "Vigo"}});
    CHECK(values.at("1") == "Ana");
    CHECK(values.at("2") == "20%");
    CHECK(values.at("3") == "");
}

TEST_CASE("bindings are checked: every variable, known fields, typed text within Meta's rules") {
    const std::vector<std::string> variables = {"1", "2"};
    const std::vector<std::string> fields = {"phone", "name"};
    struct Case {
        VariableBindings bindings;
        std::string field; // "" when accepted
    };
    const std::vector<Case> cases = {
        {{{"1", {VariableSource::field, "name"}}, {"2", {VariableSource::text, "x"}}}, ""},
        {{{"1", {VariableSource::field, "NAME"}}, {"2", {VariableSource::text, "x"}}}, ""},
        {{{"1", {VariableSource::field, "name"}}}, "variables.2"},
        {{{"1", {VariableSource::field, "city"}}, {"2", {VariableSource::text, "x"}}},
         "variables.1"},
        {{{"1", {VariableSource::field, "name"}}, {"2", {VariableSource::text, "  "}}},
         "variables.2"},
        {{{"1", {VariableSource::field, "name"}}, {"2", {VariableSource::text, "a\tb"}}},
         "variables.2"},
        {{{"1", {VariableSource::field, "name"}}, {"2", {VariableSource::text, "a     b"}}},
         "variables.2"},
        {{{"1", {VariableSource::field, "name"}},
          {"2", {VariableSource::text, "x"}},
          {"9", {VariableSource::text, "x"}}},
         "variables.9"},
    };
    for (const auto& item : cases) {
        const auto error = check_bindings(variables, item.bindings, fields);
        INFO("expected field " << item.field);
        if (item.field.empty()) {
            CHECK_FALSE(error);
        } else {
            REQUIRE(error);
            CHECK(error->http_status == 422);
            CHECK(error->fields.at(0).field == item.field);
        }
    }
}

TEST_CASE("bindings travel as JSON and a wrong shape names the variable") {
    VariableBindings bindings = {{"1", {VariableSource::text, "Hola"}}};
    VariableBindings read;
    REQUIRE_FALSE(bindings_from_json(to_json(bindings), read));
    CHECK(read.at("1").source == VariableSource::text);
    CHECK(read.at("1").value == "Hola");
    auto error =
        bindings_from_json(nlohmann::json::parse(R"({"1":{"source":"cell","value":"A"}})"), read);
    REQUIRE(error);
    CHECK(error->fields.at(0).field == "variables.1");
    CHECK(bindings_from_json(nlohmann::json::array(), read)->fields.at(0).field == "variables");
}
