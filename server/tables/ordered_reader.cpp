// Index-ordered reads of a table (see ordered_reader.hpp).
#include "server/tables/ordered_reader.hpp"

#include <algorithm>

namespace waconsole {
namespace {

std::vector<KeyedRow> read_keyed_rows(Statement& query, std::size_t key_count) {
    std::vector<KeyedRow> rows;
    while (query.step()) {
        KeyedRow row;
        row.id = query.get_int(0);
        for (std::size_t k = 0; k < key_count; ++k) {
            row.keys.push_back(query.get_int(static_cast<int>(k) + 1));
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

} // namespace

OrderedReader::OrderedReader(Connection& db, const TableSpec& spec, const TablePlan& plan)
    : m_db(db), m_spec(spec), m_plan(plan) {
    if (!spec.base_where.empty()) {
        m_conditions.push_back(spec.base_where);
    }
    m_conditions.insert(m_conditions.end(), plan.filter.conditions.begin(),
                        plan.filter.conditions.end());
}

std::string OrderedReader::head() const {
    std::string sql = "SELECT " + m_spec.key_column;
    for (const auto& key : m_plan.order) {
        sql += ", " + key.expression;
    }
    return sql + " FROM " + m_spec.main_table + " " + m_spec.alias + " " + m_plan.index_clause;
}

std::string OrderedReader::order_by(bool forward, std::size_t from_key) const {
    std::string clause;
    for (std::size_t k = std::max(from_key, m_plan.fixed_keys); k < m_plan.order.size(); ++k) {
        const bool descending = m_plan.order[k].descending == forward;
        clause += clause.empty() ? " ORDER BY " : ", ";
        clause += m_plan.order[k].expression + (descending ? " DESC" : " ASC");
    }
    return clause;
}

long long OrderedReader::count() {
    auto query = m_db.prepare("SELECT COUNT(*) FROM " + m_spec.main_table + " " + m_spec.alias +
                              where_clause(m_conditions));
    m_plan.filter.bind_all(query);
    query.step();
    return query.get_int(0);
}

std::vector<KeyedRow> OrderedReader::read_from_end(bool forward, long long limit,
                                                   long long offset) {
    if (limit <= 0) {
        return {};
    }
    auto query = m_db.prepare(head() + where_clause(m_conditions) + order_by(forward, 0) +
                              " LIMIT ? OFFSET ?");
    const int next = m_plan.filter.bind_all(query);
    query.bind(next, static_cast<std::int64_t>(limit));
    query.bind(next + 1, static_cast<std::int64_t>(offset));
    auto rows = read_keyed_rows(query, m_plan.order.size());
    if (!forward) {
        std::reverse(rows.begin(), rows.end());
    }
    return rows;
}

std::vector<KeyedRow> OrderedReader::from_start(long long limit, long long offset) {
    return read_from_end(true, limit, offset);
}

std::vector<KeyedRow> OrderedReader::from_end(long long limit, long long offset) {
    return read_from_end(false, limit, offset);
}

std::vector<KeyedRow> OrderedReader::read_past(bool forward, const std::vector<std::int64_t>& keys,
                                               long long limit) {
    std::vector<KeyedRow> rows;
    const auto key_count = m_plan.order.size();
    // Seek level `level`: equal on the keys before it, strictly past the cursor on it. Deeper
    // levels hold the nearer rows, so they are read first.
    for (auto level = key_count; level-- > 0 && static_cast<long long>(rows.size()) < limit;) {
        auto conditions = m_conditions;
        for (std::size_t k = 0; k < level; ++k) {
            conditions.push_back(m_plan.order[k].expression + " = ?");
        }
        const bool greater = forward != m_plan.order[level].descending;
        conditions.push_back(m_plan.order[level].expression + (greater ? " > ?" : " < ?"));
        auto query =
            m_db.prepare(head() + where_clause(conditions) + order_by(forward, level) + " LIMIT ?");
        int next = m_plan.filter.bind_all(query);
        for (std::size_t k = 0; k <= level; ++k) {
            query.bind(next++, keys[k]);
        }
        query.bind(next, static_cast<std::int64_t>(limit - static_cast<long long>(rows.size())));
        auto more = read_keyed_rows(query, key_count);
        rows.insert(rows.end(), std::make_move_iterator(more.begin()),
                    std::make_move_iterator(more.end()));
    }
    if (!forward) {
        std::reverse(rows.begin(), rows.end());
    }
    return rows;
}

std::vector<KeyedRow> OrderedReader::after(const std::vector<std::int64_t>& keys, long long limit) {
    return read_past(true, keys, limit);
}

std::vector<KeyedRow> OrderedReader::before(const std::vector<std::int64_t>& keys,
                                            long long limit) {
    return read_past(false, keys, limit);
}

} // namespace waconsole
