// Number and date text for cells. Numbers are handled as decimal digit strings with a point
// position so no precision is lost; dates go through a double, which is exact enough for the
// whole days and the seconds a serial holds.
#include "server/import/cell_text.hpp"

#include "server/import/utf8_encode.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>

namespace waconsole {
namespace {

// Excel shows at most 15 significant digits, and the 16th and 17th of a written double are
// float noise ("0.30000000000000004").
constexpr std::size_t significant_digits = 15;
// Past this many places a plain decimal would be absurdly long: keep scientific notation.
constexpr long plain_exponent_limit = 30;

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\n' ||
                             text.front() == '\r')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n' ||
                             text.back() == '\r')) {
        text.remove_suffix(1);
    }
    return text;
}

// Rounds the digit string to `keep` digits, half up; returns true if a carry added a digit in
// front (999.. -> 1000..).
bool round_digits(std::string& digits, std::size_t keep) {
    const bool up = digits[keep] >= '5';
    digits.resize(keep);
    if (!up) {
        return false;
    }
    for (std::size_t i = keep; i-- > 0;) {
        if (digits[i] != '9') {
            ++digits[i];
            return false;
        }
        digits[i] = '0';
    }
    digits.insert(digits.begin(), '1');
    digits.pop_back();
    return true;
}

// `value` zero-padded to `width` digits (a year, month, day, hour...). snprintf costs more than
// the whole cell when a sheet has 100,000 dates.
void append_digits(std::string& out, unsigned value, std::size_t width) {
    char digits[10];
    std::size_t count = 0;
    do {
        digits[count++] = static_cast<char>('0' + value % 10);
        value /= 10;
    } while (value != 0 && count < sizeof digits);
    out.append(width > count ? width - count : 0, '0');
    while (count > 0) {
        out += digits[--count];
    }
}

// days since 1970-01-01 -> civil date (proleptic Gregorian); the well-known era arithmetic.
void civil_from_days(long days, int& year, unsigned& month, unsigned& day) {
    days += 719468;
    const long era = (days >= 0 ? days : days - 146096) / 146097;
    const auto day_of_era = static_cast<unsigned>(days - era * 146097);
    const unsigned year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    const unsigned day_of_year =
        day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const unsigned month_index = (5 * day_of_year + 2) / 153;
    day = day_of_year - (153 * month_index + 2) / 5 + 1;
    month = month_index < 10 ? month_index + 3 : month_index - 9;
    year = static_cast<int>(year_of_era + era * 400 + (month <= 2 ? 1 : 0));
}

} // namespace

std::optional<std::string> plain_number_text(std::string_view stored) {
    std::string_view text = trim(stored);
    bool negative = false;
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
        negative = text.front() == '-';
        text.remove_prefix(1);
    }
    std::string digits;
    long point = 0; // the value is 0.digits... * 10^point once digits are collected
    bool seen_point = false;
    bool inexact_form = false; // a fraction or an exponent: the text came from a double
    std::size_t at = 0;
    for (; at < text.size(); ++at) {
        const char c = text[at];
        if (is_digit(c)) {
            digits.push_back(c);
            if (!seen_point) {
                ++point;
            }
        } else if (c == '.' && !seen_point) {
            seen_point = true;
        } else {
            break;
        }
    }
    if (digits.empty()) {
        return std::nullopt;
    }
    if (seen_point && digits.size() > static_cast<std::size_t>(point)) {
        inexact_form = true;
    }
    if (at < text.size()) {
        if (text[at] != 'e' && text[at] != 'E') {
            return std::nullopt;
        }
        ++at;
        bool exponent_negative = false;
        if (at < text.size() && (text[at] == '-' || text[at] == '+')) {
            exponent_negative = text[at] == '-';
            ++at;
        }
        if (at == text.size()) {
            return std::nullopt;
        }
        long exponent = 0;
        for (; at < text.size(); ++at) {
            if (!is_digit(text[at])) {
                return std::nullopt;
            }
            if (exponent < 100000) {
                exponent = exponent * 10 + (text[at] - '0');
            }
        }
        point += exponent_negative ? -exponent : exponent;
        inexact_form = true;
    }
    // Leading zeros carry no value.
    std::size_t leading = 0;
    while (leading < digits.size() && digits[leading] == '0') {
        ++leading;
    }
    digits.erase(0, leading);
    point -= static_cast<long>(leading);
    if (digits.empty()) {
        return std::string("0");
    }
    if (inexact_form && digits.size() > significant_digits) {
        if (round_digits(digits, significant_digits)) {
            ++point;
        }
    }
    while (digits.size() > 1 && digits.back() == '0' && static_cast<long>(digits.size()) > point) {
        digits.pop_back();
    }
    if (digits == "0") {
        return std::string("0");
    }

    std::string out = negative ? "-" : "";
    if (point > plain_exponent_limit || point < -plain_exponent_limit) {
        out += digits[0];
        if (digits.size() > 1) {
            out += '.';
            out.append(digits, 1, std::string::npos);
        }
        out += 'E';
        out += std::to_string(point - 1);
        return out;
    }
    if (point <= 0) {
        out += "0.";
        out.append(static_cast<std::size_t>(-point), '0');
        out += digits;
    } else if (static_cast<std::size_t>(point) >= digits.size()) {
        out += digits;
        out.append(static_cast<std::size_t>(point) - digits.size(), '0');
    } else {
        out.append(digits, 0, static_cast<std::size_t>(point));
        out += '.';
        out.append(digits, static_cast<std::size_t>(point), std::string::npos);
    }
    return out;
}

std::optional<std::string> serial_date_text(std::string_view stored, DateStyle style,
                                            bool date1904) {
    const std::string_view text = trim(stored);
    double serial = 0;
    const auto parsed = std::from_chars(text.data(), text.data() + text.size(), serial);
    if (parsed.ec != std::errc() || parsed.ptr != text.data() + text.size() ||
        !std::isfinite(serial) || serial < 0 || serial >= 2958466) { // 9999-12-31 is 2958465
        return std::nullopt;
    }
    auto whole_days = static_cast<long>(std::floor(serial));
    auto seconds =
        static_cast<long>(std::llround((serial - static_cast<double>(whole_days)) * 86400.0));
    if (seconds >= 86400) {
        ++whole_days;
        seconds -= 86400;
    }

    std::string date = "1900-02-29"; // serial 60: Excel's day that never was
    if (date1904 || whole_days != 60) {
        // 1900 system: 1899-12-30 + serial from March 1900 on, one day later before it (the
        // phantom 29th of February). 1904 system: 1904-01-01 + serial.
        const long days_since_1970 =
            date1904 ? whole_days - 24107 : (whole_days < 60 ? whole_days + 1 : whole_days) - 25569;
        int year = 0;
        unsigned month = 0, day = 0;
        civil_from_days(days_since_1970, year, month, day);
        date.clear();
        append_digits(date, static_cast<unsigned>(year), 4);
        date += '-';
        append_digits(date, month, 2);
        date += '-';
        append_digits(date, day, 2);
    }
    std::string time;
    append_digits(time, static_cast<unsigned>(seconds / 3600), 2);
    time += ':';
    append_digits(time, static_cast<unsigned>(seconds / 60 % 60), 2);
    time += ':';
    append_digits(time, static_cast<unsigned>(seconds % 60), 2);

    switch (style) {
    case DateStyle::none:
    case DateStyle::date:
        return seconds == 0 ? date : date + " " + time;
    case DateStyle::time:
        return whole_days == 0 ? time : date + " " + time;
    case DateStyle::date_time:
        return date + " " + time;
    }
    return std::nullopt;
}

namespace {

// The code unit of an escape at `at` ("_xHHHH_"), if there is one.
std::optional<unsigned> xstring_unit(const std::string& text, std::size_t at) {
    if (at + 7 > text.size() || text[at] != '_' || text[at + 1] != 'x' || text[at + 6] != '_') {
        return std::nullopt;
    }
    unsigned unit = 0;
    for (std::size_t i = at + 2; i < at + 6; ++i) {
        const char c = text[i];
        unit <<= 4;
        if (c >= '0' && c <= '9') {
            unit |= static_cast<unsigned>(c - '0');
        } else if (c >= 'a' && c <= 'f') {
            unit |= static_cast<unsigned>(c - 'a' + 10);
        } else if (c >= 'A' && c <= 'F') {
            unit |= static_cast<unsigned>(c - 'A' + 10);
        } else {
            return std::nullopt;
        }
    }
    return unit;
}

} // namespace

void decode_xstring_escapes(std::string& text) {
    if (text.find("_x") == std::string::npos) {
        return;
    }
    std::string out;
    out.reserve(text.size());
    std::size_t at = 0;
    while (at < text.size()) {
        const auto unit = xstring_unit(text, at);
        if (!unit) {
            out.push_back(text[at++]);
            continue;
        }
        at += 7;
        unsigned code_point = *unit;
        if (code_point >= 0xD800 && code_point <= 0xDBFF) {
            const auto low = xstring_unit(text, at);
            if (low && *low >= 0xDC00 && *low <= 0xDFFF) {
                code_point = 0x10000 + ((code_point - 0xD800) << 10) + (*low - 0xDC00);
                at += 7;
            } else {
                code_point = 0xFFFD;
            }
        } else if (code_point >= 0xDC00 && code_point <= 0xDFFF) {
            code_point = 0xFFFD;
        }
        char bytes[4];
        out.append(bytes, put_utf8(code_point, bytes));
    }
    text = std::move(out);
}

} // namespace waconsole
