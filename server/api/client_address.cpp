// Client address from the peer and, behind a trusted proxy, X-Forwarded-For.
#include "server/api/client_address.hpp"

#include <algorithm>
#include <arpa/inet.h>
#include <httplib.h>

namespace waconsole {
namespace {

std::string trim(const std::string& text) {
    const auto begin = text.find_first_not_of(" \t");
    if (begin == std::string::npos) {
        return "";
    }
    return text.substr(begin, text.find_last_not_of(" \t") - begin + 1);
}

// Entries of a list separated by commas and/or blanks, in order.
std::vector<std::string> split_list(const std::string& text) {
    std::vector<std::string> entries;
    std::string entry;
    for (const char c : text + ",") {
        if (c == ',' || c == ' ' || c == '\t') {
            if (!entry.empty()) {
                entries.push_back(entry);
            }
            entry.clear();
        } else {
            entry.push_back(c);
        }
    }
    return entries;
}

bool is_trusted(const std::string& address, const std::vector<std::string>& trusted_proxies) {
    return std::find(trusted_proxies.begin(), trusted_proxies.end(), address) !=
           trusted_proxies.end();
}

} // namespace

std::optional<std::string> normalise_address(const std::string& text) {
    std::string address = trim(text);
    if (!address.empty() && address.front() == '[') {
        const auto close = address.find(']');
        if (close == std::string::npos) {
            return std::nullopt;
        }
        address = address.substr(1, close - 1); // "[v6]" or "[v6]:port"
    } else if (std::count(address.begin(), address.end(), ':') == 1) {
        address = address.substr(0, address.find(':')); // "v4:port"
    }
    char text_form[INET6_ADDRSTRLEN] = {};
    in_addr v4{};
    if (inet_pton(AF_INET, address.c_str(), &v4) == 1) {
        return inet_ntop(AF_INET, &v4, text_form, sizeof text_form);
    }
    in6_addr v6{};
    if (inet_pton(AF_INET6, address.c_str(), &v6) != 1) {
        return std::nullopt;
    }
    if (IN6_IS_ADDR_V4MAPPED(&v6)) {
        std::copy(v6.s6_addr + 12, v6.s6_addr + 16, reinterpret_cast<unsigned char*>(&v4));
        return inet_ntop(AF_INET, &v4, text_form, sizeof text_form);
    }
    return inet_ntop(AF_INET6, &v6, text_form, sizeof text_form);
}

AddressList parse_address_list(const std::string& text) {
    AddressList list;
    for (const auto& entry : split_list(text)) {
        const auto address = normalise_address(entry);
        if (!address) {
            list.error = "\"" + entry + "\" is not an IP address";
            list.addresses.clear();
            return list;
        }
        list.addresses.push_back(*address);
    }
    return list;
}

std::string client_address(const httplib::Request& req,
                           const std::vector<std::string>& trusted_proxies) {
    std::string client = normalise_address(req.remote_addr).value_or(req.remote_addr);
    if (!is_trusted(client, trusted_proxies)) {
        return client;
    }
    // Every X-Forwarded-For header, in order, is one list; each proxy appended the address it
    // saw. Walk back from the nearest hop while the hops are proxies we trust.
    std::vector<std::string> hops;
    const auto count = req.get_header_value_count("X-Forwarded-For");
    for (std::size_t i = 0; i < count; ++i) {
        for (auto& hop : split_list(req.get_header_value("X-Forwarded-For", i))) {
            hops.push_back(std::move(hop));
        }
    }
    for (auto hop = hops.rbegin(); hop != hops.rend(); ++hop) {
        const auto address = normalise_address(*hop);
        if (!address) {
            break; // garbage a trusted proxy passed on: keep the last hop we can vouch for
        }
        client = *address;
        if (!is_trusted(client, trusted_proxies)) {
            break;
        }
    }
    return client;
}

} // namespace waconsole
