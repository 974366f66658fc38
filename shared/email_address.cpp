// E-mail address and body checks (RFC 5321/5322 dot-atom addresses, ASCII domains).
#include "shared/email_address.hpp"

#include "shared/template_text.hpp"

#include <cstring>

namespace waconsole {
namespace {

bool is_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// RFC 5322 atext: what a dot-atom local part may hold besides the dots.
bool is_atext(char c) {
    return is_alnum(c) || std::strchr("!#$%&'*+/=?^_`{|}~-", c) != nullptr;
}

std::optional<std::string> local_part_problem(const std::string& local) {
    if (local.empty()) {
        return "needs the part before the @";
    }
    if (local.size() > kMaxEmailLocalPartLength) {
        return "the part before the @ must be at most 64 characters";
    }
    if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string::npos) {
        return "the part before the @ cannot start or end with a dot or hold two in a row";
    }
    for (const char c : local) {
        if (c != '.' && !is_atext(c)) {
            return std::string("the part before the @ cannot hold '") + c + "'";
        }
    }
    return std::nullopt;
}

std::optional<std::string> domain_problem(const std::string& domain) {
    if (domain.empty()) {
        return "needs a domain after the @";
    }
    std::size_t start = 0;
    int labels = 0;
    std::string last_label;
    while (true) {
        const auto dot = domain.find('.', start);
        const auto label = domain.substr(start, dot == std::string::npos ? dot : dot - start);
        if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
            return "the domain after the @ is not a valid domain name";
        }
        for (const char c : label) {
            if (!is_alnum(c) && c != '-') {
                return "the domain after the @ is not a valid domain name";
            }
        }
        ++labels;
        last_label = label;
        if (dot == std::string::npos) {
            break;
        }
        start = dot + 1;
    }
    bool all_digits = true;
    for (const char c : last_label) {
        all_digits = all_digits && c >= '0' && c <= '9';
    }
    if (labels < 2 || all_digits) {
        return "the domain after the @ must be a full domain name such as example.com";
    }
    return std::nullopt;
}

} // namespace

std::optional<std::string> email_address_problem(const std::string& address) {
    if (address.empty()) {
        return "is required";
    }
    if (address.size() > kMaxEmailAddressLength) {
        return "must be at most 254 characters";
    }
    for (const char c : address) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7f) {
            return "must be one address on one line";
        }
        if (byte >= 0x80) {
            return "must be ASCII (an international domain in its xn-- form)";
        }
        if (c == ',' || c == ';') {
            return "must be one address: commas and semicolons are not allowed";
        }
        if (c == ' ' || c == '<' || c == '>' || c == '"' || c == '(' || c == ')' || c == '[' ||
            c == ']' || c == ':' || c == '\\') {
            return "must be a bare address such as name@example.com, without a name or spaces";
        }
    }
    const auto at = address.find('@');
    if (at == std::string::npos || address.find('@', at + 1) != std::string::npos) {
        return "must hold exactly one @, as in name@example.com";
    }
    if (auto problem = local_part_problem(address.substr(0, at))) {
        return problem;
    }
    return domain_problem(address.substr(at + 1));
}

std::optional<std::string> email_body_problem(const std::string& body) {
    if (body.find('\0') != std::string::npos) {
        return "cannot hold a NUL character";
    }
    if (utf8_character_count(body) > kMaxEmailBodyCharacters) {
        return "must be at most " + std::to_string(kMaxEmailBodyCharacters) + " characters";
    }
    return std::nullopt;
}

} // namespace waconsole
