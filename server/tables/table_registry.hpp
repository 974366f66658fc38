// Every paged table the API serves, by URL name.
#pragma once

#include "server/tables/table_spec.hpp"

#include <map>
#include <string>

namespace waconsole {

class TableRegistry {
public:
    TableRegistry(); // registers every table the server has
    const TableSpec* find(const std::string& name) const;
    std::vector<std::string> names() const;

private:
    std::map<std::string, TableSpec> m_tables;
};

} // namespace waconsole
