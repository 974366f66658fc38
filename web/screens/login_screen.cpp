// Login: a centred card. POST /api/login {"email","password"} -> {"token","user"}.
#include "screens/login_screen.hpp"

#include "app.hpp"
#include "json_fields.hpp"

#include <imgui_stdlib.h>

namespace waconsole {

namespace {

void submit(LoginScreen& screen, App& app) {
    if (screen.request.loading()) {
        return;
    }
    if (screen.email.empty() || screen.password.empty()) {
        screen.error = "Enter your email and password.";
        return;
    }
    screen.error.clear();
    screen.request.start(
        api_post(app.api, "/api/login", {{"email", screen.email}, {"password", screen.password}}));
}

void take_answer(LoginScreen& screen, App& app) {
    auto response = screen.request.take_response();
    if (!response) {
        return;
    }
    if (!response->ok()) {
        // A 401 here is a wrong email or password, not an expired session.
        screen.error = error_message(*response);
        screen.password.clear();
        screen.focus_email = false;
        return;
    }
    const nlohmann::json body = parse_answer(response->body);
    const std::string token = text_field(body, "token");
    const nlohmann::json& user_json = member(body, "user");
    if (token.empty() || !user_json.is_object()) {
        screen.error = "The server's answer to the login could not be read.";
        return;
    }
    const User user = user_json.get<User>();
    if (user.role != "admin") {
        // Agents may use the API (their desk), never this menu: their session is given back.
        platform::HttpCall logout = api_post(app.api, "/api/logout", nlohmann::json::object());
        logout.headers.emplace_back("Authorization", "Bearer " + token);
        screen.refused_logout.start(std::move(logout));
        screen.error = kAdminsOnly;
        screen.password.clear();
        return;
    }
    begin_session(app, token, user);
}

} // namespace

void draw(LoginScreen& screen, App& app) {
    take_answer(screen, app);
    if (app.screen != Screen::login) {
        return; // logged in just now; the menu draws from the next frame
    }

    const ImVec2 area = ImGui::GetContentRegionAvail();
    const ImVec2 card(std::min(area.x - em(2), em(24)), em(21.5f));
    ImGui::SetCursorPos(ImVec2(std::max(em(1), (area.x - card.x) * 0.5f),
                               std::max(em(1), (area.y - card.y) * 0.42f)));

    ImGui::PushStyleColor(ImGuiCol_ChildBg, palette::kSurface);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(em(2), em(1.75f)));
    ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, em(0.6f));
    ImGui::BeginChild("##login_card", card, true, ImGuiWindowFlags_NoScrollbar);

    ImGui::PushFont(app.fonts.title);
    ImGui::TextUnformatted("waconsole");
    ImGui::PopFont();
    ImGui::TextDisabled("WhatsApp menu for administrators");
    ImGui::Dummy(ImVec2(0, em(0.75f)));

    const bool checking = app.session_check.loading();
    const bool busy = checking || screen.request.loading();
    bool submitted = false;
    ImGui::BeginDisabled(busy);

    ImGui::TextUnformatted("Email");
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (screen.focus_email && !busy) {
        ImGui::SetKeyboardFocusHere();
        screen.focus_email = false;
    }
    submitted |= ImGui::InputTextWithHint("##email", "name@company.com", &screen.email,
                                          ImGuiInputTextFlags_EnterReturnsTrue |
                                              ImGuiInputTextFlags_CharsNoBlank);
    app.widgets.record_last_item("login.email");

    ImGui::TextUnformatted("Password");
    ImGui::SetNextItemWidth(-FLT_MIN);
    submitted |=
        ImGui::InputText("##password", &screen.password,
                         ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
    app.widgets.record_last_item("login.password");

    ImGui::Dummy(ImVec2(0, em(0.25f)));
    const char* label = checking                   ? "Checking your session…###submit"
                        : screen.request.loading() ? "Logging in…###submit"
                                                   : "Log in###submit";
    submitted |= primary_button(label, ImVec2(-FLT_MIN, em(2.2f)));
    app.widgets.record_last_item("login.submit");
    ImGui::EndDisabled();

    if (!screen.error.empty()) {
        ImGui::Dummy(ImVec2(0, em(0.1f)));
        ImGui::PushStyleColor(ImGuiCol_Text, palette::kErrorText);
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(screen.error.c_str());
        app.widgets.record_last_item("login.error");
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
    }

    ImGui::EndChild();
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor();

    if (submitted && !busy) {
        submit(screen, app);
    }
}

} // namespace waconsole
