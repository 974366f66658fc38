// A strict, non-validating XML 1.0 scanner for the UTF-8 parts of a workbook, several times
// faster than expat on a 100,000-row sheet (whose parse was most of an import's time). It checks
// what expat checks for a document without a DTD: well-formed tags, nesting, quoted and unique
// attributes, references (the five predefined entities and character references; any other
// entity is an error), valid UTF-8 and XML characters, comments, processing instructions, CDATA,
// the XML declaration. A DOCTYPE is reported, never read. Names with non-ASCII characters are
// checked by expat itself, so both agree on them. Parts in another encoding go to expat
// (xml_stream.cpp decides with xml_part_is_utf8).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace waconsole {

class XmlScanEvents {
public:
    virtual ~XmlScanEvents() = default;
    // `name` is the qualified name as written ("x:row"); `attributes` is expat's array: name,
    // value, name, value, ..., nullptr (values with references replaced and whitespace
    // normalised as XML says). Valid during the call only.
    virtual void on_start(std::string_view name, const char** attributes) = 0;
    virtual void on_end(std::string_view name) = 0;
    // Character data in pieces (references replaced, line ends normalised to \n).
    virtual void on_text(const char* data, std::size_t size) = 0;
    // Polled after each event: true stops the scan (XmlScanStatus::stopped).
    virtual bool stopped() const = 0;
};

enum class XmlScanStatus {
    more,      // all bytes so far are fine: feed the next ones
    done,      // the document ended well (after the last feed)
    stopped,   // the events asked to stop
    malformed, // error() and error_line() say what and where
    doctype,   // a DOCTYPE declaration: refused before any of it is read
};

class XmlScanner {
public:
    explicit XmlScanner(XmlScanEvents& events) : m_events(events) {}

    // Feeds the next bytes; `last` with (or after) the final ones. After anything but `more`,
    // further feeds return the same status.
    XmlScanStatus feed(const char* data, std::size_t size, bool last);

    const std::string& error() const { return m_error; }
    std::size_t error_line() const { return m_error_line; }

private:
    enum class Step { advanced, need_more, failed };

    XmlScanStatus scan(bool last);
    Step scan_declaration(bool last);
    Step scan_markup(bool last);
    Step scan_text(bool last);
    Step scan_start_tag(std::size_t end);
    Step scan_end_tag(bool last);
    Step scan_comment(bool last);
    Step scan_processing_instruction(bool last);
    Step scan_cdata(bool last);
    // Checks and rewrites [from, to) in place: references replaced, line ends normalised (and,
    // in an attribute value, white space made spaces); the new end in `written`.
    bool decode(std::size_t from, std::size_t to, bool attribute, std::size_t& written);
    // Checks that [from, to) is only XML characters (comments, PIs, CDATA).
    bool check_characters(std::size_t from, std::size_t to);
    // The name starting at `at` (its end), or nullopt when there is none there.
    std::optional<std::size_t> name_end(std::size_t at, std::size_t end);
    Step fail(std::string what, std::size_t at);

    XmlScanEvents& m_events;
    std::vector<char> m_buffer; // bytes not yet consumed, from m_position on
    std::size_t m_position = 0;
    std::size_t m_lines_before = 1; // the line of m_buffer[0]
    std::size_t m_retry_at = 0;     // unconsumed bytes before an unfinished token is retried
    bool m_started = false;         // the BOM and the XML declaration are behind
    bool m_seen_root = false;
    std::string m_open_names;              // the open elements' names, one after another
    std::vector<std::size_t> m_name_ends;  // where each ends in m_open_names
    std::vector<const char*> m_attributes; // for on_start
    XmlScanStatus m_status = XmlScanStatus::more;
    std::string m_error;
    std::size_t m_error_line = 0;
};

// Whether a part whose first bytes are `head` is for XmlScanner: UTF-8 (declared so, or with no
// encoding declared, or with a UTF-8 BOM). nullopt while more bytes are needed to tell (only
// when `complete` is false). A UTF-16 BOM or another declared encoding: false (expat reads it).
std::optional<bool> xml_part_is_utf8(std::string_view head, bool complete);

} // namespace waconsole
