// Reads a table's rows in its order through the order's index: from either end (skipping some
// rows when a page is asked by number) or from a cursor on (keyset paging). A cursor of n keys
// is read as at most n index seeks, the deepest first: the rows equal on every key but the last
// and past it on the last, then equal on all but the last two and past it on the one before,
// and so on. Each seek is an equality prefix plus a range on one key, which SQLite serves from
// the index even when the keys are expressions (it cannot seek a row-value comparison there).
#pragma once

#include "server/tables/table_spec.hpp"

#include <cstdint>
#include <vector>

namespace waconsole {

struct KeyedRow {
    std::int64_t id = 0;
    std::vector<std::int64_t> keys; // the order keys, as a cursor holds them
};

class OrderedReader {
public:
    // `spec` and `plan` must outlive the reader; rows come in `plan.order` (plan_table_request
    // fills it).
    OrderedReader(Connection& db, const TableSpec& spec, const TablePlan& plan);

    long long count();
    // Up to `limit` rows after skipping `offset`, from the start or from the end. Rows are
    // always returned in table order.
    std::vector<KeyedRow> from_start(long long limit, long long offset = 0);
    std::vector<KeyedRow> from_end(long long limit, long long offset = 0);
    // Up to `limit` rows strictly after / before the position `keys`, the nearest ones, in table
    // order.
    std::vector<KeyedRow> after(const std::vector<std::int64_t>& keys, long long limit);
    std::vector<KeyedRow> before(const std::vector<std::int64_t>& keys, long long limit);

private:
    std::vector<KeyedRow> read_from_end(bool forward, long long limit, long long offset);
    std::vector<KeyedRow> read_past(bool forward, const std::vector<std::int64_t>& keys,
                                    long long limit);
    std::string order_by(bool forward, std::size_t from_key) const;
    std::string head() const;

    Connection& m_db;
    const TableSpec& m_spec;
    const TablePlan& m_plan;
    std::vector<std::string> m_conditions; // base_where and the plan's filter
};

} // namespace waconsole
