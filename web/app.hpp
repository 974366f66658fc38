// The application state: the session, which screen and section are open, the screens themselves,
// and the per-frame services they share (fonts, toasts, widget rectangles). Screens get an App&
// and change it through the functions below.
#pragma once

#include "api_client.hpp"
#include "live_feed.hpp"
#include "screens/info_dialog.hpp"
#include "screens/login_screen.hpp"
#include "screens/menu.hpp"
#include "screens/section_screen.hpp"
#include "screens/transfer_dialog.hpp"
#include "sections.hpp"
#include "team_data.hpp"
#include "theme.hpp"
#include "widgets/toast.hpp"
#include "widgets/widget_rects.hpp"

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace waconsole {

struct User {
    long long id = 0;
    std::string name;
    std::string email;
    std::string role;
};

void from_json(const nlohmann::json& in, User& user);
void to_json(nlohmann::json& out, const User& user);

enum class Screen { login, menu };

// A new screen for every section, in the order of all_sections().
std::vector<std::unique_ptr<SectionScreen>> make_section_screens();

struct App {
    ApiClient api;
    std::optional<User> user; // set while logged in
    Screen screen = Screen::login;
    SectionIndex section = kFirstSection;
    // The section (and its table's view) a bookmark or reload asked for before the login; opened
    // after it.
    std::optional<SectionIndex> wanted_section;
    QueryParams wanted_params;
    // Logged in with no section asked for nor used before: the first section, left for the
    // busiest live one when the menu's counts first arrive, unless a section was opened meanwhile.
    bool leave_for_busiest = false;
    int seen_hash_changes = -1;
    std::string written_route; // the last hash and title written (view_route.hpp)
    std::string written_title;
    // GET /api/me at start: with the token this tab kept from before a reload, or with the
    // session cookie when it kept none (another tab of the browser logged in).
    platform::Request session_check;
    bool session_check_by_cookie = false;

    LiveFeed live;      // what changed on the server; every view refetches from it
    TeamData team_data; // /api/team, shared by Team and the agent picker of History

    LoginScreen login;
    Menu menu;
    // One screen per section, in the order of all_sections(); made anew for every session.
    std::vector<std::unique_ptr<SectionScreen>> screens = make_section_screens();
    // Dialogs over every section.
    TransferDialog transfer;
    InfoDialog info;

    Fonts fonts;
    Toasts toasts;
    WidgetRects widgets;
    float pixel_ratio = 1;
    bool ready = false; // fonts loaded and the first frame drawn
    // How long the last frames took to build and render, in ms, oldest first (test hook).
    std::array<float, 120> frame_ms{};
    std::size_t frame_ms_count = 0;
};

// Reads the API base, a kept session and the URL hash. Call once before the first frame.
void start(App& app);
// Background work between drawn frames (the change feed's poll). Returns true when something
// changed that the screens must see: the caller draws a frame then.
bool tick(App& app);
// One frame of UI, filling the display.
void draw(App& app);

// The screen of the open section.
SectionScreen& current_screen(const App& app);

// Records how long a frame took (main.cpp), for the test hook.
void record_frame_time(App& app, float milliseconds);

// Opens a section; push adds a browser history entry (the user clicked), otherwise the current
// entry is replaced.
void open_section(App& app, SectionIndex section, bool push);
void begin_session(App& app, std::string token, User user);
// Forgets the session locally and shows the login screen; `message` is shown there if not empty.
void end_session(App& app, const std::string& message);
// Every answer of an authenticated call goes through here: a 401 means the session is gone.
// Returns true when it ended the session.
bool end_session_if_unauthorized(App& app, const platform::HttpResponse& response);

} // namespace waconsole
