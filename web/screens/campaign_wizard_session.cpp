// The wizard's entries in the tab's sessionStorage, so a reload reopens the draft at its step and
// another screen can hand a draft over (Outbound history's Retry failed):
// "waconsole.campaign_draft" is "<draft id>/<step>"; "waconsole.campaign_retry" is the retry's
// answer with its draft's id ({"draft","of","recipients","held_back"}) while that draft is open.
#include "json_fields.hpp"
#include "platform/browser.hpp"
#include "screens/campaign_wizard.hpp"

#include <algorithm>
#include <cstdlib>

namespace waconsole {

namespace {
constexpr const char* kDraftKey = "waconsole.campaign_draft";
constexpr const char* kRetryKey = "waconsole.campaign_retry";
} // namespace

KeptDraft kept_draft() {
    const std::string kept = platform::session_get(kDraftKey);
    const auto slash = kept.find('/');
    KeptDraft draft;
    draft.id = std::max(0LL, std::atoll(kept.c_str()));
    draft.step = slash == std::string::npos ? "" : kept.substr(slash + 1);
    return draft;
}

void remember_draft(const CampaignWizard& wizard) {
    platform::session_set(kDraftKey,
                          std::to_string(wizard.draft_id) + "/" + wizard_step_name(wizard.step));
}

void forget_kept_draft() {
    platform::session_remove(kDraftKey);
    platform::session_remove(kRetryKey);
}

nlohmann::json kept_retry(long long draft_id) {
    nlohmann::json retry = parse_answer(platform::session_get(kRetryKey));
    if (number_field(retry, "draft") != draft_id) {
        platform::session_remove(kRetryKey); // another draft's, left by a tab closed midway
        return nullptr;
    }
    return retry;
}

bool hand_over_draft(const nlohmann::json& answer, WizardStep step) {
    const auto id = number_field(member(answer, "draft"), "id");
    if (!id) {
        return false;
    }
    platform::session_set(kDraftKey, std::to_string(*id) + "/" + wizard_step_name(step));
    nlohmann::json retry = member(answer, "retry");
    if (retry.is_object()) {
        retry["draft"] = *id;
        platform::session_set(kRetryKey, retry.dump());
    } else {
        platform::session_remove(kRetryKey);
    }
    return true;
}

void reopen_kept_draft(CampaignWizard& wizard) {
    if (kept_draft().id != (wizard.open ? wizard.draft_id : 0)) {
        wizard.resume_checked = false; // resume_wizard loads it at the next frame
    }
}

} // namespace waconsole
