// Fonts and style. The fonts are Noto Sans for Latin, Greek and Cyrillic; the glyph ranges of every
// font are in glyph_ranges.hpp, shared with the build's font subsetting. Other scripts and emoji
// are drawn by the browser (widgets/browser_text.hpp).
#include "theme.hpp"

#include "glyph_ranges.hpp"

namespace waconsole {

namespace {

// ImGui keeps `ranges` for the life of the atlas: they are constexpr arrays.
ImFont* add_font(const std::string& data, float size, const ImWchar* ranges, float pixel_ratio) {
    ImFontConfig config;
    // The atlas must not free our buffers: they are kept to rebuild at another pixel ratio.
    config.FontDataOwnedByAtlas = false;
    config.OversampleH = pixel_ratio >= 2.0f ? 1 : 2;
    config.OversampleV = 1;
    config.PixelSnapH = pixel_ratio >= 2.0f;
    auto* bytes = const_cast<char*>(data.data());
    return ImGui::GetIO().Fonts->AddFontFromMemoryTTF(bytes, static_cast<int>(data.size()),
                                                      size * pixel_ratio, &config, ranges);
}

ImVec4 color(ImU32 packed) {
    return ImGui::ColorConvertU32ToFloat4(packed);
}

ImVec4 with_alpha(ImU32 packed, float alpha) {
    ImVec4 out = color(packed);
    out.w = alpha;
    return out;
}

} // namespace

Fonts build_fonts(const FontFiles& files, float pixel_ratio) {
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    atlas.Clear();
    Fonts fonts;
    if (files.regular.empty()) {
        ImFontConfig config;
        config.SizePixels = 13.0f * pixel_ratio;
        fonts.body = atlas.AddFontDefault(&config);
        fonts.bold = fonts.body;
        fonts.title = fonts.body;
    } else {
        const std::string& bold = files.bold.empty() ? files.regular : files.bold;
        fonts.body = add_font(files.regular, kBodyFontSize, glyph_ranges::kText, pixel_ratio);
        fonts.bold = add_font(bold, kBodyFontSize, glyph_ranges::kBold, pixel_ratio);
        fonts.title = add_font(bold, kTitleFontSize, glyph_ranges::kBold, pixel_ratio);
    }
    atlas.Build();
    ImGui::GetIO().FontDefault = fonts.body;
    return fonts;
}

void apply_theme(float pixel_ratio) {
    const float unit = kBodyFontSize * pixel_ratio; // one em in device pixels
    ImGuiStyle style;
    ImGui::StyleColorsLight(&style);

    style.WindowPadding = ImVec2(1.25f * unit, 1.0f * unit);
    style.FramePadding = ImVec2(0.75f * unit, 0.4f * unit);
    style.CellPadding = ImVec2(0.65f * unit, 0.45f * unit);
    style.ItemSpacing = ImVec2(0.6f * unit, 0.55f * unit);
    style.ItemInnerSpacing = ImVec2(0.45f * unit, 0.4f * unit);
    style.IndentSpacing = 1.2f * unit;
    style.ScrollbarSize = 0.8f * unit;
    style.GrabMinSize = 0.8f * unit;
    style.WindowRounding = 0.0f;
    style.ChildRounding = 0.45f * unit;
    style.FrameRounding = 0.35f * unit;
    style.PopupRounding = 0.35f * unit;
    style.ScrollbarRounding = 0.4f * unit;
    style.GrabRounding = 0.35f * unit;
    style.WindowBorderSize = 0.0f;
    style.ChildBorderSize = pixel_ratio;
    style.PopupBorderSize = pixel_ratio;
    style.FrameBorderSize = pixel_ratio;
    style.SelectableTextAlign = ImVec2(0.0f, 0.5f);

    ImVec4* colors = style.Colors;
    colors[ImGuiCol_Text] = color(palette::kText);
    colors[ImGuiCol_TextDisabled] = color(palette::kMuted);
    colors[ImGuiCol_WindowBg] = color(palette::kBackground);
    colors[ImGuiCol_ChildBg] = with_alpha(palette::kSurface, 0.0f);
    colors[ImGuiCol_PopupBg] = color(palette::kSurface);
    colors[ImGuiCol_Border] = color(palette::kBorder);
    colors[ImGuiCol_BorderShadow] = with_alpha(palette::kBorder, 0.0f);
    colors[ImGuiCol_FrameBg] = color(palette::kSurface);
    colors[ImGuiCol_FrameBgHovered] = color(palette::kAccentSoft);
    colors[ImGuiCol_FrameBgActive] = color(palette::kAccentSoft);
    colors[ImGuiCol_Button] = color(palette::kSurface);
    colors[ImGuiCol_ButtonHovered] = color(palette::kAccentSoft);
    colors[ImGuiCol_ButtonActive] = with_alpha(palette::kAccent, 0.25f);
    colors[ImGuiCol_Header] = color(palette::kAccentSoft);
    colors[ImGuiCol_HeaderHovered] = with_alpha(palette::kAccent, 0.12f);
    colors[ImGuiCol_HeaderActive] = with_alpha(palette::kAccent, 0.22f);
    colors[ImGuiCol_CheckMark] = color(palette::kAccent);
    colors[ImGuiCol_SliderGrab] = color(palette::kAccent);
    colors[ImGuiCol_SliderGrabActive] = color(palette::kAccentActive);
    colors[ImGuiCol_TableHeaderBg] = color(palette::kSurface);
    colors[ImGuiCol_TableBorderStrong] = color(palette::kBorder);
    colors[ImGuiCol_TableBorderLight] = color(palette::kBorder);
    colors[ImGuiCol_TableRowBg] = color(palette::kSurface);
    colors[ImGuiCol_TableRowBgAlt] = color(palette::kRowStripe);
    colors[ImGuiCol_ScrollbarBg] = with_alpha(palette::kSurface, 0.0f);
    colors[ImGuiCol_TextSelectedBg] = with_alpha(palette::kAccent, 0.25f);
    colors[ImGuiCol_NavHighlight] = color(palette::kAccent);
    colors[ImGuiCol_Separator] = color(palette::kBorder);
    colors[ImGuiCol_ResizeGrip] = with_alpha(palette::kAccent, 0.0f);

    ImGui::GetStyle() = style;
}

bool primary_button(const char* label, const ImVec2& size) {
    ImGui::PushStyleColor(ImGuiCol_Button, palette::kAccent);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, palette::kAccentHover);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, palette::kAccentActive);
    ImGui::PushStyleColor(ImGuiCol_Border, palette::kAccent);
    ImGui::PushStyleColor(ImGuiCol_Text, palette::kHeaderText);
    const bool pressed = ImGui::Button(label, size);
    ImGui::PopStyleColor(5);
    return pressed;
}

} // namespace waconsole
