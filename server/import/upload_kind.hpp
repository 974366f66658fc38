// What an upload is, from its first bytes and the name the person gave it: an .xlsx (a zip), a
// CSV (text), or an Office compound file (an old .xls, or an encrypted .xlsx: Excel wraps a
// password-protected workbook in one). The name and the content must agree, so a CSV renamed
// .xlsx is refused with that said, not read as something it is not.
#pragma once

#include "server/import/import_error.hpp"

#include <string_view>
#include <variant>

namespace waconsole {

enum class UploadKind { xlsx, csv, compound_file };

// `head`: the first bytes of the file (4 KiB is plenty; fewer if the file is shorter).
// Errors: empty_file, extension_mismatch, not_xlsx (binary that is neither).
std::variant<UploadKind, ImportError> detect_upload_kind(std::string_view name,
                                                         std::string_view head);

// For a compound file: encrypted when it holds an "EncryptedPackage" stream (what Excel writes
// for a password-protected .xlsx), otherwise legacy_xls. Always an error: neither can be read.
ImportError compound_file_error(std::string_view whole_file);

} // namespace waconsole
