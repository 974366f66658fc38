// expat behind parse_part. The parser is created per part and lives for that part only; the
// handler's stop() sets the reason and asks expat to stop at the next token.
#include "server/import/xml_stream.hpp"

#include <cstring>
#include <expat.h>
#include <memory>

namespace waconsole {

class XmlStream {
public:
    XmlStream(XmlHandler& handler, std::string part)
        : m_handler(handler), m_part(std::move(part)), m_parser(XML_ParserCreate(nullptr)) {
        m_handler.m_stream = this;
        XML_SetUserData(m_parser, this);
        XML_SetElementHandler(m_parser, &XmlStream::start, &XmlStream::end);
        XML_SetCharacterDataHandler(m_parser, &XmlStream::text);
        XML_SetStartDoctypeDeclHandler(m_parser, &XmlStream::doctype);
        XML_SetEntityDeclHandler(m_parser, &XmlStream::entity);
        XML_SetParamEntityParsing(m_parser, XML_PARAM_ENTITY_PARSING_NEVER);
    }
    ~XmlStream() {
        m_handler.m_stream = nullptr;
        XML_ParserFree(m_parser);
    }
    XmlStream(const XmlStream&) = delete;
    XmlStream& operator=(const XmlStream&) = delete;

    // false once parsing has stopped, for an error or by the handler's choice.
    bool feed(const char* data, std::size_t size, bool last) {
        if (XML_Parse(m_parser, data, static_cast<int>(size), last ? XML_TRUE : XML_FALSE) ==
            XML_STATUS_OK) {
            return true;
        }
        if (!m_stopped) {
            const auto line = XML_GetCurrentLineNumber(m_parser);
            m_reason = ImportError{ImportErrorCode::corrupt_xml,
                                   "The Excel file is damaged: its part " + m_part +
                                       " is not well-formed XML (line " + std::to_string(line) +
                                       ": " + XML_ErrorString(XML_GetErrorCode(m_parser)) + ")."};
            m_stopped = true;
        }
        return false;
    }

    void stop(ImportResult reason) {
        if (m_stopped) {
            return;
        }
        m_stopped = true;
        m_reason = std::move(reason);
        XML_StopParser(m_parser, XML_FALSE);
    }

    bool stopped() const { return m_stopped; }
    ImportResult reason() const { return m_reason; }

private:
    // One scan: the name after its last ':'.
    static std::string_view local_name(const char* name) {
        const char* local = name;
        const char* at = name;
        for (; *at != '\0'; ++at) {
            if (*at == ':') {
                local = at + 1;
            }
        }
        return std::string_view(local, static_cast<std::size_t>(at - local));
    }
    static void XMLCALL start(void* self, const char* name, const char** attributes) {
        auto& stream = *static_cast<XmlStream*>(self);
        if (!stream.m_stopped) {
            stream.m_handler.on_start(local_name(name), attributes);
        }
    }
    static void XMLCALL end(void* self, const char* name) {
        auto& stream = *static_cast<XmlStream*>(self);
        if (!stream.m_stopped) {
            stream.m_handler.on_end(local_name(name));
        }
    }
    static void XMLCALL text(void* self, const char* data, int size) {
        auto& stream = *static_cast<XmlStream*>(self);
        if (!stream.m_stopped) {
            stream.m_handler.on_text(data, static_cast<std::size_t>(size));
        }
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
    XML_Parser m_parser;
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
