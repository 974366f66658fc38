// The Unicode ranges the UI can draw: the only place they are written. theme.cpp builds the font
// atlas from them, and web/CMakeLists.txt reads this file at configure time to subset the TTFs to
// the same ranges (assets/fonts.txt says which array each file gets), so the page downloads no
// glyph the atlas would not use and the atlas asks for no glyph the file lacks.
// Format CMake relies on: `constexpr ImWchar kName[] = {` then one "0xFIRST, 0xLAST," pair per
// line, then `0,` and `};`; comments may follow a pair but hold no "0x" and no braces.
#pragma once

#include <imgui.h>

static_assert(sizeof(ImWchar) == 4,
              "emoji lie above U+FFFF: the imgui target must define IMGUI_USE_WCHAR32 PUBLIC");

namespace waconsole::glyph_ranges {

// Body text, customer names and messages, bold labels (NotoSans-Regular and -Bold). Latin with its
// extensions, Greek and Cyrillic; ImGui cannot shape Arabic or order Hebrew, so those are left out
// rather than drawn wrongly. U+200D (zero-width joiner) is in general punctuation and has an empty
// glyph, so emoji sequences joined by it draw as their parts.
constexpr ImWchar kText[] = {
    0x0020, 0x024F, // Basic Latin, Latin-1, Latin Extended-A and -B
    0x0370, 0x03FF, // Greek
    0x0400, 0x052F, // Cyrillic and its supplement
    0x1E00, 0x1EFF, // Latin Extended Additional (Vietnamese ...)
    0x2000, 0x206F, // General punctuation: dashes, quotes, bullet, ellipsis, joiners
    0x20A0, 0x20BF, // Currency signs
    0x2100, 0x215F, // Letterlike symbols (No., TM) and fractions
    0xFFFD, 0xFFFD, // Replacement character: what ImGui draws for a glyph the atlas lacks
    0,
};

// Titles: our own Latin strings at a large size; a subset of kText, which keeps the atlas small.
constexpr ImWchar kTitle[] = {
    0x0020, 0x024F, // Latin
    0x2000, 0x206F, // General punctuation
    0,
};

// Emoji and symbols (Symbola, monochrome), merged into the body font after kText. Symbola is
// large, so only the blocks people type in chats; its skin-tone swatches are left out on purpose
// (see kSkinToneFirst).
// Not clang-formatted: it would put each number of a pair on a line of its own.
// clang-format off
constexpr ImWchar kEmoji[] = {
    0x20E3, 0x20E3,   // Combining enclosing keycap: draws the box around 1, 2, # ...
    0x2190, 0x21FF,   // Arrows
    0x2300, 0x23FF,   // Miscellaneous technical: watch, hourglass, play buttons
    0x25A0, 0x25FF,   // Geometric shapes
    0x2600, 0x26FF,   // Miscellaneous symbols: sun, heart suits, warning
    0x2700, 0x27BF,   // Dingbats: check mark, cross mark, heavy heart
    0x2B00, 0x2B59,   // Arrows and shapes: star, heavy circle
    0xFE00, 0xFE0F,   // Variation selectors: empty, zero-width glyphs in Symbola
    0x1F100, 0x1F1FF, // Enclosed alphanumerics: squared OK, regional indicator letters
    0x1F300, 0x1F3FA, // Miscellaneous symbols and pictographs, before the skin tones
    0x1F400, 0x1F5FF, // ... and after them
    0x1F600, 0x1F64F, // Emoticons
    0x1F680, 0x1F6FF, // Transport and map symbols
    0x1F900, 0x1F9FF, // Supplemental symbols and pictographs
    0x1FA70, 0x1FAFF, // Symbols and pictographs extended-A (newer than Symbola: for a newer font)
    0,
};
// clang-format on

// Emoji skin-tone modifiers. Symbola draws them as visible swatches, so they are not in kEmoji and
// the atlas maps them to the empty variation-selector glyph: "👍🏽" draws as 👍.
constexpr ImWchar kSkinToneFirst = 0x1F3FB;
constexpr ImWchar kSkinToneLast = 0x1F3FF;
constexpr ImWchar kEmptyGlyph = 0xFE0F;

} // namespace waconsole::glyph_ranges
