// Rendering of e-mails (RFC 5322, RFC 2045-2047).
#include "server/mail/mail_message.hpp"

#include <cctype>
#include <ctime>
#include <sodium.h>
#include <vector>

namespace waconsole {
namespace {

constexpr std::size_t kMaxSubjectBytes = 200;
constexpr std::size_t kEncodedWordBytes = 45; // 60 base64 characters: a 72-character word

std::string base64(const std::string& bytes) {
    std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                      bytes.size(), sodium_base64_VARIANT_ORIGINAL);
    out.resize(out.size() - 1); // the terminating NUL
    return out;
}

bool is_plain_ascii(const std::string& text) {
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte > 0x7e) {
            return false;
        }
    }
    return text.find("=?") == std::string::npos; // would read as an encoded word
}

bool continues_character(unsigned char byte) {
    return (byte & 0xC0) == 0x80;
}

// Cuts at most `limit` bytes from `text` at `start`, never inside a UTF-8 character.
std::size_t utf8_cut(const std::string& text, std::size_t start, std::size_t limit) {
    std::size_t end = std::min(text.size(), start + limit);
    while (end > start && end < text.size() &&
           continues_character(static_cast<unsigned char>(text[end]))) {
        --end;
    }
    return end == start ? std::min(text.size(), start + limit) : end;
}

std::string crlf_lines(const std::string& text) {
    std::string out;
    out.reserve(text.size() + text.size() / 20);
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r') {
            out += "\r\n";
            if (i + 1 < text.size() && text[i + 1] == '\n') {
                ++i;
            }
        } else if (text[i] == '\n') {
            out += "\r\n";
        } else {
            out += text[i];
        }
    }
    return out;
}

std::string rfc5322_date(std::int64_t now) {
    const std::time_t time = static_cast<std::time_t>(now);
    std::tm fields{};
    gmtime_r(&time, &fields);
    static const char* const kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char text[64];
    std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[fields.tm_wday],
                  fields.tm_mday, kMonths[fields.tm_mon], fields.tm_year + 1900, fields.tm_hour,
                  fields.tm_min, fields.tm_sec);
    return text;
}

std::string message_id(const std::string& from, std::int64_t now) {
    unsigned char random[12];
    randombytes_buf(random, sizeof random);
    char hex[sizeof random * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, random, sizeof random);
    return "<" + std::to_string(now) + "." + hex + "@" + from.substr(from.find('@') + 1) + ">";
}

std::string encoded_words(const std::string& text) {
    std::string out;
    for (std::size_t start = 0; start < text.size();) {
        const auto end = utf8_cut(text, start, kEncodedWordBytes);
        if (!out.empty()) {
            out += "\r\n ";
        }
        out += "=?UTF-8?B?" + base64(text.substr(start, end - start)) + "?=";
        start = end;
    }
    return out;
}

} // namespace

std::string encode_header_text(const std::string& text) {
    if (is_plain_ascii(text) && text.size() <= 60) {
        return text;
    }
    return encoded_words(text);
}

std::string render_mail(const MailMessage& message, std::int64_t now) {
    const std::string subject =
        message.subject.substr(0, utf8_cut(message.subject, 0, kMaxSubjectBytes));
    std::string from = "<" + message.from + ">";
    if (!message.from_name.empty()) {
        // A display name with quotes, commas or brackets would be parsed as addresses: anything
        // but letters, digits and spaces goes as an encoded word.
        bool simple = message.from_name.size() <= 60;
        for (const char c : message.from_name) {
            simple = simple && (std::isalnum(static_cast<unsigned char>(c)) || c == ' ');
        }
        from = (simple ? message.from_name : encoded_words(message.from_name)) + " " + from;
    }
    std::string mail = "Date: " + rfc5322_date(now) +
                       "\r\n"
                       "From: " +
                       from +
                       "\r\n"
                       "To: <" +
                       message.to +
                       ">\r\n"
                       "Subject: " +
                       encode_header_text(subject) +
                       "\r\n"
                       "Message-ID: " +
                       message_id(message.from, now) +
                       "\r\n"
                       "MIME-Version: 1.0\r\n"
                       "Content-Type: text/plain; charset=UTF-8\r\n"
                       "Content-Transfer-Encoding: base64\r\n"
                       "\r\n";
    const auto encoded = base64(crlf_lines(message.body));
    for (std::size_t at = 0; at < encoded.size(); at += 76) {
        mail += encoded.substr(at, 76) + "\r\n";
    }
    return mail;
}

} // namespace waconsole
