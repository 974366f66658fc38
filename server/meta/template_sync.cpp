// Catalogue sync.
#include "server/meta/template_sync.hpp"

#include "server/clock.hpp"
#include "server/store/templates_store.hpp"

namespace waconsole {

TemplateSyncResult sync_templates(Services& services) {
    TemplateSyncResult result;
    auto listed = services.meta.client.list_templates();
    result.pages = listed.pages;
    if (listed.error) {
        result.error = std::move(listed.error);
        return result;
    }
    std::vector<TemplateRecord> records;
    for (const auto& item : listed.templates) {
        if (auto record = template_from_meta(item)) {
            records.push_back(std::move(*record));
        }
    }
    auto db = services.pool.acquire();
    std::lock_guard write_lock(services.meta.store_write_mutex);
    replace_templates(*db, records, now_seconds());
    result.templates = static_cast<int>(records.size());
    return result;
}

} // namespace waconsole
