// Entry point of the web UI: GLFW window on the page's canvas, WebGL2 context, Dear ImGui, and the
// frame function that keeps the canvas at CSS size x devicePixelRatio and the fonts rasterised
// for that ratio, so text stays sharp on high-DPI screens.
#include "app.hpp"
#include "font_loader.hpp"
#include "input_order.hpp"
#include "platform/browser.hpp"
#include "platform/frame_loop.hpp"
#include "platform/test_hook.hpp"
#include "platform/text_entry.hpp"
#include "test_state.hpp"
#include "widgets/browser_text.hpp"

#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <algorithm>
#include <cmath>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <memory>

namespace {

using namespace waconsole;

// Everything the frame function needs; created once and kept for the life of the page.
struct Page {
    GLFWwindow* window = nullptr;
    App app;
    FontLoader font_loader;
    InputOrder input_order;
    ImVec2 caret;                // the text field's caret, device pixels, from ImGui's IME hook
    float fonts_pixel_ratio = 0; // the ratio the font atlas was built for; 0 = not built yet
    int fonts_arrived = 0;       // font_loader.arrived when the atlas was built
    std::unique_ptr<platform::TestHook> test_hook;
};

// Device pixels per CSS pixel, within what the font atlas can sensibly hold.
float clamped_ratio(double ratio) {
    return static_cast<float>(std::clamp(ratio, 0.5, 4.0));
}

// Keeps the drawing buffer at CSS size x pixel ratio (the canvas's CSS size follows the window).
void fit_canvas(Page& page) {
    const platform::CanvasMetrics metrics = platform::canvas_metrics();
    const float ratio = clamped_ratio(metrics.pixel_ratio);
    const int width = std::max(1, static_cast<int>(std::lround(metrics.css_width * ratio)));
    const int height = std::max(1, static_cast<int>(std::lround(metrics.css_height * ratio)));
    int current_width = 0;
    int current_height = 0;
    glfwGetWindowSize(page.window, &current_width, &current_height);
    if (width != current_width || height != current_height) {
        platform::set_canvas_pixel_size(width, height);
    }
    page.app.pixel_ratio = ratio;
}

void rebuild_fonts_if_needed(Page& page) {
    const float ratio = page.app.pixel_ratio;
    if (page.fonts_pixel_ratio == ratio && page.fonts_arrived == page.font_loader.arrived) {
        return;
    }
    page.app.fonts = build_fonts(page.font_loader.files, ratio);
    apply_theme(ratio);
    if (page.fonts_pixel_ratio != 0) {
        // The backend made the texture on its first frame; later builds re-upload it.
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
    }
    page.fonts_pixel_ratio = ratio;
    page.fonts_arrived = page.font_loader.arrived;
}

void frame(void* arg) {
    Page& page = *static_cast<Page*>(arg);
    const bool draw_wanted = platform::begin_frame();
    const double started = platform::now_seconds();
    // A tick that finds nothing new leaves the canvas as it is.
    if (!tick(page.app) && !draw_wanted && page.app.ready) {
        platform::end_frame(false, false);
        return;
    }
    fit_canvas(page);
    if (!poll_fonts(page.font_loader)) {
        platform::end_frame(true, false); // the font answers wake the loop
        return;
    }
    rebuild_fonts_if_needed(page);

    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    page.input_order.begin_frame();
    page.app.widgets.focus().before_new_frame();
    ImGui::NewFrame();
    page.app.widgets.begin_frame(page.app.pixel_ratio);
    page.app.widgets.focus().begin_frame(page.input_order.tabs());
    draw(page.app);
    ImGui::Render();

    int width = 0;
    int height = 0;
    glfwGetFramebufferSize(page.window, &width, &height);
    glViewport(0, 0, width, height);
    const ImVec4 clear = ImGui::ColorConvertU32ToFloat4(palette::kBackground);
    glClearColor(clear.x, clear.y, clear.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    trim_text_images(); // after the draw lists that used the images
    const float ratio = page.app.pixel_ratio > 0 ? page.app.pixel_ratio : 1.0f;
    platform::sync_text_entry(ImGui::GetIO().WantTextInput, page.caret.x / ratio,
                              page.caret.y / ratio);

    page.input_order.end_frame();
    record_frame_time(page.app, static_cast<float>((platform::now_seconds() - started) * 1000.0));
    if (!page.app.ready) {
        page.app.ready = true;
        platform::show_app();
    }
    platform::end_frame(true, false);
}

} // namespace

int main() {
    if (glfwInit() != GLFW_TRUE) {
        return 1;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    glfwWindowHint(GLFW_SAMPLES, 0);
    glfwWindowHint(GLFW_DEPTH_BITS, 0);
    glfwWindowHint(GLFW_STENCIL_BITS, 0);

    // Lives as long as the page: the browser keeps calling frame() after main() returns.
    auto* page = new Page();
    const platform::CanvasMetrics metrics = platform::canvas_metrics();
    const float ratio = clamped_ratio(metrics.pixel_ratio);
    page->window =
        glfwCreateWindow(std::max(1, static_cast<int>(std::lround(metrics.css_width * ratio))),
                         std::max(1, static_cast<int>(std::lround(metrics.css_height * ratio))),
                         "waconsole", nullptr, nullptr);
    if (page->window == nullptr) {
        return 1;
    }
    glfwMakeContextCurrent(page->window);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // nothing to save in a browser tab
    io.LogFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    // A blinking caret would need frames while idle; a steady one needs none.
    io.ConfigInputTextCursorBlink = false;
    ImGui_ImplGlfw_InitForOpenGL(page->window, true);
    ImGui_ImplOpenGL3_Init("#version 300 es");
    page->input_order.install(page->window);
    // ImGui 1.86 tells where the caret of the field being edited is; the hidden text entry goes
    // there, so an input method's window opens beside the text.
    platform::on_entered_text(
        [](const std::string& text, void* arg) { static_cast<InputOrder*>(arg)->add_text(text); },
        &page->input_order);
    static Page* ime_page = page;
    io.ImeSetInputScreenPosFn = [](int x, int y) { ime_page->caret = ImVec2(float(x), float(y)); };

    start(page->app);
    Page* hooked = page;
    page->test_hook =
        std::make_unique<platform::TestHook>([hooked] { return test_state_json(hooked->app); });
    platform::run_frame_loop(&frame, page);
    return 0;
}
