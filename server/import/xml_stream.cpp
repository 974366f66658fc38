// The parse behind parse_part. A UTF-8 part (every part Excel and the libraries that write
// workbooks make) goes through XmlScanner, which checks as much as expat at a fraction of its
// cost; a part in another encoding (UTF-16, Latin-1) goes through expat. Either way the handler's
// stop() sets the reason and stops the parse at the next token.
#include "server/import/xml_stream.hpp"

#include "server/import/xml_scanner.hpp"

#include <cstring>
#include <expat.h>
#include <memory>

namespace waconsole {

class XmlStream : private XmlScanEvents {
public:
    XmlStream(XmlHandler& handler, std::string part)
        : m_handler(handler), m_part(std::move(part)), m_scanner(*this) {
        m_handler.m_stream = this;
    }
    ~XmlStream() override {
        m_handler.m_stream = nullptr;
        if (m_parser != nullptr) {
            XML_ParserFree(m_parser);
        }
    }
    XmlStream(const XmlStream&) = delete;
    XmlStream& operator=(const XmlStream&) = delete;

    // false once parsing has stopped, for an error or by the handler's choice.
    bool feed(const char* data, std::size_t size, bool last) {
        if (m_stopped) {
            return false;
        }
        if (m_reader == Reader::undecided) {
            // The first bytes say which reader the part needs (a few bytes, rarely more).
            m_head.append(data, size);
            const auto utf8 = xml_part_is_utf8(m_head, last);
            if (!utf8) {
                return true;
            }
            m_reader = *utf8 ? Reader::scanner : Reader::expat;
            if (m_reader == Reader::expat) {
                start_expat();
            }
            const std::string head = std::move(m_head);
            m_head.clear();
            return feed(head.data(), head.size(), last);
        }
        if (m_reader == Reader::scanner) {
            return scanned(m_scanner.feed(data, size, last));
        }
        if (XML_Parse(m_parser, data, static_cast<int>(size), last ? XML_TRUE : XML_FALSE) ==
            XML_STATUS_OK) {
            return true;
        }
        if (!m_stopped) {
            corrupt(XML_GetCurrentLineNumber(m_parser),
                    XML_ErrorString(XML_GetErrorCode(m_parser)));
        }
        return false;
    }

    void stop(ImportResult reason) {
        if (m_stopped) {
            return;
        }
        m_stopped = true;
        m_reason = std::move(reason);
        if (m_parser != nullptr) {
            XML_StopParser(m_parser, XML_FALSE);
        }
    }

    bool stopped() const override { return m_stopped; }
    ImportResult reason() const { return m_reason; }

private:
    enum class Reader { undecided, scanner, expat };

    bool scanned(XmlScanStatus status) {
        switch (status) {
        case XmlScanStatus::more:
        case XmlScanStatus::done:
            return true;
        case XmlScanStatus::stopped:
            return false;
        case XmlScanStatus::malformed:
            if (!m_stopped) {
                corrupt(m_scanner.error_line(), m_scanner.error().c_str());
            }
            return false;
        case XmlScanStatus::doctype:
            refuse_dtd();
            return false;
        }
        return false;
    }

    void corrupt(unsigned long line, const char* what) {
        m_reason = ImportError{ImportErrorCode::corrupt_xml,
                               "The Excel file is damaged: its part " + m_part +
                                   " is not well-formed XML (line " + std::to_string(line) + ": " +
                                   what + ")."};
        m_stopped = true;
    }

    void start_expat() {
        m_parser = XML_ParserCreate(nullptr);
        XML_SetUserData(m_parser, this);
        XML_SetElementHandler(m_parser, &XmlStream::start, &XmlStream::end);
        XML_SetCharacterDataHandler(m_parser, &XmlStream::text);
        XML_SetStartDoctypeDeclHandler(m_parser, &XmlStream::doctype);
        XML_SetEntityDeclHandler(m_parser, &XmlStream::entity);
        XML_SetParamEntityParsing(m_parser, XML_PARAM_ENTITY_PARSING_NEVER);
    }

    // The name after its last ':'.
    static std::string_view local_name(std::string_view name) {
        const auto colon = name.rfind(':');
        return colon == std::string_view::npos ? name : name.substr(colon + 1);
    }

    // XmlScanEvents
    void on_start(std::string_view name, const char** attributes) override {
        if (!m_stopped) {
            m_handler.on_start(local_name(name), attributes);
        }
    }
    void on_end(std::string_view name) override {
        if (!m_stopped) {
            m_handler.on_end(local_name(name));
        }
    }
    void on_text(const char* data, std::size_t size) override {
        if (!m_stopped) {
            m_handler.on_text(data, size);
        }
    }

    // expat's
    static void XMLCALL start(void* self, const char* name, const char** attributes) {
        static_cast<XmlStream*>(self)->on_start(name, attributes);
    }
    static void XMLCALL end(void* self, const char* name) {
        static_cast<XmlStream*>(self)->on_end(name);
    }
    static void XMLCALL text(void* self, const char* data, int size) {
        static_cast<XmlStream*>(self)->on_text(data, static_cast<std::size_t>(size));
    }
    void refuse_dtd() {
        stop(ImportError{ImportErrorCode::xml_dtd_refused,
                         "The file is refused: its part " + m_part +
                             " declares a DOCTYPE or entities, which Excel never writes (they "
                             "can make a small file expand without end)."});
    }
    static void XMLCALL doctype(void* self, const char*, const char*, const char*, int) {
        static_cast<XmlStream*>(self)->refuse_dtd();
    }
    static void XMLCALL entity(void* self, const char*, int, const char*, int, const char*,
                               const char*, const char*, const char*) {
        static_cast<XmlStream*>(self)->refuse_dtd();
    }

    XmlHandler& m_handler;
    std::string m_part;
    Reader m_reader = Reader::undecided;
    std::string m_head;
    XmlScanner m_scanner;
    XML_Parser m_parser = nullptr;
    bool m_stopped = false;
    ImportResult m_reason;
};

void XmlHandler::stop(ImportResult reason) {
    if (m_stream != nullptr) {
        m_stream->stop(std::move(reason));
    }
}

const char* find_attribute(const char** attributes, std::string_view name) {
    for (const char** at = attributes; at[0] != nullptr; at += 2) {
        const char* colon = std::strrchr(at[0], ':');
        const std::string_view local = colon == nullptr ? at[0] : colon + 1;
        if (local == name) {
            return at[1];
        }
    }
    return nullptr;
}

ImportResult parse_part(ZipPackage& package, const std::string& part, XmlHandler& handler) {
    XmlStream stream(handler, part);
    ImportResult zip_error = package.stream_part(
        part, [&](const char* data, std::size_t size) { return stream.feed(data, size, false); });
    if (zip_error) {
        return zip_error;
    }
    if (!stream.stopped()) {
        stream.feed("", 0, true);
    }
    return stream.reason();
}

} // namespace waconsole
