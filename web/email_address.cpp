// Address rules: local@domain, no spaces or control characters (CR and LF would start a new mail
// header), no list or display-name characters, a domain of dot-separated labels.
#include "email_address.hpp"

namespace waconsole {

namespace {

bool is_label_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || static_cast<unsigned char>(c) >= 0x80; // internationalised domains
}

} // namespace

std::string email_address_problem(const std::string& address) {
    if (address.empty()) {
        return "Enter an e-mail address.";
    }
    if (address.size() > 254) {
        return "This address is too long.";
    }
    for (const char c : address) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7F || c == ' ') {
            return "An address has no spaces or line breaks.";
        }
        if (c == ',' || c == ';' || c == '<' || c == '>' || c == '"' || c == '(' || c == ')' ||
            c == '[' || c == ']' || c == '\\') {
            return "Enter a single address like name@example.com.";
        }
    }
    const auto at = address.find('@');
    if (at == std::string::npos || address.find('@', at + 1) != std::string::npos) {
        return "Enter a single address like name@example.com.";
    }
    const std::string local = address.substr(0, at);
    const std::string domain = address.substr(at + 1);
    if (local.empty() || local.size() > 64 || local.front() == '.' || local.back() == '.' ||
        local.find("..") != std::string::npos) {
        return "The part before @ is not valid.";
    }
    if (domain.find('.') == std::string::npos) {
        return "The domain after @ needs a dot, like example.com.";
    }
    std::size_t start = 0;
    while (start <= domain.size()) {
        std::size_t end = domain.find('.', start);
        if (end == std::string::npos) {
            end = domain.size();
        }
        const std::string label = domain.substr(start, end - start);
        if (label.empty() || label.front() == '-' || label.back() == '-') {
            return "The domain after @ is not valid.";
        }
        for (const char c : label) {
            if (!is_label_char(c)) {
                return "The domain after @ is not valid.";
            }
        }
        start = end + 1;
    }
    return "";
}

} // namespace waconsole
