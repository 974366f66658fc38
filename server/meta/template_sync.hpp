// Re-reads the whole template catalogue from Meta (every page) and replaces the local cache
// with it in one transaction; on any error the cache is left as it was.
#pragma once

#include "server/meta/meta_error.hpp"
#include "server/services.hpp"

#include <optional>

namespace waconsole {

struct TemplateSyncResult {
    int templates = 0;
    int pages = 0;
    std::optional<MetaError> error;
};

TemplateSyncResult sync_templates(Services& services);

} // namespace waconsole
