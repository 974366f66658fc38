// Catalogue sync.
#include "server/meta/template_sync.hpp"

#include "server/clock.hpp"
#include "server/meta/messaging_limit.hpp"
#include "server/store/templates_store.hpp"

namespace waconsole {

TemplateSyncResult sync_templates(Services& services, bool allow_empty) {
    TemplateSyncResult result;
    std::int64_t listed_at_seq = 0;
    {
        auto db = services.pool.acquire();
        listed_at_seq = template_status_seq(*db);
    }
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
    if (records.empty() && !allow_empty) {
        result.kept_cached_templates = count_templates(*db);
        if (result.kept_cached_templates > 0) {
            return result;
        }
    }
    replace_templates(*db, records, now_seconds(), listed_at_seq);
    services.changes.bump(Topic::templates);
    result.templates = static_cast<int>(records.size());
    return result;
}

std::optional<MetaError> sync_messaging_limit(Services& services) {
    auto answer = services.meta.client.read_messaging_limit();
    if (auto* error = std::get_if<MetaError>(&answer)) {
        return *error;
    }
    const auto limit = daily_limit_from_graph(std::get<nlohmann::json>(answer));
    if (!limit) {
        return std::nullopt;
    }
    {
        auto db = services.pool.acquire();
        std::lock_guard write_lock(services.meta.store_write_mutex);
        save_daily_limit(*db, *limit, now_seconds());
    }
    // A campaign paused by the limit may go on.
    services.changes.bump(Topic::campaigns);
    return std::nullopt;
}

} // namespace waconsole
