// How a cell's stored value becomes the text the campaign sees. Excel stores every number as a
// double and writes it in the XML as the shortest text that reads back the same, sometimes in
// scientific notation ("3.4600000001E10"): a phone number must come out as its digits, never
// through a double (which would print "3.46e+10" or lose digits past 15).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace waconsole {

// Plain decimal text of a number as stored in the XML: "3.4600000001E10" -> "34600000001",
// "1234.50" -> "1234.5", "-0" -> "0". Digits are shifted as text, not through a double. A literal
// with a fraction or an exponent is rounded to 15 significant digits as Excel shows it
// ("0.30000000000000004" -> "0.3"); an integer literal keeps every digit it was written with.
// nullopt if `stored` is not a number.
std::optional<std::string> plain_number_text(std::string_view stored);

enum class DateStyle {
    none,      // a plain number
    date,      // a date; the time is added when the value has one
    time,      // a time of day (or a duration): just the time when the value has no date part
    date_time, // both, always
};

// An Excel serial date as ISO text: "2026-03-05", "2026-03-05 14:30:00" or "14:30:00".
// `date1904` is the workbook's 1904 date system (old Mac files). Serials 1-59 follow Excel's
// 1900 leap year bug (60 is its 1900-02-29). nullopt if `stored` is not a non-negative number
// below year 10000.
std::optional<std::string> serial_date_text(std::string_view stored, DateStyle style,
                                            bool date1904);

// Undoes the escaping of OOXML's string type (ST_Xstring): Excel writes a character XML cannot
// hold (a control character such as the tab or carriage return of a multi-line cell) as
// "_xHHHH_", a UTF-16 code unit in hex, and a literal "_x" that would read as one as
// "_x005F_x". A surrogate pair comes as two escapes; a lone surrogate becomes U+FFFD. Text
// without "_x" is left untouched at the cost of one search.
void decode_xstring_escapes(std::string& text);

} // namespace waconsole
