// Names of import error codes, kept beside the enum so a new code cannot go unnamed (the switch
// has no default, so the compiler warns).
#include "server/import/import_error.hpp"

#include <string>

namespace waconsole {

const char* import_error_code_name(ImportErrorCode code) {
    switch (code) {
    case ImportErrorCode::file_unreadable:
        return "file_unreadable";
    case ImportErrorCode::file_too_large:
        return "file_too_large";
    case ImportErrorCode::empty_file:
        return "empty_file";
    case ImportErrorCode::not_xlsx:
        return "not_xlsx";
    case ImportErrorCode::extension_mismatch:
        return "extension_mismatch";
    case ImportErrorCode::legacy_xls:
        return "legacy_xls";
    case ImportErrorCode::encrypted:
        return "encrypted";
    case ImportErrorCode::corrupt_zip:
        return "corrupt_zip";
    case ImportErrorCode::zip_bomb:
        return "zip_bomb";
    case ImportErrorCode::corrupt_xml:
        return "corrupt_xml";
    case ImportErrorCode::xml_dtd_refused:
        return "xml_dtd_refused";
    case ImportErrorCode::no_sheet:
        return "no_sheet";
    case ImportErrorCode::too_many_rows:
        return "too_many_rows";
    case ImportErrorCode::cell_too_long:
        return "cell_too_long";
    case ImportErrorCode::not_utf8:
        return "not_utf8";
    case ImportErrorCode::missing_column:
        return "missing_column";
    }
    return "unknown";
}

ImportError too_many_rows_error(std::size_t limit, std::size_t row) {
    return ImportError{ImportErrorCode::too_many_rows,
                       "The file has more than " + std::to_string(limit) +
                           " rows (the limit); row " + std::to_string(row) +
                           " is past it. Split it into several files."};
}

ImportError cell_too_long_error(std::size_t limit, std::size_t row) {
    return ImportError{ImportErrorCode::cell_too_long,
                       (row == 0 ? std::string("The file has a cell")
                                 : "Row " + std::to_string(row) + " has a cell") +
                           " of more than " + std::to_string(limit) +
                           " bytes, longer than Excel allows (is a quote left open?)."};
}

} // namespace waconsole
