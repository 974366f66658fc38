// One ordered queue of key, character and mouse button events; see input_order.hpp.
#include "input_order.hpp"

#include "platform/frame_loop.hpp"

#include <algorithm>
#include <cmath>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_internal.h> // ImTextCharFromUtf8

namespace waconsole {

namespace {
InputOrder& self_of(GLFWwindow* window) {
    return *static_cast<InputOrder*>(glfwGetWindowUserPointer(window));
}

// One wheel notch is about 100 pixels in Chromium and 3 lines in Firefox (deltaMode lines); GLFW
// does not say which, so large deltas are read as pixels and small ones as lines.
double notches(double delta) {
    return delta / (std::abs(delta) >= 10 ? 100.0 : 3.0);
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

void InputOrder::on_scroll(GLFWwindow* window, double x, double y) {
    ImGui_ImplGlfw_ScrollCallback(window, -notches(x), -notches(y));
}

void InputOrder::on_key(GLFWwindow* window, int key, int scancode, int action, int mods) {
    self_of(window).m_queue.push_back({Kind::key, 0, key, scancode, action, mods});
}

void InputOrder::on_char(GLFWwindow* window, unsigned int codepoint) {
    self_of(window).m_queue.push_back({Kind::character, codepoint, 0, 0, 0, 0});
}

void InputOrder::add_text(const std::string& utf8) {
    const char* cursor = utf8.c_str();
    const char* const end = cursor + utf8.size();
    while (cursor < end) {
        unsigned int codepoint = 0;
        cursor += std::max(1, ImTextCharFromUtf8(&codepoint, cursor, end));
        m_queue.push_back({Kind::character, codepoint, 0, 0, 0, 0});
    }
}

void InputOrder::on_mouse_button(GLFWwindow* window, int button, int action, int mods) {
    if (button >= 0 && button < 3) {
        double x = 0;
        double y = 0;
        glfwGetCursorPos(window, &x, &y);
        self_of(window).m_queue.push_back({Kind::mouse_button, 0, button, 0, action, mods, x, y});
    }
}

void InputOrder::begin_frame() {
    ImGuiIO& io = ImGui::GetIO();
    std::vector<int> keys_changed;
    std::array<bool, 3> buttons_changed{};
    bool pressed_mouse = false;
    bool pointer_set = false;
    m_tabs.clear();
    if (m_hold_after_tab > 0) {
        // A Tab focuses a text field in its frame (FocusOrder), ImGui activates it in the next,
        // and a field activated from the keyboard ignores the characters of its first frame
        // (InputTextEx's user_nav_input_start), which EndFrame then discards: what was typed
        // after the Tab waits for the frame after that one. Held one frame only, the first
        // character typed at once after Tab was lost whenever it arrived before the activation
        // frame (seen in Firefox, 1 run in 16).
        --m_hold_after_tab;
    }
    while (m_hold_after_tab == 0 && !m_queue.empty()) {
        const Event& event = m_queue.front();
        if (event.kind == Kind::mouse_button) {
            if (buttons_changed[event.key] || pointer_set) {
                break; // the next frame sees this one
            }
            // Before NewFrame, MousePosPrev is where the last frame saw the pointer.
            const bool moved = std::abs(event.x - io.MousePosPrev.x) > 0.5 ||
                               std::abs(event.y - io.MousePosPrev.y) > 0.5;
            m_pointer_held = true;
            m_pointer_x = event.x;
            m_pointer_y = event.y;
            pointer_set = true;
            if (moved && event.action == GLFW_PRESS) {
                break; // one frame with the pointer there, then the press
            }
            buttons_changed[event.key] = true;
            m_buttons_down[event.key] = event.action != GLFW_RELEASE;
            pressed_mouse |= event.action == GLFW_PRESS;
        } else if (pressed_mouse) {
            break; // typed after a click: the click moves the focus first
        } else if (event.kind == Kind::character) {
            ImGui_ImplGlfw_CharCallback(m_window, event.codepoint);
        } else if (event.key == GLFW_KEY_TAB) {
            if (event.action != GLFW_RELEASE) {
                m_tabs.push_back((event.mods & GLFW_MOD_SHIFT) != 0);
                // Typed after the Tab: goes to the field the Tab moves to, once it is active.
                m_hold_after_tab = 2;
                m_queue.pop_front();
                break;
            }
        } else {
            if (event.action != GLFW_REPEAT) {
                if (std::find(keys_changed.begin(), keys_changed.end(), event.key) !=
                    keys_changed.end()) {
                    break; // a key pressed and released in one frame would never be seen down
                }
                keys_changed.push_back(event.key);
            }
            ImGui_ImplGlfw_KeyCallback(m_window, event.key, event.scancode, event.action,
                                       event.mods);
        }
        m_queue.pop_front();
    }
    if (m_queue.empty() && !pointer_set) {
        m_pointer_held = false; // nothing waits: the pointer is where the browser says
    } else if (m_pointer_held) {
        io.MousePos = ImVec2(static_cast<float>(m_pointer_x), static_cast<float>(m_pointer_y));
    }
    // The backend read the buttons' live state; the frame gets the state of the queue instead.
    for (std::size_t button = 0; button < m_buttons_down.size(); ++button) {
        io.MouseDown[button] = m_buttons_down[button];
    }
}

void InputOrder::end_frame() {
    if (!m_queue.empty()) {
        platform::request_frames(1);
    }
}

} // namespace waconsole
