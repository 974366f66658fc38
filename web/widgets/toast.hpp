// Short messages in the top-right corner (download errors, "saved ..."), gone after a few
// seconds or on a click. Errors that belong to a table are shown inline by the table instead.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace waconsole {

// warning: the action worked, with a catch the user must know (e.g. rows left out of a download).
enum class ToastKind { info, warning, error };

struct Toast {
    ToastKind kind = ToastKind::info;
    std::string text;
    double expires_at = 0; // platform::now_seconds() time
};

struct Toasts {
    std::vector<Toast> items;
};

void push_toast(Toasts& toasts, ToastKind kind, std::string text, double now);
// Draws the toasts over everything and drops expired or clicked ones.
void draw_toasts(Toasts& toasts, double now);
// The newest error toast still showing, for the test hook.
std::optional<std::string> latest_error(const Toasts& toasts);
const char* toast_kind_name(ToastKind kind); // "info", "warning", "error"

} // namespace waconsole
