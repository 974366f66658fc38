// One import-and-validate run for xlsx_import_bench (see campaign_import_child.cpp).
#pragma once

#include <string>

namespace waconsole {

int import_and_validate_once(const std::string& workbook);

} // namespace waconsole
