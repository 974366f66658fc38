// libzip-backed part reader for export tests.
#include "xlsx_reader.hpp"

#include <catch2/catch.hpp>
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

std::vector<std::string> checked_zip_entries(const std::string& zip_path) {
    int error = 0;
    std::unique_ptr<zip_t, decltype(&zip_discard)> archive(
        zip_open(zip_path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &error), &zip_discard);
    INFO("libzip error " << error);
    REQUIRE(archive);
    std::vector<std::string> names;
    const auto count = zip_get_num_entries(archive.get(), 0);
    for (zip_int64_t i = 0; i < count; ++i) {
        const auto index = static_cast<zip_uint64_t>(i);
        names.emplace_back(zip_get_name(archive.get(), index, 0));
        INFO(names.back());
        std::unique_ptr<zip_file_t, decltype(&zip_fclose)> file(
            zip_fopen_index(archive.get(), index, 0), &zip_fclose);
        REQUIRE(file);
        char buffer[64 * 1024];
        zip_int64_t read = 0;
        while ((read = zip_fread(file.get(), buffer, sizeof buffer)) > 0) {
        }
        CHECK(read == 0); // -1: a CRC or inflate error
    }
    return names;
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
