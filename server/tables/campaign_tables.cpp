// Table specs of the campaign wizard; docs/campaigns.md lists their columns and filters.
#include "server/tables/campaign_tables.hpp"

#include "server/campaigns/campaign_template.hpp"
#include "server/campaigns/draft_blocks.hpp"
#include "server/store/campaign_drafts_store.hpp"
#include "server/tables/table_filters.hpp"
#include "shared/paging.hpp"

#include <algorithm>
#include <map>

namespace waconsole {
namespace {

// The `draft` filter every draft table requires: a draft id.
std::variant<TablePlan, ApiError> plan_for_draft(const TableRequest& request,
                                                 const std::string& column) {
    const auto draft = request.filters.find("draft");
    if (draft == request.filters.end()) {
        return validation_error("draft", "required: the id of the campaign draft");
    }
    const auto id = parse_whole_number(draft->second);
    if (!id) {
        return validation_error("draft", "must be a draft id");
    }
    TablePlan plan;
    plan.filter.add(column + " = ?", {static_cast<std::int64_t>(*id)});
    return plan;
}

void finish_template_row(nlohmann::json& row) {
    TemplateRecord record;
    record.status = row.value("status", "");
    record.category = row.value("category", "");
    record.components =
        nlohmann::json::parse(row.value("components", std::string("[]")), nullptr, false);
    const auto view = view_campaign_template(record);
    row["body"] = view.layout.body;
    std::string variables;
    for (const auto& variable : view.variables) {
        variables += (variables.empty() ? "{{" : ", {{") + variable + "}}";
    }
    row["variables"] = variables;
    row["buttons"] = button_labels(view.layout);
    row["can_start"] = !view.refusal;
    row["start_refusal"] = view.refusal ? nlohmann::json(*view.refusal) : nlohmann::json();
}

} // namespace

TableSpec campaign_templates_table() {
    TableSpec spec;
    spec.name = "campaign_templates";
    spec.title = "Templates for campaigns";
    spec.file_stem = "campaign-templates";
    spec.columns = {
        {"name", "Template", ColumnType::text, 24},
        {"language", "Language", ColumnType::text, 10},
        {"category", "Category", ColumnType::text, 14},
        {"status", "Status", ColumnType::text, 12},
        {"body", "Body", ColumnType::text, 60},
        {"variables", "Variables", ColumnType::text, 18},
        {"buttons", "Buttons", ColumnType::text, 30},
    };
    spec.extra_fields = {{"can_start", "", ColumnType::integer},
                         {"start_refusal", "", ColumnType::text}};
    spec.hidden_fields = {{"components", "", ColumnType::text}};
    spec.filters = {"search"};
    spec.select_list = "t.id, t.name, t.language, t.category, t.status, '', '', '', 0, '', "
                       "t.components";
    spec.main_table = "templates";
    spec.alias = "t";
    spec.key_column = "t.id";
    spec.order = {{"t.id", false}};
    spec.plan = [](Connection&, const TableRequest& request) -> std::variant<TablePlan, ApiError> {
        TablePlan plan;
        const auto search = request.filters.find("search");
        if (search != request.filters.end() && !search->second.empty()) {
            plan.filter.add("t.name LIKE ? ESCAPE '\\'", {like_contains(search->second)});
        }
        return plan;
    };
    spec.make_finisher = [](Connection&, const TableRequest&, std::int64_t) -> RowFinisher {
        return finish_template_row;
    };
    return spec;
}

TableSpec draft_recipients_table() {
    TableSpec spec;
    spec.name = "draft_recipients";
    spec.title = "Campaign recipients";
    spec.file_stem = "campaign-recipients";
    spec.columns = {
        {"row", "#", ColumnType::integer, 8},
        {"customer", "Customer", ColumnType::text, 24},
        {"phone", "Phone", ColumnType::text, 18},
        {"email", "E-mail", ColumnType::text, 26},
        {"opted_out", "Opted out", ColumnType::text, 10},
    };
    spec.extra_fields = {{"customer_id", "", ColumnType::integer}};
    spec.filters = {"draft"};
    spec.select_list = "r.id, r.row_number, COALESCE(c.name, ''), "
                       "COALESCE(c.phone, '+' || c.wa_id, r.phone), COALESCE(c.email, ''), "
                       "CASE WHEN c.opted_out = 1 THEN 'yes' ELSE 'no' END, r.customer_id";
    spec.main_table = "campaign_draft_rows";
    spec.alias = "r";
    spec.key_column = "r.id";
    spec.joins = "LEFT JOIN customers c ON c.id = r.customer_id";
    spec.order = {{"r.row_number", false}, {"r.id", false}};
    spec.plan = [](Connection&, const TableRequest& request) {
        return plan_for_draft(request, "r.draft_id");
    };
    return spec;
}

// [SECTION] The review tabs, read from the review's blocks (server/campaigns/draft_blocks)

namespace {

// One review tab of one draft: its blocks' directory, and their rows as they are read.
class ReviewTab {
public:
    ReviewTab(Connection& db, std::int64_t draft_id, bool accepted)
        : m_db(db), m_accepted(accepted), m_blocks(draft_review_directory(db, draft_id, accepted)) {
    }

    long long total() const {
        return m_blocks.empty() ? 0 : m_blocks.back().first_index + m_blocks.back().row_count;
    }

    // The tab's rows [from, to) in order.
    void append(long long from, long long to, nlohmann::json& out) {
        for (auto block = block_of(from); block < m_blocks.size(); ++block) {
            const auto& at = m_blocks[block];
            if (at.first_index >= to) {
                break;
            }
            const auto& rows = rows_of(block);
            const auto first = std::max<long long>(from - at.first_index, 0);
            const auto last =
                std::min<long long>(to - at.first_index, static_cast<long long>(rows.size()));
            for (auto row = first; row < last; ++row) {
                out.push_back(to_json(rows[static_cast<std::size_t>(row)]));
            }
        }
    }

    // How many of the tab's rows come before the first one numbered past `row_number` (or, with
    // `inclusive`, numbered `row_number` or past it).
    long long position_past(std::int64_t row_number, bool inclusive) {
        auto past = [&](std::int64_t number) {
            return inclusive ? number >= row_number : number > row_number;
        };
        for (std::size_t block = 0; block < m_blocks.size(); ++block) {
            if (!past(m_blocks[block].last_row)) {
                continue;
            }
            const auto& rows = rows_of(block);
            for (std::size_t row = 0; row < rows.size(); ++row) {
                if (past(rows[row].row_number)) {
                    return m_blocks[block].first_index + static_cast<long long>(row);
                }
            }
        }
        return total();
    }

    void for_each(const std::function<void(const nlohmann::json&)>& on_row) {
        for (std::size_t block = 0; block < m_blocks.size(); ++block) {
            for (const auto& row : rows_of(block)) {
                on_row(to_json(row));
            }
            m_rows.clear(); // one block in memory at a time
        }
    }

private:
    std::size_t block_of(long long position) const {
        const auto after = std::upper_bound(
            m_blocks.begin(), m_blocks.end(), position,
            [](long long at, const DraftReviewBlock& block) { return at < block.first_index; });
        return after == m_blocks.begin() ? 0
                                         : static_cast<std::size_t>(after - m_blocks.begin() - 1);
    }

    const std::vector<DraftReviewRow>& rows_of(std::size_t block) {
        auto& cached = m_rows[block];
        if (cached.text.empty() && m_blocks[block].row_count > 0) {
            cached.text = draft_review_block_rows(m_db, m_blocks[block].id);
            if (!decode_review_rows(cached.text, cached.rows)) {
                throw StoreError("a damaged block of a campaign draft's review", SQLITE_CORRUPT);
            }
        }
        return cached.rows;
    }

    nlohmann::json to_json(const DraftReviewRow& row) const {
        return {{"id", row.row_number},
                {"row", row.row_number},
                {"phone", row.phone},
                {"customer", row.customer},
                {m_accepted ? "text" : "reason", row.text}};
    }

    struct Block {
        std::string text;
        std::vector<DraftReviewRow> rows; // views into text
    };
    Connection& m_db;
    bool m_accepted;
    std::vector<DraftReviewBlock> m_blocks;
    std::map<std::size_t, Block> m_rows;
};

std::variant<std::int64_t, ApiError> draft_of(const TableRequest& request) {
    auto planned = plan_for_draft(request, "");
    if (auto* error = std::get_if<ApiError>(&planned)) {
        return *error;
    }
    return static_cast<std::int64_t>(*parse_whole_number(request.filters.at("draft")));
}

// A page as query_table_page makes one: by number, or after / before a cursor's row (past the
// end of the tab: its last page; before its start: its first).
std::variant<TablePage, ApiError> review_page(Connection& db, const std::string& table,
                                              const std::vector<Column>& columns,
                                              const TableRequest& request, bool accepted) {
    const auto draft = draft_of(request);
    if (auto* error = std::get_if<ApiError>(&draft)) {
        return *error;
    }
    ReviewTab tab(db, std::get<std::int64_t>(draft), accepted);
    TablePage page;
    page.table = table;
    page.columns = columns;
    page.page_size = request.page.page_size;
    page.total = tab.total();
    const long long size = request.page.page_size;
    const int pages = page_count(page.total, request.page.page_size);
    long long from = 0;
    long long to = 0;
    if (request.cursor) {
        const auto row_number = request.cursor->keys.at(0);
        if (request.cursor->after) {
            from = tab.position_past(row_number, false);
            if (from >= page.total) {
                from = std::max(pages - 1, 0) * size; // the last page
            }
            to = std::min(from + size, page.total);
        } else {
            to = tab.position_past(row_number, true);
            if (to <= 0) {
                to = std::min(size, page.total); // the first page
            }
            from = std::max(to - size, 0LL);
        }
    } else if (request.page.page <= pages) {
        from = (request.page.page - 1) * size;
        to = std::min(from + size, page.total);
    }
    tab.append(from, to, page.rows);
    const bool has_prev = from > 0 && !page.rows.empty();
    const bool has_next = to < page.total && !page.rows.empty();
    if (!request.cursor) {
        page.page = request.page.page;
    } else if (!has_prev) {
        page.page = 1;
    } else if (!has_next) {
        page.page = pages;
    } else {
        page.page = std::clamp(request.page.page, 2, std::max(2, pages - 1));
    }
    if (has_next) {
        page.next = to_string(TableCursor{true, {page.rows.back()["row"].get<std::int64_t>()}, ""});
    }
    if (has_prev) {
        page.prev =
            to_string(TableCursor{false, {page.rows.front()["row"].get<std::int64_t>()}, ""});
    }
    return page;
}

TableSpec draft_review_table(bool accepted) {
    TableSpec spec;
    spec.name = accepted ? "draft_messages" : "draft_rejected";
    spec.title = accepted ? "Messages" : "Rejected";
    spec.file_stem = accepted ? "campaign-messages" : "campaign-rejected";
    spec.columns = {
        {"row", "Row", ColumnType::integer, 8},
        {"phone", "Phone", ColumnType::text, 18},
        {"customer", "Customer", ColumnType::text, 24},
        {accepted ? "text" : "reason", accepted ? "Message" : "Reason", ColumnType::text, 70},
    };
    spec.filters = {"draft"};
    spec.order = {{"row_number", false}}; // a cursor's key: the file's row number
    // Both read the last review, which a change to the draft clears: before one they are empty.
    spec.read_page = [table = spec.name, columns = spec.columns,
                      accepted](Connection& db, const TableRequest& request) {
        return review_page(db, table, columns, request, accepted);
    };
    spec.read_rows =
        [accepted](
            Connection& db, const TableRequest& request,
            const std::function<void(const nlohmann::json&)>& on_row) -> std::optional<ApiError> {
        const auto draft = draft_of(request);
        if (auto* error = std::get_if<ApiError>(&draft)) {
            return *error;
        }
        ReviewTab(db, std::get<std::int64_t>(draft), accepted).for_each(on_row);
        return std::nullopt;
    };
    return spec;
}

} // namespace

TableSpec draft_messages_table() {
    return draft_review_table(true);
}

TableSpec draft_rejected_table() {
    return draft_review_table(false);
}

} // namespace waconsole
