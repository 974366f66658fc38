// [SECTION] index: user JSON, session, URL hash routing, layout, draw.
#include "app.hpp"

#include "json_fields.hpp"
#include "platform/browser.hpp"
#include "platform/url_hash.hpp"
#include "view_route.hpp"

#include <imgui.h>

namespace waconsole {

namespace {

// sessionStorage key of the bearer token: survives a reload of this tab, not the tab itself.
constexpr const char* kTokenKey = "waconsole.token";
// localStorage key of the section last opened in this browser: where the next login starts.
constexpr const char* kLastSectionKey = "waconsole.last_section";

// [SECTION] URL hash routing: the hash follows the section; logged out it is #/login and the
// section asked for is remembered for after the login.

void follow_url_hash(App& app) {
    const int changes = platform::url_hash_change_count();
    if (changes == app.seen_hash_changes) {
        return;
    }
    app.seen_hash_changes = changes;
    const std::string hash = platform::read_url_hash();
    const ViewRoute route = parse_view_route(hash);
    const std::optional<SectionIndex> section = route.section;
    if (!app.user) {
        if (section) {
            app.wanted_section = section;
            app.wanted_params = route.params;
        }
        // While a kept session is being checked the URL stays as it is: a reload of #/active
        // should not flash #/login.
        if (hash != kLoginRoute && !app.session_check.loading()) {
            platform::write_url_hash(kLoginRoute, false);
        }
        return;
    }
    if (hash == app.written_route) {
        return; // our own write
    }
    if (section) {
        if (*section != app.section) {
            open_section(app, *section, false);
        }
        restore_view(app, *section, route.params);
    } else {
        app.written_route.clear(); // the frame's end writes the view again
    }
}

// [SECTION] session restore after a reload

void take_session_check(App& app) {
    auto response = app.session_check.take_response();
    if (!response) {
        return;
    }
    if (!response->ok()) {
        // A stale token ends quietly; an unreachable server keeps the login screen with a note.
        end_session(app, response->status == 401 ? "" : error_message(*response));
        return;
    }
    const bool by_cookie = app.session_check_by_cookie;
    const nlohmann::json body = parse_answer(response->body);
    const nlohmann::json& user = member(body, "user").is_object() ? member(body, "user") : body;
    if (!user.is_object()) {
        end_session(app, "");
        return;
    }
    const User checked = user.get<User>();
    if (checked.role != "admin") {
        // An agent's cookie from their desk is not a reason to say anything here.
        end_session(app, by_cookie ? "" : kAdminsOnly);
        return;
    }
    begin_session(app, app.api.token, checked);
}

// [SECTION] layout

void draw_section_title(const App& app, const SectionInfo& info) {
    ImGui::PushFont(app.fonts.title);
    ImGui::TextUnformatted(info.title);
    ImGui::PopFont();
    ImGui::TextDisabled("%s", info.description);
    ImGui::Dummy(ImVec2(0, em(0.3f)));
}

void draw_content(App& app) {
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(em(1.75f), em(1.25f)));
    ImGui::BeginChild("##content", ImVec2(0, 0), false, ImGuiWindowFlags_AlwaysUseWindowPadding);
    ImGui::PopStyleVar();
    const SectionInfo& info = section_info(app.section);
    draw_section_title(app, info);
    current_screen(app).draw_screen(app);
    ImGui::EndChild();
}

// Everything a session saw, forgotten: the next person to log in must not see its rows.
void forget_session_views(App& app) {
    app.live = LiveFeed{};
    app.menu.counts = MenuCounts{};
    app.team_data = TeamData{};
    app.screens = make_section_screens();
    app.transfer = TransferDialog{};
    app.info = InfoDialog{};
}

void draw_menu(App& app) {
    draw_header(app.menu, app);
    if (!app.user) {
        return; // logged out by the header
    }
    ImGui::SetCursorPos(ImVec2(0, ImGui::GetCursorPosY() - ImGui::GetStyle().ItemSpacing.y));
    draw_sidebar(app.menu, app);
    ImGui::SameLine(0, 0);
    if (app.user) {
        draw_content(app);
    }
}

} // namespace

// [SECTION] user JSON

void from_json(const nlohmann::json& in, User& user) {
    user.id = number_field(in, "id").value_or(0);
    user.name = text_field(in, "name");
    user.email = text_field(in, "email");
    user.role = text_field(in, "role");
}

void to_json(nlohmann::json& out, const User& user) {
    out = {{"id", user.id}, {"name", user.name}, {"email", user.email}, {"role", user.role}};
}

// [SECTION] session

void start(App& app) {
    app.api.base_url = platform::api_base();
    platform::watch_url_hash();
    if (const auto section = section_from_route(platform::read_url_hash())) {
        app.wanted_section = section;
    }
    // Without a token of this tab the session cookie answers, if the browser has one: a second
    // tab opens logged in. A hosted UI on another origin sends no cookie and gets a quiet 401.
    app.api.token = platform::session_get(kTokenKey);
    app.session_check_by_cookie = app.api.token.empty();
    app.session_check.start(api_get(app.api, "/api/me"));
}

void begin_session(App& app, std::string token, User user) {
    app.api.token = std::move(token);
    platform::session_set(kTokenKey, app.api.token);
    app.user = std::move(user);
    app.screen = Screen::menu;
    app.login = LoginScreen{};
    app.login.email = app.user->email;
    // The section asked for, else the one last used in this browser, else the busiest live one
    // (the first until the menu's counts say which; menu.cpp).
    std::optional<SectionIndex> section = app.wanted_section;
    if (!section) {
        section = section_from_route(platform::local_get(kLastSectionKey));
    }
    open_section(app, section.value_or(kFirstSection), false);
    app.leave_for_busiest = !section;
    if (app.wanted_section) {
        restore_view(app, app.section, app.wanted_params);
    }
    app.wanted_section.reset();
    app.wanted_params.clear();
}

void end_session(App& app, const std::string& message) {
    if (app.user) {
        app.wanted_section = app.section;
        app.wanted_params = parse_view_route(view_route(app, app.section)).params;
    }
    app.written_route.clear();
    app.api.token.clear();
    platform::session_remove(kTokenKey);
    app.user.reset();
    app.screen = Screen::login;
    forget_session_views(app);
    app.login.error = message;
    app.login.password.clear();
    app.login.focus_email = true;
    platform::write_url_hash(kLoginRoute, false);
}

bool end_session_if_unauthorized(App& app, const platform::HttpResponse& response) {
    if (response.status != 401 || !app.user) {
        return false;
    }
    end_session(app, "Your session has ended. Log in again.");
    return true;
}

std::vector<std::unique_ptr<SectionScreen>> make_section_screens() {
    std::vector<std::unique_ptr<SectionScreen>> screens;
    for (const SectionInfo& info : all_sections()) {
        screens.push_back(info.make_screen());
    }
    return screens;
}

SectionScreen& current_screen(const App& app) {
    return *app.screens[app.section];
}

void record_frame_time(App& app, float milliseconds) {
    if (app.frame_ms_count == app.frame_ms.size()) {
        std::copy(app.frame_ms.begin() + 1, app.frame_ms.end(), app.frame_ms.begin());
        --app.frame_ms_count;
    }
    app.frame_ms[app.frame_ms_count++] = milliseconds;
}

void open_section(App& app, SectionIndex section, bool push) {
    // Any section opened (a click, a link, back / forward) is where the user wants to be.
    app.leave_for_busiest = false;
    section = section < all_sections().size() ? section : kFirstSection;
    // A section shown again is fetched afresh (its page, size and filters are kept).
    if (section != app.section) {
        app.screens[section]->shown(app);
    }
    app.section = section;
    app.written_route = view_route(app, section);
    platform::write_url_hash(app.written_route, push);
    platform::local_set(kLastSectionKey, section_info(section).route);
}

// [SECTION] draw

bool tick(App& app) {
    return app.user && update(app.live, app);
}

void draw(App& app) {
    follow_url_hash(app);
    take_session_check(app);

    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::Begin("##app", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
    ImGui::PopStyleVar();
    if (app.screen == Screen::login) {
        draw(app.login, app);
    } else {
        draw_menu(app);
    }
    ImGui::End();

    // Dialogs over the page; drawn every frame so one closed from elsewhere never lingers.
    draw(app.transfer, app);
    draw(app.info, app);
    if (app.screen == Screen::menu && app.user) {
        current_screen(app).draw_dialogs(app);
    }
    draw_toasts(app.toasts, platform::now_seconds());
    write_view_route(app);
}

} // namespace waconsole
