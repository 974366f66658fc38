// Migration 15 (issue 9's CPU figure): a campaign's delivery counts live in a narrow table of
// their own, and a campaign's message names its campaign. The counts follow every status change
// of every campaign message (three or more per message); kept in the campaigns row, each change
// rewrote that whole row (its template components and variables, often kilobytes) and found the
// campaign through a lookup of the message's recipient first.
#pragma once

namespace waconsole {

extern const char* const kCampaignCountsSchema;

} // namespace waconsole
