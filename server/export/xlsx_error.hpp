// The one exception both .xlsx writers throw (libxlsxwriter's wrapper and the streamed table
// export): an export either produces a whole file or fails loudly, never a half-written sheet.
#pragma once

#include <stdexcept>

namespace waconsole {

class XlsxError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace waconsole
