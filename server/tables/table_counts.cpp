// Counter reads; a counter with no row is zero.
#include "server/tables/table_counts.hpp"

namespace waconsole {

long long counted(Connection& db, const char* section, const char* dimension, std::int64_t key) {
    auto query =
        db.prepare("SELECT n FROM table_counts WHERE section = ? AND dimension = ? AND key = ?");
    query.bind(1, section).bind(2, dimension).bind(3, key);
    return query.step() ? query.get_int(0) : 0;
}

long long counted_sum(Connection& db, const char* section, const char* dimension,
                      const std::vector<std::int64_t>& keys) {
    auto query =
        db.prepare("SELECT n FROM table_counts WHERE section = ? AND dimension = ? AND key = ?");
    long long sum = 0;
    for (const auto key : keys) {
        query.reset();
        query.bind(1, section).bind(2, dimension).bind(3, key);
        if (query.step()) {
            sum += query.get_int(0);
        }
    }
    return sum;
}

long long counted_range(Connection& db, const char* section, const char* dimension,
                        std::int64_t first, std::int64_t last) {
    auto query = db.prepare("SELECT COALESCE(SUM(n), 0) FROM table_counts WHERE section = ? AND "
                            "dimension = ? AND key BETWEEN ? AND ?");
    query.bind(1, section).bind(2, dimension).bind(3, first).bind(4, last);
    query.step();
    return query.get_int(0);
}

} // namespace waconsole
