// Bulk reads of customers' numbers and the customer picker's search.
#include "server/store/customer_facts_store.hpp"

#include "server/store/like_pattern.hpp"

namespace waconsole {
namespace {

// Every number of the customers `where` selects (alias c): phone, "+" wa_id and aliases.
void for_each_number(Connection& db, const std::string& where, const NumberCallback& on_number) {
    auto numbers = db.prepare("SELECT c.phone, c.wa_id FROM customers c WHERE " + where);
    while (numbers.step()) {
        if (!numbers.is_null(0)) {
            on_number(numbers.get_text(0));
        }
        if (!numbers.is_null(1)) {
            on_number("+" + numbers.get_text(1));
        }
    }
    auto aliases = db.prepare(
        "SELECT a.phone FROM phone_aliases a JOIN customers c ON c.id = a.customer_id WHERE " +
        where);
    while (aliases.step()) {
        on_number(aliases.get_text(0));
    }
}

} // namespace

void for_each_opted_out_number(Connection& db, const NumberCallback& on_number) {
    for_each_number(db, "c.opted_out = 1", on_number);
}

void for_each_number_in_conversation(Connection& db, const NumberCallback& on_number) {
    for_each_number(db,
                    "c.id IN (SELECT customer_id FROM conversations "
                    "WHERE state IN ('waiting', 'active'))",
                    on_number);
}

std::vector<CustomerSummary> search_customers(Connection& db, const std::string& search,
                                              int limit) {
    auto query = db.prepare(
        "SELECT id, name, COALESCE(phone, '+' || wa_id, ''), email, opted_out FROM customers "
        "WHERE ?1 = '' OR name LIKE ?2 ESCAPE '\\' OR phone LIKE ?2 ESCAPE '\\' "
        "ORDER BY name, id LIMIT ?3");
    query.bind(1, search).bind(2, like_contains(search)).bind(3, limit);
    std::vector<CustomerSummary> customers;
    while (query.step()) {
        customers.push_back({query.get_int(0), query.get_text(1), query.get_text(2),
                             query.get_text(3), query.get_int(4) != 0});
    }
    return customers;
}

} // namespace waconsole
