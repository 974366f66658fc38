// The Unicode ranges the UI can draw: the only place they are written. theme.cpp builds the font
// atlas from them, and web/CMakeLists.txt reads this file at configure time to subset the TTFs to
// the same ranges (assets/fonts.txt says which array each file gets), so the page downloads no
// glyph the atlas would not use and the atlas asks for no glyph the file lacks.
// Format CMake relies on: `constexpr ImWchar kName[] = {` then one "0xFIRST, 0xLAST," pair per
// line, then `0,` and `};`; comments may follow a pair but hold no "0x" and no braces.
#pragma once

#include <imgui.h>

static_assert(sizeof(ImWchar) == 4,
              "code points above U+FFFF must decode whole (browser_text.cpp sends them to the "
              "browser): the imgui target must define IMGUI_USE_WCHAR32 PUBLIC");

namespace waconsole::glyph_ranges {

// Body text (NotoSans-Regular): the UI's labels and the customer text most often seen — Latin-1
// and Latin Extended-A, Greek, Cyrillic, punctuation, currency signs, No. and TM. Everything else
// (Latin Extended-B and Vietnamese, the Cyrillic supplement, every other script, emoji) is drawn
// by the browser (widgets/browser_text.hpp), so the page fetches no glyph it rarely needs: the
// fonts are most of what a first visit downloads before its first frame.
constexpr ImWchar kText[] = {
    0x0020, 0x017F, // Basic Latin, Latin-1, Latin Extended-A
    0x0370, 0x03FF, // Greek
    0x0400, 0x04FF, // Cyrillic
    0x2000, 0x206F, // General punctuation: dashes, quotes, bullet, ellipsis, joiners
    0x20A0, 0x20BF, // Currency signs
    0x2100, 0x2122, // Letterlike symbols up to TM (No., TM)
    0xFFFD, 0xFFFD, // Replacement character: what ImGui draws for a glyph the atlas lacks
    0,
};

// Bold labels and titles (NotoSans-Bold): our own Latin strings; a customer's text in bold (a
// template header) outside it is drawn by the browser, in bold.
constexpr ImWchar kBold[] = {
    0x0020, 0x017F, // Latin
    0x2000, 0x206F, // General punctuation
    0x20A0, 0x20BF, // Currency signs
    0xFFFD, 0xFFFD, // Replacement character
    0,
};

} // namespace waconsole::glyph_ranges
