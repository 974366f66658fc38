// Reading and writing the simulator's tunables as JSON for POST /_sim/config.
#include "metasim/sim_config.hpp"

#include "metasim/wa_id.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <set>

namespace waconsole::metasim {
namespace {

using json = nlohmann::json;

// One setter per key keeps the accepted keys and their ranges in a single table.
using Setter = std::function<std::string(SimConfig&, const json&)>;

Setter percent(int SimConfig::*field) {
    return [field](SimConfig& config, const json& value) -> std::string {
        if (!value.is_number() || value.get<double>() < 0 || value.get<double>() > 100) {
            return "must be a number from 0 to 100";
        }
        config.*field = static_cast<int>(value.get<double>());
        return "";
    };
}

Setter non_negative_int(int SimConfig::*field, int max) {
    return [field, max](SimConfig& config, const json& value) -> std::string {
        if (!value.is_number() || value.get<double>() < 0 || value.get<double>() > max) {
            return "must be a number from 0 to " + std::to_string(max);
        }
        config.*field = static_cast<int>(value.get<double>());
        return "";
    };
}

Setter whole_number(int SimConfig::*field, int min, int max) {
    return [field, min, max](SimConfig& config, const json& value) -> std::string {
        if (!value.is_number_integer() || value.get<std::int64_t>() < min ||
            value.get<std::int64_t>() > max) {
            return "must be a whole number from " + std::to_string(min) + " to " +
                   std::to_string(max);
        }
        config.*field = value.get<int>();
        return "";
    };
}

// Numbers are kept as digits and matched against a send's wa_id and the digits of its "to".
Setter number_set(std::unordered_set<std::string> SimConfig::*field) {
    return [field](SimConfig& config, const json& value) -> std::string {
        if (!value.is_array()) {
            return "must be an array of phone numbers";
        }
        std::unordered_set<std::string> numbers;
        for (const auto& number : value) {
            if (!number.is_string()) {
                return "must be an array of phone numbers";
            }
            numbers.insert(digits_only(number.get<std::string>()));
        }
        config.*field = std::move(numbers);
        return "";
    };
}

json sorted(const std::unordered_set<std::string>& numbers) {
    std::set<std::string> ordered(numbers.begin(), numbers.end());
    return json(ordered);
}

Setter non_negative_double(double SimConfig::*field) {
    return [field](SimConfig& config, const json& value) -> std::string {
        if (!value.is_number() || value.get<double>() < 0) {
            return "must be a number of at least 0";
        }
        config.*field = value.get<double>();
        return "";
    };
}

const std::map<std::string, Setter>& setters() {
    static const std::map<std::string, Setter> table = {
        {"mps", non_negative_double(&SimConfig::mps)},
        {"pair_rate_seconds", non_negative_double(&SimConfig::pair_rate_seconds)},
        {"status_delay_ms", non_negative_int(&SimConfig::status_delay_ms, 3'600'000)},
        {"read_percent", percent(&SimConfig::read_percent)},
        {"fail_5xx_percent", percent(&SimConfig::fail_5xx_percent)},
        {"rate_429_percent", percent(&SimConfig::rate_429_percent)},
        {"timeout_percent", percent(&SimConfig::timeout_percent)},
        {"late_answer_percent", percent(&SimConfig::late_answer_percent)},
        {"timeout_hold_ms", non_negative_int(&SimConfig::timeout_hold_ms, 600'000)},
        {"answer_delay_ms", non_negative_int(&SimConfig::answer_delay_ms, 60'000)},
        {"duplicate_webhooks_percent", percent(&SimConfig::duplicate_webhooks_percent)},
        {"webhook_max_attempts", non_negative_int(&SimConfig::webhook_max_attempts, 100)},
        {"webhook_retry_base_ms", non_negative_int(&SimConfig::webhook_retry_base_ms, 3'600'000)},
        {"webhook_timeout_ms", non_negative_int(&SimConfig::webhook_timeout_ms, 600'000)},
        {"traffic_per_minute", non_negative_double(&SimConfig::traffic_per_minute)},
        {"traffic_reply_delay_ms", non_negative_int(&SimConfig::traffic_reply_delay_ms, 3'600'000)},
        {"status_batch_max", whole_number(&SimConfig::status_batch_max, 1, 1000)},
        {"send_log_limit", whole_number(&SimConfig::send_log_limit, 1, 1'000'000'000)},
        {"reorder_webhooks",
         [](SimConfig& config, const json& value) -> std::string {
             if (!value.is_boolean()) {
                 return "must be true or false";
             }
             config.reorder_webhooks = value.get<bool>();
             return "";
         }},
        {"unreachable_numbers", number_set(&SimConfig::unreachable_numbers)},
        {"marketing_stopped_numbers", number_set(&SimConfig::marketing_stopped_numbers)},
        {"marketing_capped_numbers", number_set(&SimConfig::marketing_capped_numbers)},
        {"daily_limit", whole_number(&SimConfig::daily_limit, 0, 1'000'000'000)},
    };
    return table;
}

} // namespace

json to_json(const SimConfig& config) {
    return {{"mps", config.mps},
            {"pair_rate_seconds", config.pair_rate_seconds},
            {"status_delay_ms", config.status_delay_ms},
            {"read_percent", config.read_percent},
            {"unreachable_numbers", sorted(config.unreachable_numbers)},
            {"marketing_stopped_numbers", sorted(config.marketing_stopped_numbers)},
            {"marketing_capped_numbers", sorted(config.marketing_capped_numbers)},
            {"daily_limit", config.daily_limit},
            {"fail_5xx_percent", config.fail_5xx_percent},
            {"rate_429_percent", config.rate_429_percent},
            {"timeout_percent", config.timeout_percent},
            {"late_answer_percent", config.late_answer_percent},
            {"timeout_hold_ms", config.timeout_hold_ms},
            {"answer_delay_ms", config.answer_delay_ms},
            {"duplicate_webhooks_percent", config.duplicate_webhooks_percent},
            {"reorder_webhooks", config.reorder_webhooks},
            {"status_batch_max", config.status_batch_max},
            {"webhook_max_attempts", config.webhook_max_attempts},
            {"webhook_retry_base_ms", config.webhook_retry_base_ms},
            {"webhook_timeout_ms", config.webhook_timeout_ms},
            {"traffic_per_minute", config.traffic_per_minute},
            {"traffic_reply_delay_ms", config.traffic_reply_delay_ms},
            {"send_log_limit", config.send_log_limit}};
}

std::string apply_config_changes(SimConfig& config, const json& changes) {
    if (!changes.is_object()) {
        return "the configuration must be a JSON object";
    }
    SimConfig changed = config;
    for (const auto& [key, value] : changes.items()) {
        const auto setter = setters().find(key);
        if (setter == setters().end()) {
            return "unknown setting " + key;
        }
        const std::string problem = setter->second(changed, value);
        if (!problem.empty()) {
            return key + " " + problem;
        }
    }
    config = std::move(changed);
    return "";
}

std::string ConfigHolder::update(const json& changes, json& result) {
    std::lock_guard<std::mutex> lock(m_mutex);
    SimConfig next = *m_current;
    std::string problem = apply_config_changes(next, changes);
    if (problem.empty()) {
        m_current = std::make_shared<const SimConfig>(std::move(next));
    }
    result = to_json(*m_current);
    return problem;
}

void ConfigHolder::modify(const std::function<void(SimConfig&)>& change) {
    std::lock_guard<std::mutex> lock(m_mutex);
    SimConfig next = *m_current;
    change(next);
    m_current = std::make_shared<const SimConfig>(std::move(next));
}

} // namespace waconsole::metasim
