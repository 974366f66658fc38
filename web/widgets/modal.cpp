// Modal popups centred on the page.
#include "widgets/modal.hpp"

namespace waconsole {

bool begin_modal(const char* name, bool& open, ImVec2 size, ImGuiWindowFlags extra_flags) {
    const bool popup_open = ImGui::IsPopupOpen(name);
    if (!open && !popup_open) {
        return false;
    }
    if (open && !popup_open) {
        ImGui::OpenPopup(name);
    }
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.5f), ImGuiCond_Always,
                            ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(size, ImGuiCond_Always);
    if (!ImGui::BeginPopupModal(name, nullptr,
                                ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoMove |
                                    ImGuiWindowFlags_NoTitleBar | extra_flags)) {
        open = false;
        return false;
    }
    if (!open) {
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return false;
    }
    if (ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows) &&
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        open = false;
    }
    return true;
}

void end_modal(bool& open) {
    if (!open) {
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

} // namespace waconsole
