// Input glue between GLFW and ImGui 1.86, which samples input once per frame. The browser's key,
// character and mouse button events go into one queue, in the order they came, and each frame
// takes from its front only what the frame can tell apart, so every press and release is seen:
// - a button or key changes at most once per frame: a click whose press and release fall
//   between two frames (a zero-delay click, a tap while idle) is a press in one frame and a
//   release in the next, and three quick clicks on Next are three clicks;
// - a press lands where it happened: the pointer is put there a frame before the press, so the
//   widget under it is hovered first, as with a hand that moved the mouse there;
// - keys and characters after a mouse press wait until a frame has handled the press, so typing
//   right after a click on another field goes to that field, not to the one that was active;
//   after a Tab press they wait until the field it moved to is active (two frames).
// It also turns the wheel into GLFW's convention: Emscripten 3.1.6 passes the browser's
// deltaX/deltaY as they are (down positive, in pixels), where ImGui expects notches, up positive.
#pragma once

#include <GLFW/glfw3.h>
#include <array>
#include <deque>
#include <string>
#include <vector>

namespace waconsole {

class InputOrder {
public:
    // Call after ImGui_ImplGlfw_InitForOpenGL(window, true): takes over the key, character and
    // mouse button callbacks and forwards them to ImGui's. Uses the window's user pointer.
    void install(GLFWwindow* window);
    // Call after ImGui_ImplGlfw_NewFrame() and before ImGui::NewFrame(): hands this frame's
    // share of the queue to ImGui and sets the mouse buttons as the queue says they are.
    void begin_frame();
    // Queues text that came without key presses (platform/text_entry.hpp) as characters.
    void add_text(const std::string& utf8);
    // Call after each drawn frame: asks for another frame while events still wait.
    void end_frame();
    // The Tab presses this frame took, in order (true: with Shift). ImGui never sees Tab: the
    // screens' focus order moves on it (widgets/focus_order.hpp).
    const std::vector<bool>& tabs() const { return m_tabs; }

private:
    enum class Kind { key, character, mouse_button };
    struct Event {
        Kind kind = Kind::key;
        unsigned int codepoint = 0; // character
        int key = 0;                // key, or the mouse button
        int scancode = 0;
        int action = 0;
        int mods = 0;
        double x = 0; // the pointer when a mouse button changed, in GLFW's units
        double y = 0;
    };

    static void on_key(GLFWwindow* window, int key, int scancode, int action, int mods);
    static void on_char(GLFWwindow* window, unsigned int codepoint);
    static void on_mouse_button(GLFWwindow* window, int button, int action, int mods);
    static void on_scroll(GLFWwindow* window, double x, double y);

    GLFWwindow* m_window = nullptr;
    std::deque<Event> m_queue;
    std::vector<bool> m_tabs;
    std::array<bool, 3> m_buttons_down{}; // left, right, middle as the frames have seen them
    int m_hold_after_tab = 0;             // frames the queue waits after a Tab press
    bool m_pointer_held = false;          // a frame put the pointer where a waiting event happened
    double m_pointer_x = 0;
    double m_pointer_y = 0;
};

} // namespace waconsole
