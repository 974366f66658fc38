// libzip writing for the test uploads: parts go into a temporary file that is read back.
#include "workbook_builder.hpp"

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <unistd.h>
#include <zip.h>

namespace waconsole::testing {
namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

struct TempFolder {
    std::filesystem::path path;
    TempFolder() {
        path = std::filesystem::temp_directory_path() /
               ("waconsole-import-tests-" + std::to_string(::getpid()));
        std::filesystem::create_directories(path);
    }
    ~TempFolder() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
};

} // namespace

std::string temp_path(const std::string& name) {
    static TempFolder folder;
    static std::atomic<int> counter{0};
    return (folder.path / (std::to_string(++counter) + "-" + name)).string();
}

std::string zip_bytes(const ZipParts& parts, const char* password, bool stored) {
    const std::string path = temp_path("parts.zip");
    int error = 0;
    zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    if (archive == nullptr) {
        throw std::runtime_error("zip_open failed");
    }
    for (const auto& [name, content] : parts) {
        zip_source_t* source = zip_source_buffer(archive, content.data(), content.size(), 0);
        const zip_int64_t index = zip_file_add(archive, name.c_str(), source, ZIP_FL_OVERWRITE);
        if (index < 0) {
            zip_source_free(source);
            zip_discard(archive);
            throw std::runtime_error("zip_file_add failed");
        }
        if (stored && zip_set_file_compression(archive, static_cast<zip_uint64_t>(index),
                                               ZIP_CM_STORE, 0) != 0) {
            zip_discard(archive);
            throw std::runtime_error("zip_set_file_compression failed");
        }
        if (password != nullptr &&
            zip_file_set_encryption(archive, static_cast<zip_uint64_t>(index), ZIP_EM_TRAD_PKWARE,
                                    password) != 0) {
            zip_discard(archive);
            throw std::runtime_error("zip_file_set_encryption failed");
        }
    }
    if (zip_close(archive) != 0) {
        zip_discard(archive);
        throw std::runtime_error("zip_close failed");
    }
    return read_file(path);
}

ZipParts workbook_parts(const SheetXml& sheet) {
    const std::string sheet_target = sheet.sheet_part.substr(3); // relative to xl/
    ZipParts parts{
        {"[Content_Types].xml",
         R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)"},
        {"xl/workbook.xml",
         R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
         R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
         R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)" +
             sheet.workbook_pr +
             R"(<sheets><sheet name="Recipients" sheetId="1" r:id="rId7"/></sheets></workbook>)"},
        {"xl/_rels/workbook.xml.rels",
         R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
         R"(<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target=")" +
             sheet_target +
             R"("/><Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>)"
             R"(<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>)"},
        {sheet.sheet_part,
         R"(<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)" +
             sheet.sheet_data + "</sheetData></worksheet>"},
    };
    if (!sheet.shared_strings.empty()) {
        parts.emplace_back(
            "xl/sharedStrings.xml",
            R"(<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)" +
                sheet.shared_strings + "</sst>");
    }
    if (!sheet.styles.empty()) {
        parts.emplace_back("xl/styles.xml", sheet.styles);
    }
    return parts;
}

std::string workbook_bytes(const SheetXml& sheet) {
    return zip_bytes(workbook_parts(sheet));
}

std::string styles_xml(const std::vector<int>& cell_xf_formats,
                       const std::vector<std::pair<int, std::string>>& custom_formats) {
    std::string xml =
        R"(<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)";
    if (!custom_formats.empty()) {
        xml += "<numFmts count=\"" + std::to_string(custom_formats.size()) + "\">";
        for (const auto& [id, code] : custom_formats) {
            xml += "<numFmt numFmtId=\"" + std::to_string(id) + "\" formatCode=\"" + code + "\"/>";
        }
        xml += "</numFmts>";
    }
    // The decoy: a date style in cellStyleXfs, which cells' s attributes do not index.
    xml += R"(<cellStyleXfs count="2"><xf numFmtId="14"/><xf numFmtId="14"/></cellStyleXfs>)";
    xml += "<cellXfs count=\"" + std::to_string(cell_xf_formats.size()) + "\">";
    for (const int format : cell_xf_formats) {
        xml += "<xf numFmtId=\"" + std::to_string(format) + "\" xfId=\"0\"/>";
    }
    return xml + "</cellXfs></styleSheet>";
}

ReadRows read_rows(const UploadedFile& file, const ImportLimits& limits) {
    ReadRows result;
    result.error = read_upload_rows(file, limits, [&](const FileRow& row) {
        result.rows.push_back(row);
        return true;
    });
    return result;
}

ReadRows read_xlsx_bytes(const std::string& bytes, const ImportLimits& limits) {
    return read_rows(UploadedFile::in_memory(bytes, "upload.xlsx"), limits);
}

std::string compound_file(const std::string& stream_name) {
    std::string bytes("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
    bytes.resize(1024, '\0');
    for (const char c : stream_name) {
        bytes.push_back(c);
        bytes.push_back('\0');
    }
    bytes.resize(2048, '\0');
    return bytes;
}

} // namespace waconsole::testing
