// Section 6, Conversation history: every closed conversation, newest closed first, searchable by
// agent, by the dates it closed on (days on the administrator's clock) and by customer.
#include "server/tables/conversation_tables.hpp"
#include "server/tables/table_counts.hpp"
#include "server/tables/table_filters.hpp"
#include "shared/calendar_date.hpp"

#include <limits>

namespace waconsole {
namespace {

constexpr std::int64_t kDay = 86400;
constexpr const char* kClosedAt = "COALESCE(c.closed_at, 0)";

// Closing times from `from` (included) to `to` (excluded), epoch seconds; either may be open.
struct ClosedRange {
    std::optional<std::int64_t> from;
    std::optional<std::int64_t> to;
    bool any() const { return from || to; }
};

std::variant<ClosedRange, ApiError> closed_range(const TableRequest& request) {
    const auto zone = request.zone ? *request.zone : TimeZone::server_zone();
    std::optional<CalendarDate> first;
    std::optional<CalendarDate> last;
    for (const char* field : {"from", "to"}) {
        const auto it = request.filters.find(field);
        if (it == request.filters.end()) {
            continue;
        }
        const auto date = parse_calendar_date(it->second);
        if (!date) {
            return validation_error(field, "must be a date written YYYY-MM-DD, such as 2026-03-01");
        }
        (std::string(field) == "from" ? first : last) = date;
    }
    if (first && last && *last < *first) {
        return validation_error("to", "must not be before from");
    }
    ClosedRange range;
    if (first) {
        range.from = zone.start_of_day(first->year, first->month, first->day);
    }
    if (last) {
        const auto after = next_day(*last);
        range.to = zone.start_of_day(after.year, after.month, after.day);
    }
    return range;
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

long long count_closed_between(Connection& db, std::int64_t from, std::int64_t to) {
    auto query = db.prepare(
        std::string("SELECT COUNT(*) FROM conversations c INDEXED BY conversations_history_order "
                    "WHERE c.state = 'closed' AND ") +
        kClosedAt + " >= ? AND " + kClosedAt + " < ?");
    query.bind(1, from).bind(2, to);
    query.step();
    return query.get_int(0);
}

// Closed conversations in `range`: whole UTC days from the day counters, the partial days at
// either end (a local midnight is rarely a UTC one) counted through the index.
long long counted_in_range(Connection& db, const ClosedRange& range) {
    if (!range.any()) {
        return counted(db, "history");
    }
    const std::int64_t lo = range.from.value_or(std::numeric_limits<std::int32_t>::min() * kDay);
    const std::int64_t hi = range.to.value_or(std::numeric_limits<std::int32_t>::max() * kDay);
    const std::int64_t first_day = floor_div(lo + kDay - 1, kDay);
    const std::int64_t last_day = floor_div(hi, kDay) - 1;
    if (first_day > last_day) {
        return count_closed_between(db, lo, hi);
    }
    return counted_range(db, "history", "day", first_day, last_day) +
           count_closed_between(db, lo, first_day * kDay) +
           count_closed_between(db, (last_day + 1) * kDay, hi);
}

std::variant<TablePlan, ApiError> plan_history(Connection& db, const TableRequest& request) {
    TablePlan plan;
    plan.index_clause = indexed_by("conversations_history_order");
    auto ranged = closed_range(request);
    if (const auto* error = std::get_if<ApiError>(&ranged)) {
        return *error;
    }
    const auto range = std::get<ClosedRange>(ranged);
    auto agents = filtered_agent_ids(db, request.filters);
    if (const auto* error = std::get_if<ApiError>(&agents)) {
        return *error;
    }
    const auto& agent_ids = std::get<std::optional<std::vector<std::int64_t>>>(agents);
    if (agent_ids && agent_ids->empty()) {
        return nothing_matches();
    }

    if (range.from) {
        plan.filter.add(std::string(kClosedAt) + " >= ?", {*range.from});
    }
    if (range.to) {
        plan.filter.add(std::string(kClosedAt) + " < ?", {*range.to});
    }
    if (agent_ids) {
        plan.filter.add_in("c.agent_id", *agent_ids);
    }
    if (const auto it = request.filters.find("customer"); it != request.filters.end()) {
        add_customer_filter(plan.filter, "c.customer_id", it->second);
        plan.index_clause.clear(); // counted with COUNT(*); SQLite picks the narrower index
        return plan;
    }
    if (!agent_ids) {
        plan.total = counted_in_range(db, range);
        return plan;
    }
    // The agents' rows: counted by their counters, or through their index within a range.
    if (!range.any()) {
        plan.total = counted_sum(db, "history", "agent", *agent_ids);
    } else {
        SqlFilter agent_rows = plan.filter;
        agent_rows.conditions.insert(agent_rows.conditions.begin(), "c.state = 'closed'");
        auto count = db.prepare("SELECT COUNT(*) FROM conversations c INDEXED BY "
                                "conversations_history_by_agent" +
                                agent_rows.where_clause());
        agent_rows.bind_all(count);
        count.step();
        plan.total = count.get_int(0);
    }
    if (read_agent_rows_first(agent_ids->size(), *plan.total, counted_in_range(db, range),
                              request.page.page_size)) {
        plan.index_clause = indexed_by("conversations_history_by_agent");
    }
    return plan;
}

} // namespace

TableSpec conversation_history_table() {
    TableSpec spec;
    spec.name = "history";
    spec.title = "Conversation history";
    spec.file_stem = "conversation-history";
    spec.columns = {
        customer_column(),
        phone_column(),
        agent_column(),
        skillset_column(),
        {"started_at", "Started", ColumnType::datetime, 18},
        {"closed_at", "Closed", ColumnType::datetime, 18},
        {"close_reason", "Close reason", ColumnType::text, 18},
        {"licence_type", "Licence type", ColumnType::text, 14},
        {"last_message", "Last customer message", ColumnType::text, 40},
    };
    spec.filters = {"agent", "agent_id", "from", "to", "customer"};
    spec.select_list = std::string("c.id, ") + kCustomerName + ", " + kCustomerPhone +
                       ", u.name, s.name, c.started_at, c.closed_at, c.close_reason, "
                       "c.licence_type, c.last_customer_text";
    spec.main_table = "conversations";
    spec.alias = "c";
    spec.key_column = "c.id";
    spec.joins = kConversationJoins;
    spec.base_where = "c.state = 'closed'";
    // The keys of conversations_history_order and (after the agent) of
    // conversations_history_by_agent (migration 6).
    spec.order = {{kClosedAt, true}, {"c.id", true}};
    spec.sorts = {
        {"started_at",
         {{"c.started_at", false}, {"c.id", false}},
         "conversations_by_state_started"},
        {"closed_at", {{kClosedAt, false}, {"c.id", false}}, "conversations_history_order"},
    };
    spec.default_sort = "-closed_at";
    spec.plan = plan_history;
    return spec;
}

} // namespace waconsole
