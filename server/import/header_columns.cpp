// Header matching for match_header.
#include "server/import/header_columns.hpp"

#include "shared/campaign_variables.hpp"

namespace waconsole {

std::string header_key(std::string_view name) {
    return field_key(std::string(name));
}

HeaderMatch match_header(const std::vector<std::string>& header,
                         const std::vector<WantedColumn>& wanted) {
    std::vector<std::string> keys;
    keys.reserve(header.size());
    for (const auto& name : header) {
        keys.push_back(header_key(name));
    }
    HeaderMatch match;
    for (const auto& column : wanted) {
        const std::string key = header_key(column.name);
        std::optional<std::size_t> found;
        for (std::size_t at = 0; at < keys.size() && !found; ++at) {
            if (keys[at] == key) {
                found = at;
            }
        }
        match.index.push_back(found);
        if (!found && column.required) {
            match.missing_required.push_back(column.name);
        }
    }
    return match;
}

} // namespace waconsole
