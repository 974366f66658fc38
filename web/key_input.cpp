// Held-back key releases; see key_input.hpp.
#include "key_input.hpp"

#include <algorithm>
#include <imgui_impl_glfw.h>

namespace waconsole {

void KeyInput::install(GLFWwindow* window) {
    m_window = window;
    glfwSetWindowUserPointer(window, this);
    glfwSetKeyCallback(window, &KeyInput::on_key);
}

void KeyInput::on_key(GLFWwindow* window, int key, int scancode, int action, int mods) {
    auto& self = *static_cast<KeyInput*>(glfwGetWindowUserPointer(window));
    auto& unseen = self.m_unseen_presses;
    if (action == GLFW_PRESS) {
        unseen.push_back(key);
    } else if (action == GLFW_RELEASE &&
               std::find(unseen.begin(), unseen.end(), key) != unseen.end()) {
        self.m_held_releases.push_back({key, scancode, mods});
        return;
    }
    ImGui_ImplGlfw_KeyCallback(window, key, scancode, action, mods);
}

void KeyInput::end_frame() {
    m_unseen_presses.clear();
    std::vector<KeyEvent> releases;
    releases.swap(m_held_releases);
    for (const KeyEvent& release : releases) {
        ImGui_ImplGlfw_KeyCallback(m_window, release.key, release.scancode, GLFW_RELEASE,
                                   release.mods);
    }
}

} // namespace waconsole
