// The business account's templates: the built-in catalogue or one read from a file, looked up on
// every template send and listed page by page like GET /{waba-id}/message_templates.
// Thread-safe: sends read it while /_sim/templates/status changes it.
#pragma once

#include "metasim/message_template.hpp"

#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace waconsole::metasim {

// A realistic catalogue in the Graph listing's `data` shape (marketing, utility and
// authentication templates in en_US, es_MX, pt_BR and ru, one PAUSED and one DISABLED).
nlohmann::json builtin_templates();

struct TemplateListQuery {
    int limit = 25;
    std::string after;               // cursor: the page after this one
    std::string before;              // cursor: the page before this one
    std::vector<std::string> fields; // empty: every field
    std::string name;                // substring filter, like Meta's `name`
    std::string status;              // exact filter, like Meta's `status`
    std::string url; // the listing's own URL without a query, for paging.next/previous
};

class TemplateCatalogue {
public:
    // `entries` in the Graph listing's `data` shape; throws std::runtime_error when one is invalid.
    explicit TemplateCatalogue(const nlohmann::json& entries);
    // Reads a JSON file holding `data` (an array) or a whole listing ({"data":[...]}).
    static TemplateCatalogue from_file(const std::string& path);

    std::shared_ptr<const MessageTemplate> find(const std::string& name,
                                                const std::string& language) const;
    // Sets the status of the template(s) with this name, in one language or all when `language`
    // is empty; returns what changed (empty when nothing matched).
    std::vector<std::shared_ptr<const MessageTemplate>>
    set_status(const std::string& name, const std::string& language, const std::string& status);

    // One page of the listing, or nullopt with `error` set when a cursor or the limit is invalid.
    std::optional<nlohmann::json> list(const TemplateListQuery& query, std::string& error) const;

private:
    mutable std::shared_mutex m_mutex;
    std::vector<std::shared_ptr<const MessageTemplate>> m_templates; // listing order
    std::unordered_map<std::string, std::size_t> m_by_key;           // name + '\n' + language
};

} // namespace waconsole::metasim
