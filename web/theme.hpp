// The look: a light theme in WhatsApp greens, fonts rasterised for the screen's pixel ratio, and
// the em unit every layout size is written in, so the UI scales with the font on high-DPI screens.
#pragma once

#include <imgui.h>
#include <string>

namespace waconsole {

// Font sizes in CSS pixels; multiplied by the pixel ratio when the atlas is built.
constexpr float kBodyFontSize = 15.0f;
constexpr float kTitleFontSize = 22.0f;

struct Fonts {
    ImFont* body = nullptr;
    ImFont* bold = nullptr;
    ImFont* title = nullptr;
};

// The TTF files as bytes; empty when they could not be loaded (ImGui's own font is used then).
struct FontFiles {
    std::string regular;
    std::string bold;
};

namespace palette {
constexpr ImU32 rgb(unsigned value) {
    return IM_COL32((value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF, 0xFF);
}
constexpr ImU32 kBackground = rgb(0xF3F5F7);
constexpr ImU32 kSurface = rgb(0xFFFFFF);
constexpr ImU32 kHeader = rgb(0x0F5C4D);
constexpr ImU32 kHeaderText = rgb(0xFFFFFF);
constexpr ImU32 kHeaderMuted = rgb(0xB7DDD5);
constexpr ImU32 kAccent = rgb(0x128C7E);
constexpr ImU32 kAccentHover = rgb(0x0E7A6E);
constexpr ImU32 kAccentActive = rgb(0x0B675D);
constexpr ImU32 kAccentSoft = rgb(0xE3F3EF);
constexpr ImU32 kText = rgb(0x1E293B);
constexpr ImU32 kMuted = rgb(0x64748B);
constexpr ImU32 kBorder = rgb(0xDCE3EA);
constexpr ImU32 kRowStripe = rgb(0xF8FAFC);
constexpr ImU32 kErrorText = rgb(0xB42318);
constexpr ImU32 kErrorBackground = rgb(0xFEF3F2);
constexpr ImU32 kErrorBorder = rgb(0xFECDCA);
constexpr ImU32 kWarning = rgb(0xE5A000);
constexpr ImU32 kWarningText = rgb(0x7A4A00);
constexpr ImU32 kWarningBackground = rgb(0xFFF8E6);
constexpr ImU32 kWarningBorder = rgb(0xF5D48A);
constexpr ImU32 kSuccess = rgb(0x16A34A);
constexpr ImU32 kInfo = rgb(0x2563EB);
constexpr ImU32 kNeutral = rgb(0x94A3B8);
} // namespace palette

// n times the current font size.
inline float em(float n) {
    return n * ImGui::GetFontSize();
}

// Rebuilds the font atlas for `pixel_ratio` (the caller re-uploads the texture) and returns the
// fonts. With empty files, ImGui's built-in font stands in for all three. Glyph ranges:
// glyph_ranges.hpp.
Fonts build_fonts(const FontFiles& files, float pixel_ratio);

// Sets ImGui's style for fonts of kBodyFontSize * pixel_ratio device pixels.
void apply_theme(float pixel_ratio);

// A filled button in the accent colour, for the one main action of a screen.
bool primary_button(const char* label, const ImVec2& size = ImVec2(0, 0));

} // namespace waconsole
