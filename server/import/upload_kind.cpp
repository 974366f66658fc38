// Upload sniffing. The compound file check looks for the stream's name as the directory stores
// it (UTF-16LE) rather than walking the compound file's sector chains: an encrypted package
// always names that stream, and nothing is read from it either way.
#include "server/import/upload_kind.hpp"

#include <algorithm>
#include <string>

namespace waconsole {
namespace {

constexpr std::string_view zip_magic = "PK\x03\x04";
constexpr std::string_view empty_zip_magic = "PK\x05\x06";
constexpr std::string_view compound_magic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

std::string lowered_extension(std::string_view name) {
    const auto dot = name.rfind('.');
    const auto slash = name.find_last_of("/\\");
    if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) {
        return "";
    }
    std::string extension(name.substr(dot));
    std::transform(extension.begin(), extension.end(), extension.begin(), [](char c) {
        return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    });
    return extension;
}

bool starts_with(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

// Text has no NUL bytes (UTF-16 has many: it is caught by the CSV reader with its own message).
bool looks_like_text(std::string_view head) {
    if (starts_with(head, "\xFF\xFE") || starts_with(head, "\xFE\xFF")) {
        return true;
    }
    return head.find('\0') == std::string_view::npos;
}

} // namespace

std::variant<UploadKind, ImportError> detect_upload_kind(std::string_view name,
                                                         std::string_view head) {
    if (head.empty()) {
        return ImportError{ImportErrorCode::empty_file, "The file is empty."};
    }
    const std::string extension = lowered_extension(name);
    const bool named_excel = extension == ".xlsx" || extension == ".xlsm";
    const bool named_old_excel = extension == ".xls";
    const bool named_text = extension == ".csv" || extension == ".txt";

    if (starts_with(head, zip_magic) || starts_with(head, empty_zip_magic)) {
        if (named_text) {
            return ImportError{ImportErrorCode::extension_mismatch,
                               "The file is named " + extension +
                                   " but holds an Excel workbook: name it .xlsx."};
        }
        return UploadKind::xlsx;
    }
    if (starts_with(head, compound_magic)) {
        return UploadKind::compound_file;
    }
    if (looks_like_text(head)) {
        if (named_excel || named_old_excel) {
            return ImportError{ImportErrorCode::extension_mismatch,
                               "The file is named " + extension +
                                   " but holds plain text, not an Excel workbook (a CSV file "
                                   "renamed?): name it .csv, or open it in Excel and save it "
                                   "as an Excel workbook."};
        }
        return UploadKind::csv;
    }
    return ImportError{ImportErrorCode::not_xlsx,
                       "The file is neither an Excel workbook (.xlsx) nor a CSV file."};
}

ImportError compound_file_error(std::string_view whole_file) {
    static const std::string encrypted_stream_name = [] {
        std::string utf16;
        for (const char c : std::string_view("EncryptedPackage")) {
            utf16.push_back(c);
            utf16.push_back('\0');
        }
        return utf16;
    }();
    if (whole_file.find(encrypted_stream_name) != std::string_view::npos) {
        return ImportError{ImportErrorCode::encrypted,
                           "The file is password-protected: remove the password in Excel (File, "
                           "Info, Protect Workbook) and upload it again."};
    }
    return ImportError{ImportErrorCode::legacy_xls,
                       "The file is an old Excel 97-2003 workbook (.xls): open it in Excel and "
                       "save it as an Excel workbook (.xlsx)."};
}

} // namespace waconsole
