// Migration 16 (issue 9's CPU figure): fewer indexes for every message written. A campaign
// writes one outbound message a recipient, and each index of messages costs a b-tree insert and
// its pages in the write-ahead log. The index of reply contexts was read by nothing (a reply
// finds its campaign message through campaign_recipients); the index of inbound messages by
// customer also held every outbound message, which its readers (always `direction = 'in'`)
// never look at.
#pragma once

namespace waconsole {

extern const char* const kMessageIndexesSchema;

} // namespace waconsole
