// Re-reads the whole template catalogue from Meta (every page) and replaces the local cache
// with it in one transaction; on any error the cache is left as it was. Two guards: a status
// that a webhook changed while the listing was on its way is newer than the listing and is kept
// (templates_store.hpp), and an empty listing does not wipe a cache that has templates unless
// the administrator says so (Meta answering "no templates" for a misconfigured WABA id or a
// transient fault looks the same as a real empty catalogue).
#pragma once

#include "server/meta/meta_error.hpp"
#include "server/services.hpp"

#include <cstdint>
#include <optional>

namespace waconsole {

struct TemplateSyncResult {
    int templates = 0;
    int pages = 0;
    std::optional<MetaError> error;
    // Meta listed nothing and the cache of this many templates was kept.
    std::int64_t kept_cached_templates = 0;
};

TemplateSyncResult sync_templates(Services& services, bool allow_empty = false);

// Reads the portfolio's daily messaging limit from Meta into settings (meta/messaging_limit).
// An answer without a tier leaves what is kept; the error when Meta could not be asked.
std::optional<MetaError> sync_messaging_limit(Services& services);

} // namespace waconsole
