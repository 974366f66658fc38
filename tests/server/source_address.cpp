// Loopback clients with a chosen source address.
#include "source_address.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdexcept>
#include <sys/socket.h>

namespace waconsole::testing {

httplib::Client client_from(const RunningServer& server, const std::string& source) {
    auto client = server.client();
    // httplib calls this on each new socket before it connects: bind it to the source address.
    client.set_socket_options([source](socket_t sock) {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = 0;
        if (inet_pton(AF_INET, source.c_str(), &address.sin_addr) != 1 ||
            ::bind(sock, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
            throw std::runtime_error("cannot bind a test client to " + source);
        }
    });
    return client;
}

httplib::Result post_login(httplib::Client& client, const std::string& email,
                           const std::string& password, const httplib::Headers& headers) {
    return client.Post("/api/login", headers,
                       nlohmann::json{{"email", email}, {"password", password}}.dump(),
                       "application/json");
}

} // namespace waconsole::testing
