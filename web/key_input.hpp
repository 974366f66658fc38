// Keyboard glue between GLFW and ImGui 1.86, which reads keys as "held at frame time": a key
// pressed and released between two frames (a quick tap, a test's keyboard.press, or any tap while
// the page is idle) would never be seen, so Enter or Backspace could be lost. Releases of keys no
// frame has seen down yet are held back until the next frame has run.
#pragma once

#include <GLFW/glfw3.h>
#include <vector>

namespace waconsole {

class KeyInput {
public:
    // Call after ImGui_ImplGlfw_InitForOpenGL(window, true); takes over the key callback and
    // forwards to ImGui's. Uses the window's user pointer.
    void install(GLFWwindow* window);
    // Call after each frame: the frame has seen every press, so held-back releases may go.
    void end_frame();

private:
    static void on_key(GLFWwindow* window, int key, int scancode, int action, int mods);

    struct KeyEvent {
        int key = 0;
        int scancode = 0;
        int mods = 0;
    };

    GLFWwindow* m_window = nullptr;
    std::vector<int> m_unseen_presses;
    std::vector<KeyEvent> m_held_releases;
};

} // namespace waconsole
