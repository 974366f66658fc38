// libzip-backed part reader for export tests.
#include "xlsx_reader.hpp"

#include <memory>
#include <zip.h>

namespace waconsole::testing {

std::optional<std::string> read_zip_part(const std::string& zip_path, const std::string& part) {
    int error = 0;
    std::unique_ptr<zip_t, decltype(&zip_discard)> archive(
        zip_open(zip_path.c_str(), ZIP_RDONLY, &error), &zip_discard);
    if (!archive) {
        return std::nullopt;
    }
    zip_stat_t stat;
    if (zip_stat(archive.get(), part.c_str(), 0, &stat) != 0) {
        return std::nullopt;
    }
    std::unique_ptr<zip_file_t, decltype(&zip_fclose)> file(
        zip_fopen(archive.get(), part.c_str(), 0), &zip_fclose);
    if (!file) {
        return std::nullopt;
    }
    std::string text(static_cast<std::size_t>(stat.size), '\0');
    const auto read = zip_fread(file.get(), text.data(), stat.size);
    if (read < 0 || static_cast<zip_uint64_t>(read) != stat.size) {
        return std::nullopt;
    }
    return text;
}

int count_occurrences(const std::string& haystack, const std::string& needle) {
    int count = 0;
    for (auto at = haystack.find(needle); at != std::string::npos;
         at = haystack.find(needle, at + needle.size())) {
        ++count;
    }
    return count;
}

} // namespace waconsole::testing
