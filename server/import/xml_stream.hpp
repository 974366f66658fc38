// A push parser over expat for the parts of a workbook: chunks go in as they are inflated, the
// handler sees elements by local name (any namespace prefix dropped: writers use "x:row" as well
// as "row"). DOCTYPE and entity declarations are refused, never expanded.
#pragma once

#include "server/import/import_error.hpp"
#include "server/import/zip_package.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace waconsole {

class XmlStream;

class XmlHandler {
public:
    virtual ~XmlHandler() = default;
    // `attributes` is expat's array: name, value, name, value, ..., nullptr.
    virtual void on_start(std::string_view name, const char** attributes) = 0;
    virtual void on_end(std::string_view name) = 0;
    // Character data, in pieces: a text node may arrive in several calls.
    virtual void on_text(const char* data, std::size_t size) = 0;

protected:
    // Stops the parse; the part's parse then returns `reason` (nullopt: a quiet stop).
    void stop(ImportResult reason);

private:
    friend class XmlStream;
    XmlStream* m_stream = nullptr;
};

// The value of the attribute with this local name (prefix ignored), or nullptr.
const char* find_attribute(const char** attributes, std::string_view name);

// Parses one part of the package through `handler`. Errors: the package's (zip_bomb, ...),
// corrupt_xml, xml_dtd_refused, or whatever the handler stopped with.
ImportResult parse_part(ZipPackage& package, const std::string& part, XmlHandler& handler);

} // namespace waconsole
