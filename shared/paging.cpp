// Validation of page requests, shared so the UI never asks for what the server refuses.
#include "shared/paging.hpp"

#include <limits>

namespace waconsole {

std::optional<long long> parse_whole_number(const std::string& text) {
    if (text.empty() || text.size() > 18) {
        return std::nullopt;
    }
    long long value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        value = value * 10 + (c - '0');
    }
    return value;
}

PageQueryResult parse_page_query(const std::map<std::string, std::string>& params) {
    PageQuery query;
    if (const auto it = params.find("page"); it != params.end()) {
        const auto page = parse_whole_number(it->second);
        if (!page || *page < 1 || *page > std::numeric_limits<int>::max()) {
            return {std::nullopt, validation_error("page", "must be a whole number from 1")};
        }
        query.page = static_cast<int>(*page);
    }
    if (const auto it = params.find("page_size"); it != params.end()) {
        const auto size = parse_whole_number(it->second);
        if (!size || *size < kMinPageSize || *size > kMaxPageSize) {
            return {std::nullopt,
                    validation_error("page_size", "must be a whole number from " +
                                                      std::to_string(kMinPageSize) + " to " +
                                                      std::to_string(kMaxPageSize))};
        }
        query.page_size = static_cast<int>(*size);
    }
    return {query, std::nullopt};
}

int page_count(long long total, int page_size) {
    if (total <= 0 || page_size <= 0) {
        return 1;
    }
    return static_cast<int>((total + page_size - 1) / page_size);
}

long long page_offset(const PageQuery& query) {
    return static_cast<long long>(query.page - 1) * query.page_size;
}

} // namespace waconsole
