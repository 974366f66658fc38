// An e-mail as the bytes SMTP carries (RFC 5322 + MIME): headers the server builds itself from
// checked parts — never a caller's raw text — and a UTF-8 plain-text body in base64, so no
// line of a transcript can end a header, start one or end the message.
#pragma once

#include <cstdint>
#include <string>

namespace waconsole {

struct MailMessage {
    std::string from;      // an address already checked by email_address_problem
    std::string from_name; // any UTF-8; encoded
    std::string to;        // an address already checked by email_address_problem
    std::string subject;   // any UTF-8; encoded when not plain ASCII, cut at 200 bytes
    std::string body;      // UTF-8 text; line breaks of any kind become CRLF
};

// The message with Date (from `now`), Message-ID (random, at the sender's domain), MIME headers
// and the base64 body in lines of 76.
std::string render_mail(const MailMessage& message, std::int64_t now);

// A header value as RFC 2047 encoded words (=?UTF-8?B?...?=, each at most 75 characters, folded
// onto continuation lines), or as it is when it is short printable ASCII.
std::string encode_header_text(const std::string& text);

} // namespace waconsole
