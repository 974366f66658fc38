// ETag and conditional GET for static files.
#include "server/api/static_revalidation.hpp"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <string_view>

namespace waconsole {
namespace {

std::string entity_tag(const httplib::Response& res) {
    // libstdc++'s string hash is a fixed function of the bytes (no per-process seed), so the
    // tag survives a restart of the server.
    const auto hash = std::hash<std::string_view>{}(res.body);
    char text[40];
    std::snprintf(text, sizeof(text), "\"%016zx%s\"", hash,
                  res.get_header_value("Content-Encoding") == "gzip" ? "-gz" : "");
    return text;
}

// If-None-Match holds one tag, several separated by commas, or "*".
bool names_tag(const std::string& if_none_match, const std::string& tag) {
    if (if_none_match.empty()) {
        return false;
    }
    if (if_none_match == "*") {
        return true;
    }
    std::size_t start = 0;
    while (start < if_none_match.size()) {
        std::size_t end = if_none_match.find(',', start);
        if (end == std::string::npos) {
            end = if_none_match.size();
        }
        std::string_view item(if_none_match.data() + start, end - start);
        while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) {
            item.remove_prefix(1);
        }
        while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) {
            item.remove_suffix(1);
        }
        if (item.substr(0, 2) == "W/") {
            item.remove_prefix(2);
        }
        if (item == tag) {
            return true;
        }
        start = end + 1;
    }
    return false;
}

bool is_lower_hex(std::string_view text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

} // namespace

bool is_content_named(const std::string& path) {
    const auto slash = path.rfind('/');
    const std::string_view name = slash == std::string::npos
                                      ? std::string_view(path)
                                      : std::string_view(path).substr(slash + 1);
    // The digest is the second dot-separated part: after the stem, before the extension.
    const auto first_dot = name.find('.');
    if (first_dot == std::string_view::npos || first_dot == 0) {
        return false;
    }
    const auto second_dot = name.find('.', first_dot + 1);
    if (second_dot == std::string_view::npos) {
        return false;
    }
    const auto digest = name.substr(first_dot + 1, second_dot - first_dot - 1);
    return digest.size() >= 12 && is_lower_hex(digest) && second_dot + 1 < name.size();
}

void revalidate_static_file(const httplib::Request& req, httplib::Response& res) {
    const std::string tag = entity_tag(res);
    res.set_header("ETag", tag);
    res.set_header("Cache-Control",
                   is_content_named(req.path) ? "public, max-age=31536000, immutable" : "no-cache");
    if (names_tag(req.get_header_value("If-None-Match"), tag)) {
        res.status = 304;
        res.body.clear();
    }
}

} // namespace waconsole
