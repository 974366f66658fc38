// Held-back key releases and typing after a click; see input_order.hpp.
#include "input_order.hpp"

#include <algorithm>
#include <cmath>
#include <imgui_impl_glfw.h>

namespace waconsole {

namespace {
InputOrder& self_of(GLFWwindow* window) {
    return *static_cast<InputOrder*>(glfwGetWindowUserPointer(window));
}
} // namespace

void InputOrder::install(GLFWwindow* window) {
    m_window = window;
    glfwSetWindowUserPointer(window, this);
    glfwSetKeyCallback(window, &InputOrder::on_key);
    glfwSetCharCallback(window, &InputOrder::on_char);
    glfwSetMouseButtonCallback(window, &InputOrder::on_mouse_button);
    glfwSetScrollCallback(window, &InputOrder::on_scroll);
}

namespace {
// One wheel notch is about 100 pixels in Chromium and 3 lines in Firefox (deltaMode lines); GLFW
// does not say which, so large deltas are read as pixels and small ones as lines.
double notches(double delta) {
    return delta / (std::abs(delta) >= 10 ? 100.0 : 3.0);
}
} // namespace

void InputOrder::on_scroll(GLFWwindow* window, double x, double y) {
    ImGui_ImplGlfw_ScrollCallback(window, -notches(x), -notches(y));
}

void InputOrder::on_key(GLFWwindow* window, int key, int scancode, int action, int mods) {
    self_of(window).take({false, 0, key, scancode, action, mods});
}

void InputOrder::on_char(GLFWwindow* window, unsigned int codepoint) {
    self_of(window).take({true, codepoint, 0, 0, 0, 0});
}

void InputOrder::on_mouse_button(GLFWwindow* window, int button, int action, int mods) {
    ImGui_ImplGlfw_MouseButtonCallback(window, button, action, mods);
    if (action == GLFW_PRESS) {
        self_of(window).m_after_click = true;
    }
}

void InputOrder::take(const KeyEvent& event) {
    if (m_after_click || !m_waiting.empty()) {
        m_waiting.push_back(event);
        return;
    }
    deliver(event);
}

void InputOrder::deliver(const KeyEvent& event) {
    if (event.is_char) {
        ImGui_ImplGlfw_CharCallback(m_window, event.codepoint);
        return;
    }
    if (event.action == GLFW_PRESS) {
        m_unseen_presses.push_back(event.key);
    } else if (event.action == GLFW_RELEASE &&
               std::find(m_unseen_presses.begin(), m_unseen_presses.end(), event.key) !=
                   m_unseen_presses.end()) {
        m_held_releases.push_back(event);
        return;
    }
    ImGui_ImplGlfw_KeyCallback(m_window, event.key, event.scancode, event.action, event.mods);
}

void InputOrder::end_frame() {
    m_unseen_presses.clear();
    std::vector<KeyEvent> releases;
    releases.swap(m_held_releases);
    for (const KeyEvent& release : releases) {
        ImGui_ImplGlfw_KeyCallback(m_window, release.key, release.scancode, GLFW_RELEASE,
                                   release.mods);
    }
    // The frame has handled the click: what was typed after it goes to the field it focused.
    m_after_click = false;
    std::vector<KeyEvent> waiting;
    waiting.swap(m_waiting);
    for (const KeyEvent& event : waiting) {
        deliver(event);
    }
}

} // namespace waconsole
