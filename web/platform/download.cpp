// JavaScript side of download.hpp.
#include "platform/download.hpp"

#include <cstdlib>
#include <emscripten.h>

namespace {

// clang-format off
EM_JS(void, js_save_download, (const char* name, const char* mime, const char* data, int size), {
    var bytes = HEAPU8.slice(data, data + size);
    var blob = new Blob([bytes], {type: UTF8ToString(mime)});
    var url = URL.createObjectURL(blob);
    var link = document.createElement('a');
    link.href = url;
    link.download = UTF8ToString(name);
    link.style.display = 'none';
    document.body.appendChild(link);
    link.click();
    link.remove();
    // The download has taken its copy once the click has been handled.
    setTimeout(function() { URL.revokeObjectURL(url); }, 60000);
});
EM_JS(char*, js_decode_uri_component, (const char* text), {
    var value = UTF8ToString(text);
    try { value = decodeURIComponent(value); } catch (e) {}
    var size = lengthBytesUTF8(value) + 1;
    var out = _malloc(size);
    stringToUTF8(value, out, size);
    return out;
});
// clang-format on

std::string trim_quotes(std::string value) {
    const auto first = value.find_first_not_of(" \t\"");
    const auto last = value.find_last_not_of(" \t\";");
    return first == std::string::npos ? "" : value.substr(first, last - first + 1);
}

// The value of `key=` among the ;-separated parameters, "" when absent.
std::string parameter(const std::string& header, const std::string& key) {
    std::size_t start = 0;
    while (start < header.size()) {
        std::size_t end = header.find(';', start);
        if (end == std::string::npos) {
            end = header.size();
        }
        std::string part = header.substr(start, end - start);
        const auto first = part.find_first_not_of(" \t");
        part = first == std::string::npos ? "" : part.substr(first);
        if (part.size() > key.size() && part.compare(0, key.size(), key) == 0 &&
            part[key.size()] == '=') {
            return part.substr(key.size() + 1);
        }
        start = end + 1;
    }
    return "";
}

} // namespace

namespace waconsole::platform {

void save_download(const std::string& filename, const std::string& mime_type,
                   const std::string& bytes) {
    js_save_download(filename.c_str(), mime_type.c_str(), bytes.data(),
                     static_cast<int>(bytes.size()));
}

std::string filename_from_content_disposition(const std::string& header,
                                              const std::string& fallback) {
    std::string name;
    if (std::string extended = parameter(header, "filename*"); !extended.empty()) {
        // RFC 5987: charset'language'percent-encoded
        if (const auto quote = extended.find("''"); quote != std::string::npos) {
            extended = extended.substr(quote + 2);
        }
        char* decoded = js_decode_uri_component(trim_quotes(extended).c_str());
        name = decoded;
        free(decoded);
    }
    if (name.empty()) {
        name = trim_quotes(parameter(header, "filename"));
    }
    if (const auto slash = name.find_last_of("/\\"); slash != std::string::npos) {
        name = name.substr(slash + 1);
    }
    return name.empty() ? fallback : name;
}

} // namespace waconsole::platform
