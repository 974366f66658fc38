// A cell's text as the XML inside <t>…</t>, so that any text from the database opens in Excel:
// XML's special characters escaped, characters XML 1.0 forbids written as Excel's _xHHHH_
// escapes (Excel shows the character itself), bytes that are not UTF-8 replaced by U+FFFD, and
// text past Excel's 32,767 characters a cell cut there.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace waconsole {

// Excel's limit on a cell's text, in UTF-16 code units (as Excel counts characters).
constexpr std::size_t kXlsxMaxCellCharacters = 32767;

// Appends the escaped text to `out`.
void append_cell_text_xml(std::string& out, std::string_view text);

// True when Excel would drop the text's leading or trailing white space unless the <t> element
// says xml:space="preserve".
bool needs_space_preserved(std::string_view text);

} // namespace waconsole
