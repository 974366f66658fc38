// Page requests for every paged table: the "data frame" of 10 to 100 rows.
#pragma once

#include "shared/api_error.hpp"

#include <array>
#include <map>
#include <optional>
#include <string>

namespace waconsole {

constexpr int kMinPageSize = 10;
constexpr int kMaxPageSize = 100;
constexpr int kDefaultPageSize = 10;
// The choices of the page-size selector; every one must lie in [kMinPageSize, kMaxPageSize].
constexpr std::array<int, 10> kPageSizeChoices = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100};

struct PageQuery {
    int page = 1;
    int page_size = kDefaultPageSize;
};

struct PageQueryResult {
    std::optional<PageQuery> query;
    std::optional<ApiError> error;
};

// Reads "page" and "page_size" from query parameters. Missing values take the defaults;
// anything that is not a whole number in range is an error naming the field.
PageQueryResult parse_page_query(const std::map<std::string, std::string>& params);

// Parses a whole decimal number with no sign, spaces or trailing text; nullopt otherwise.
std::optional<long long> parse_whole_number(const std::string& text);

// How many pages hold `total` rows (at least 1, so an empty table shows "page 1 of 1").
int page_count(long long total, int page_size);
long long page_offset(const PageQuery& query);

} // namespace waconsole
