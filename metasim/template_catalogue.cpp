// Template look-up, status changes and the paged Graph listing.
#include "metasim/template_catalogue.hpp"

#include <fstream>
#include <mutex>
#include <openssl/evp.h>
#include <sstream>
#include <stdexcept>

namespace waconsole::metasim {
namespace {

using json = nlohmann::json;

std::string key_of(const std::string& name, const std::string& language) {
    return name + '\n' + language;
}

// Cursors are opaque to clients, as Meta's are: base64 of the template id at the page edge.
std::string encode_cursor(const std::string& id) {
    std::string out(4 * ((id.size() + 2) / 3) + 1, '\0');
    const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                        reinterpret_cast<const unsigned char*>(id.data()),
                                        static_cast<int>(id.size()));
    out.resize(static_cast<std::size_t>(written));
    return out;
}

std::optional<std::string> decode_cursor(const std::string& cursor) {
    if (cursor.empty() || cursor.size() % 4 != 0) {
        return std::nullopt;
    }
    std::string out(cursor.size(), '\0');
    const int written = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                        reinterpret_cast<const unsigned char*>(cursor.data()),
                                        static_cast<int>(cursor.size()));
    if (written < 0) {
        return std::nullopt;
    }
    out.resize(static_cast<std::size_t>(written));
    // EVP_DecodeBlock keeps the zero bytes that stand for padding.
    while (!out.empty() && out.back() == '\0') {
        out.pop_back();
    }
    return out;
}

json project(const json& listing, const std::vector<std::string>& fields) {
    if (fields.empty()) {
        return listing;
    }
    json out = json::object();
    out["id"] = listing.at("id");
    for (const auto& field : fields) {
        if (listing.contains(field)) {
            out[field] = listing.at(field);
        }
    }
    return out;
}

std::string page_url(const TemplateListQuery& query, const char* cursor_key,
                     const std::string& cursor) {
    std::string url = query.url + "?";
    if (!query.fields.empty()) {
        url += "fields=";
        for (std::size_t i = 0; i < query.fields.size(); ++i) {
            url += (i ? "," : "") + query.fields[i];
        }
        url += "&";
    }
    // Cursors are base64: '+', '/' and '=' must be escaped inside a query string.
    std::string escaped;
    for (const char c : cursor) {
        escaped += c == '+' ? "%2B" : c == '/' ? "%2F" : c == '=' ? "%3D" : std::string(1, c);
    }
    return url + "limit=" + std::to_string(query.limit) + "&" + cursor_key + "=" + escaped;
}

} // namespace

TemplateCatalogue::TemplateCatalogue(const json& entries) {
    const json& data =
        entries.is_object() && entries.contains("data") ? entries.at("data") : entries;
    if (!data.is_array()) {
        throw std::runtime_error("templates must be a JSON array (the listing's data)");
    }
    for (const auto& entry : data) {
        auto tpl = std::make_shared<const MessageTemplate>(parse_template(entry));
        const std::string key = key_of(tpl->name, tpl->language);
        if (m_by_key.count(key)) {
            throw std::runtime_error("template " + tpl->name + " (" + tpl->language +
                                     ") appears twice");
        }
        m_by_key.emplace(key, m_templates.size());
        m_templates.push_back(std::move(tpl));
    }
}

TemplateCatalogue TemplateCatalogue::from_file(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        throw std::runtime_error("cannot read the templates file " + path);
    }
    try {
        return TemplateCatalogue(json::parse(in));
    } catch (const json::exception& e) {
        throw std::runtime_error("the templates file " + path + " is not valid: " + e.what());
    }
}

std::shared_ptr<const MessageTemplate> TemplateCatalogue::find(const std::string& name,
                                                               const std::string& language) const {
    std::shared_lock<std::shared_mutex> lock(m_mutex);
    const auto found = m_by_key.find(key_of(name, language));
    return found == m_by_key.end() ? nullptr : m_templates[found->second];
}

std::vector<std::shared_ptr<const MessageTemplate>>
TemplateCatalogue::set_status(const std::string& name, const std::string& language,
                              const std::string& status) {
    std::unique_lock<std::shared_mutex> lock(m_mutex);
    std::vector<std::shared_ptr<const MessageTemplate>> changed;
    for (auto& tpl : m_templates) {
        if (tpl->name != name || (!language.empty() && tpl->language != language)) {
            continue;
        }
        // Templates are immutable once shared: a send holding the old one keeps a valid object.
        auto updated = std::make_shared<MessageTemplate>(*tpl);
        updated->status = status;
        updated->listing["status"] = status;
        tpl = updated;
        changed.push_back(updated);
    }
    return changed;
}

std::optional<json> TemplateCatalogue::list(const TemplateListQuery& query,
                                            std::string& error) const {
    if (query.limit < 1 || query.limit > 1000) {
        error = "limit must be between 1 and 1000";
        return std::nullopt;
    }
    std::shared_lock<std::shared_mutex> lock(m_mutex);
    std::vector<const MessageTemplate*> matching;
    for (const auto& tpl : m_templates) {
        if ((query.name.empty() || tpl->name.find(query.name) != std::string::npos) &&
            (query.status.empty() || tpl->status == query.status)) {
            matching.push_back(tpl.get());
        }
    }
    auto position_of = [&](const std::string& cursor) -> std::optional<std::size_t> {
        const auto id = decode_cursor(cursor);
        for (std::size_t i = 0; id && i < matching.size(); ++i) {
            if (matching[i]->id == *id) {
                return i;
            }
        }
        return std::nullopt;
    };
    std::size_t first = 0;
    std::size_t end = 0;
    if (!query.after.empty()) {
        const auto at = position_of(query.after);
        if (!at) {
            error = "the after cursor is not valid";
            return std::nullopt;
        }
        first = *at + 1;
        end = std::min(matching.size(), first + static_cast<std::size_t>(query.limit));
    } else if (!query.before.empty()) {
        const auto at = position_of(query.before);
        if (!at) {
            error = "the before cursor is not valid";
            return std::nullopt;
        }
        end = *at;
        first = end > static_cast<std::size_t>(query.limit) ? end - query.limit : 0;
    } else {
        end = std::min(matching.size(), static_cast<std::size_t>(query.limit));
    }
    json data = json::array();
    for (std::size_t i = first; i < end; ++i) {
        data.push_back(project(matching[i]->listing, query.fields));
    }
    json body = {{"data", data}};
    if (first < end) {
        const std::string before = encode_cursor(matching[first]->id);
        const std::string after = encode_cursor(matching[end - 1]->id);
        json paging = {{"cursors", {{"before", before}, {"after", after}}}};
        if (end < matching.size()) {
            paging["next"] = page_url(query, "after", after);
        }
        if (first > 0) {
            paging["previous"] = page_url(query, "before", before);
        }
        body["paging"] = paging;
    }
    return body;
}

} // namespace waconsole::metasim
