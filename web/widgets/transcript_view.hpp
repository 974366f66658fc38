// A conversation's messages as chat bubbles (customer on the left, bot and agents on the right),
// smooth at 10,000 messages and more: each message's height is measured once per width and kept
// as running offsets, so a frame finds the visible ones by binary search and lays out and draws
// only those (a clipped list with rows of different heights). Older pages are prepended without
// moving what the reader sees; new messages are followed while the reader is at the bottom.
#pragma once

#include "widgets/widget_rects.hpp"

#include <imgui.h>
#include <string>
#include <vector>

namespace waconsole {

struct TranscriptMessage {
    long long id = 0;
    bool inbound = false; // from the customer
    std::string kind;     // "text", "template", "image" ...
    std::string body;
    std::string status; // outbound: sent, delivered, read, failed ...
    std::string agent;  // who sent it, "" for the bot
    std::string error;  // why it failed
    long long at = 0;   // epoch seconds
};

struct TranscriptView {
    std::vector<TranscriptMessage> messages; // oldest first, ids ascending
    // Layout at `layout_width`: tops[i] is message i's offset, tops.back() the total height.
    float layout_width = -1;
    float layout_font_size = -1;
    std::vector<float> tops;
    float scroll_adjust = 0;     // height added above the view since the last frame
    bool stick_to_bottom = true; // the reader is at the bottom: follow new messages
    float followed_total = -1;   // the content height the view last followed to the bottom
    // Last frame, for the caller and the test hook.
    int drawn = 0;
    float scroll_y = 0;
    float scroll_max = 0;
    float view_height = 0;
};

// Older messages go first; ids already present are dropped.
void prepend_messages(TranscriptView& view, std::vector<TranscriptMessage> older);
// Newer messages go last; ids already present are dropped.
void append_messages(TranscriptView& view, std::vector<TranscriptMessage> newer);

// Draws the messages in a bordered child of `size` recorded as `widget`. Returns true when the
// reader is near the top, where older messages should be fetched.
bool draw_transcript(TranscriptView& view, const char* widget, ImVec2 size, WidgetRects& rects);

} // namespace waconsole
