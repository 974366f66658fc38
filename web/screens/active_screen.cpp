// Active conversations: GET /api/tables/active through the shared paged table.
#include "screens/active_screen.hpp"

#include "app.hpp"
#include "widgets/paged_table.hpp"

namespace waconsole {

void draw(ActiveScreen& screen, App& app) {
    TableLoader& loader = screen.loader;
    update(loader, app);
    if (!app.user) {
        return;
    }
    PagedTableStatus status;
    status.page = loader.query.page;
    status.page_size = loader.query.page_size;
    status.loading = loader.page_request.loading();
    status.downloading = loader.download_request.loading();
    status.error = loader.error;
    status.row_noun = "conversations";

    const TablePage* page = loader.page ? &*loader.page : nullptr;
    const PagedTableActions actions = draw_paged_table("active", page, status, app.widgets);
    if (actions.page_size) {
        set_page_size(loader, *actions.page_size);
    }
    if (actions.page) {
        go_to_page(loader, *actions.page);
    }
    if (actions.retry) {
        loader.reload_now = true;
    }
    if (actions.download) {
        start_download(loader, app);
    }
}

} // namespace waconsole
