// Tab order over the recorded widgets; see focus_order.hpp. Uses ImGui's internal navigation
// state (NavId, the activation request) the way its own tabbing does.
#include "widgets/focus_order.hpp"

#include <GLFW/glfw3.h>
#include <imgui_internal.h>

namespace waconsole {

const FocusOrder::Stop* FocusOrder::find(ImGuiID id) const {
    for (const Stop& stop : m_previous) {
        if (stop.id == id) {
            return &stop;
        }
    }
    return nullptr;
}

void FocusOrder::before_new_frame() {
    ImGuiContext& g = *GImGui;
    ImGuiIO& io = g.IO;
    if (!io.KeysDown[GLFW_KEY_ENTER] && !io.KeysDown[GLFW_KEY_KP_ENTER]) {
        return;
    }
    const Stop* focused = g.ActiveId == 0 && !g.NavDisableHighlight ? find(g.NavId) : nullptr;
    if (focused != nullptr && !focused->text) {
        io.NavInputs[ImGuiNavInput_Activate] = 1.0f;
    }
}

void FocusOrder::begin_frame(const std::vector<bool>& tabs_backwards) {
    m_previous.swap(m_current);
    m_current.clear();
    ImGuiContext& g = *GImGui;
    m_search = false;
    if (g.ActiveId == 0 && !g.IO.WantTextInput) {
        for (const ImWchar typed : g.IO.InputQueueCharacters) {
            m_search |= typed == '/';
        }
    }
    for (const bool backwards : tabs_backwards) {
        if (m_previous.empty()) {
            return;
        }
        const ImGuiID from = m_target != 0 ? m_target : g.ActiveId != 0 ? g.ActiveId : g.NavId;
        const auto count = static_cast<long>(m_previous.size());
        long next = backwards ? count - 1 : 0;
        for (long i = 0; i < count; ++i) {
            if (m_previous[static_cast<std::size_t>(i)].id == from) {
                next = (i + (backwards ? count - 1 : 1)) % count;
                break;
            }
        }
        m_target = m_previous[static_cast<std::size_t>(next)].id;
    }
    if (m_target != 0 && g.ActiveId != 0 && g.ActiveId != m_target) {
        ImGui::ClearActiveID(); // leaves the text field being edited
    }
}

bool FocusOrder::take_search_request() {
    if (!m_search || !shortcuts_apply_here()) {
        return false;
    }
    m_search = false;
    return true;
}

bool shortcuts_apply_here() {
    const ImGuiContext& g = *GImGui;
    if (g.ActiveId != 0 || g.IO.WantTextInput || g.IO.KeyCtrl || g.IO.KeyAlt) {
        return false;
    }
    const ImGuiWindow* modal = ImGui::GetTopMostPopupModal();
    return modal == nullptr || g.CurrentWindow->RootWindow == modal;
}

namespace {

// True when no dialog is open, or `window` is the top dialog, one of its child windows, or a popup
// opened from it (a popup's parent is the window that opened it).
bool inside_top_modal(const ImGuiWindow* window) {
    const ImGuiWindow* modal = ImGui::GetTopMostPopupModal();
    for (; modal != nullptr && window != nullptr; window = window->ParentWindow) {
        if (window == modal) {
            return true;
        }
    }
    return modal == nullptr;
}

} // namespace

void FocusOrder::note_last_item() {
    ImGuiContext& g = *GImGui;
    const ImGuiLastItemData& item = g.LastItemData;
    if (item.ID == 0 || (item.InFlags & (ImGuiItemFlags_Disabled | ImGuiItemFlags_NoNav)) != 0 ||
        ImGui::FindWindowByID(item.ID) != nullptr) {
        return; // not a widget one can use (text, a disabled button, a child window's box)
    }
    if ((g.CurrentWindow->Flags & ImGuiWindowFlags_NoNav) != 0) {
        return; // ImGui draws no ring there: a list the keyboard works from its field, a toast
    }
    if (!inside_top_modal(g.CurrentWindow)) {
        return; // behind an open dialog: focusing it would take the focus out of the dialog
    }
    const bool text = (item.InFlags & ImGuiItemFlags_Inputable) != 0;
    m_current.push_back({item.ID, text});
    if (item.ID != m_target) {
        return;
    }
    m_target = 0;
    ImGuiWindow* window = g.CurrentWindow;
    ImGui::FocusWindow(window);
    ImGui::SetFocusID(item.ID, window);
    ImGui::ScrollToBringRectIntoView(window, item.NavRect);
    // The ring shows, as after ImGui's own keyboard navigation.
    g.NavDisableHighlight = false;
    g.NavDisableMouseHover = true;
    if (text) {
        g.NavNextActivateId = item.ID;
        g.NavNextActivateFlags =
            ImGuiActivateFlags_PreferInput | ImGuiActivateFlags_TryToPreserveState;
    }
}

} // namespace waconsole
