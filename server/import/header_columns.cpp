// Header matching for match_header.
#include "server/import/header_columns.hpp"

namespace waconsole {

std::string header_key(std::string_view name) {
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
