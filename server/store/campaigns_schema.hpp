// Migration 7 (issue 8): campaign drafts (what the wizard has gathered, kept on the server until
// Confirm or until they expire), and the confirmed campaigns with every recipient's final message
// and every rejected row, ready for the sender.
#pragma once

namespace waconsole {

extern const char* const kCampaignsSchema;

} // namespace waconsole
