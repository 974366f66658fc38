// The numbering plan table and its lookups.
#include "shared/phone_plan.hpp"

#include "phone_plan_data.inc"

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <vector>

namespace waconsole {
namespace {

struct PlanRow {
    int code;
    std::uint32_t lengths; // bit n: national numbers of n digits exist
    const char* region;
};

constexpr PlanRow kPlan[] = {WACONSOLE_CALLING_CODES};
constexpr int kNonUsAreaCodes[] = {WACONSOLE_NON_US_NANP_AREA_CODES};

// Calling codes have one to three digits: kPlan's index by code, so a number's check costs a few
// array reads rather than scans of the table (a 100,000-row review checks every number).
constexpr int kNoRow = -1;
struct PlanIndex {
    short row[1000];
};
constexpr PlanIndex make_plan_index() {
    PlanIndex index{};
    for (auto& row : index.row) {
        row = kNoRow;
    }
    for (std::size_t at = 0; at < std::size(kPlan); ++at) {
        if (kPlan[at].code > 0 && kPlan[at].code < 1000 && index.row[kPlan[at].code] == kNoRow) {
            index.row[kPlan[at].code] = static_cast<short>(at);
        }
    }
    return index;
}
constexpr PlanIndex kPlanIndex = make_plan_index();

const PlanRow* row_of(int code) {
    if (code <= 0 || code >= 1000 || kPlanIndex.row[code] == kNoRow) {
        return nullptr;
    }
    return &kPlan[kPlanIndex.row[code]];
}

} // namespace

std::optional<CallingCode> calling_code_of(std::string_view digits) {
    int code = 0;
    for (std::size_t size = 1; size <= 3 && size <= digits.size(); ++size) {
        const char c = digits[size - 1];
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        code = code * 10 + (c - '0');
        if (const auto* row = row_of(code)) {
            return CallingCode{code, row->region, digits.substr(size)};
        }
    }
    return std::nullopt;
}

bool national_length_possible(int code, std::size_t length) {
    const auto* row = row_of(code);
    return row && length < 32 && (row->lengths >> length) & 1u;
}

std::string national_lengths_text(int code) {
    const auto* row = row_of(code);
    if (!row) {
        return "";
    }
    std::vector<int> lengths;
    for (int n = 0; n < 32; ++n) {
        if ((row->lengths >> n) & 1u) {
            lengths.push_back(n);
        }
    }
    if (lengths.size() > 2 && lengths.back() - lengths.front() + 1 == int(lengths.size())) {
        return std::to_string(lengths.front()) + " to " + std::to_string(lengths.back());
    }
    std::string text;
    for (std::size_t i = 0; i < lengths.size(); ++i) {
        if (i > 0) {
            text += i + 1 == lengths.size() ? " or " : ", ";
        }
        text += std::to_string(lengths[i]);
    }
    return text;
}

bool is_united_states_number(std::string_view digits) {
    if (digits.size() != 11 || digits.front() != '1') {
        return false;
    }
    const int area = (digits[1] - '0') * 100 + (digits[2] - '0') * 10 + (digits[3] - '0');
    return std::find(std::begin(kNonUsAreaCodes), std::end(kNonUsAreaCodes), area) ==
           std::end(kNonUsAreaCodes);
}

} // namespace waconsole
