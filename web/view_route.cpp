// The section, page, page size and filters in the URL hash; see view_route.hpp.
#include "view_route.hpp"

#include "app.hpp"
#include "platform/browser.hpp"
#include "platform/url_hash.hpp"
#include "screens/section_table.hpp"
#include "shared/paging.hpp"
#include "shared/xlsx_download.hpp"

#include <algorithm>
#include <charconv>

namespace waconsole {

namespace {

// Parameters the app adds by itself: never part of a view.
bool is_view_param(const std::string& name) {
    return name != kTimeZoneParam;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

std::string percent_decode(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
            hex_value(text[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
            i += 2;
        } else {
            out += text[i] == '+' ? ' ' : text[i];
        }
    }
    return out;
}

std::optional<int> number_param(const QueryParams& params, const char* name) {
    for (const auto& [key, value] : params) {
        int number = 0;
        const auto [end, error] =
            std::from_chars(value.data(), value.data() + value.size(), number);
        if (key == name && error == std::errc() && end == value.data() + value.size()) {
            return number;
        }
    }
    return std::nullopt;
}

} // namespace

ViewRoute parse_view_route(std::string_view hash) {
    if (!hash.empty() && hash.front() == '#') {
        hash.remove_prefix(1);
    }
    ViewRoute route;
    const std::size_t question = hash.find('?');
    route.section = section_from_route(hash.substr(0, question));
    if (question == std::string_view::npos) {
        return route;
    }
    std::string_view rest = hash.substr(question + 1);
    while (!rest.empty()) {
        const std::size_t amp = rest.find('&');
        const std::string_view pair = rest.substr(0, amp);
        rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
        const std::size_t equals = pair.find('=');
        if (equals == std::string_view::npos || equals == 0) {
            continue;
        }
        route.params.emplace_back(percent_decode(pair.substr(0, equals)),
                                  percent_decode(pair.substr(equals + 1)));
    }
    return route;
}

std::string view_route(const App& app, SectionIndex section) {
    std::string route = section_info(section).route;
    const SectionTable* table = app.screens[section]->view_table();
    if (table == nullptr) {
        return route;
    }
    const TableLoader& loader = table->loader;
    QueryParams params;
    if (loader.query.page != 1) {
        params.emplace_back("page", std::to_string(loader.query.page));
    }
    if (loader.query.page_size != PageQuery{}.page_size) {
        params.emplace_back("page_size", std::to_string(loader.query.page_size));
    }
    params.emplace_back("sort", loader.sort); // left out when "" (the table's own order)
    for (const auto& [name, value] : loader.filters) {
        if (is_view_param(name)) {
            params.emplace_back(name, value);
        }
    }
    return route + query_string(params);
}

void restore_view(App& app, SectionIndex section, const QueryParams& params) {
    SectionScreen& screen = *app.screens[section];
    SectionTable* table = screen.view_table();
    if (table == nullptr) {
        return;
    }
    QueryParams filters;
    for (const auto& [name, value] : params) {
        if (name != "page" && name != "page_size" && name != "sort" && is_view_param(name) &&
            !value.empty()) {
            filters.emplace_back(name, value);
        }
    }
    TableLoader& loader = table->loader;
    QueryParams shown;
    for (const auto& [name, value] : loader.filters) {
        if (is_view_param(name) && !value.empty()) {
            shown.emplace_back(name, value);
        }
    }
    if (filters != shown) {
        screen.restore_filters(app, filters);
    }
    const int page_size =
        std::clamp(number_param(params, "page_size").value_or(PageQuery{}.page_size), kMinPageSize,
                   kMaxPageSize);
    const int page = std::max(1, number_param(params, "page").value_or(1));
    const std::string sort = param_value(params, "sort");
    if (sort != loader.sort) {
        loader.sort = sort;
        loader.reload_now = true;
    }
    if (page_size != loader.query.page_size || page != loader.query.page) {
        loader.query.page_size = page_size;
        go_to_page(loader, page);
    }
}

void write_view_route(App& app) {
    std::string title = "Log in · waconsole";
    if (app.user) {
        const std::string route = view_route(app, app.section);
        if (route != app.written_route) {
            app.written_route = route;
            platform::write_url_hash(route, false);
        }
        title = std::string(section_info(app.section).title) + " · waconsole";
    }
    if (title != app.written_title) {
        app.written_title = title;
        platform::set_page_title(title);
    }
}

} // namespace waconsole
