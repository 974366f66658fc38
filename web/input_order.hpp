// Input glue between GLFW and ImGui 1.86, which samples input once per frame. Two things that
// arrive between the same two frames would otherwise go wrong:
// - a key pressed and released (a quick tap, a test's keyboard.press, any tap while idle) is never
//   seen held, so Enter or Backspace is lost: the release waits until a frame has seen the press;
// - a click on another field followed by typing: the field that was active still takes the
//   characters, because ImGui moves the focus during that frame. Keys and characters that come
//   after a mouse press wait until a frame has handled the press.
// It also turns the wheel into GLFW's convention: Emscripten 3.1.6 passes the browser's
// deltaX/deltaY as they are (down positive, in pixels), where ImGui expects notches, up positive.
#pragma once

#include <GLFW/glfw3.h>
#include <vector>

namespace waconsole {

class InputOrder {
public:
    // Call after ImGui_ImplGlfw_InitForOpenGL(window, true): takes over the key, character and
    // mouse button callbacks and forwards them to ImGui's. Uses the window's user pointer.
    void install(GLFWwindow* window);
    // Call after each frame: releases and typing that were held back may go now.
    void end_frame();

private:
    struct KeyEvent {
        bool is_char = false;
        unsigned int codepoint = 0;
        int key = 0;
        int scancode = 0;
        int action = 0;
        int mods = 0;
    };

    static void on_key(GLFWwindow* window, int key, int scancode, int action, int mods);
    static void on_char(GLFWwindow* window, unsigned int codepoint);
    static void on_mouse_button(GLFWwindow* window, int button, int action, int mods);
    static void on_scroll(GLFWwindow* window, double x, double y);
    void take(const KeyEvent& event);
    void deliver(const KeyEvent& event);

    GLFWwindow* m_window = nullptr;
    bool m_after_click = false;        // a mouse press came since the last frame
    std::vector<KeyEvent> m_waiting;   // keys and characters typed after that press, in order
    std::vector<int> m_unseen_presses; // keys pressed since the last frame
    std::vector<KeyEvent> m_held_releases;
};

} // namespace waconsole
