// SMTP through libcurl's easy interface, one connection per e-mail.
#include "server/mail/smtp_sender.hpp"

#include "server/net/curl_init.hpp"

#include <algorithm>
#include <curl/curl.h>
#include <memory>
#include <mutex>

namespace waconsole {
namespace {

struct Upload {
    const std::string& data;
    std::size_t offset = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
    auto& upload = *static_cast<Upload*>(user);
    const auto n = std::min(size * count, upload.data.size() - upload.offset);
    std::copy_n(upload.data.data() + upload.offset, n, buffer);
    upload.offset += n;
    return n;
}

// Keeps the SMTP server's last reply line. Only what the server sends (CURLINFO_HEADER_IN) is
// looked at: what we send holds the AUTH credentials and is never read here.
int keep_server_reply(CURL*, curl_infotype type, char* data, std::size_t size, void* user) {
    if (type == CURLINFO_HEADER_IN) {
        std::string line(data, size);
        while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) {
            line.pop_back();
        }
        if (!line.empty()) {
            *static_cast<std::string*>(user) = line.substr(0, 300);
        }
    }
    return 0;
}

struct CurlFree {
    void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct ListFree {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

std::string smtp_url(const MailConfig& config) {
    const bool ipv6 = config.host.find(':') != std::string::npos;
    return std::string(config.security == SmtpSecurity::tls ? "smtps://" : "smtp://") +
           (ipv6 ? "[" + config.host + "]" : config.host) + ":" + std::to_string(config.port);
}

} // namespace

const char* to_string(SmtpSecurity security) {
    switch (security) {
    case SmtpSecurity::tls:
        return "tls";
    case SmtpSecurity::none:
        return "none";
    case SmtpSecurity::starttls:
        break;
    }
    return "starttls";
}

bool smtp_security_from_string(const std::string& text, SmtpSecurity& security) {
    for (const auto candidate : {SmtpSecurity::starttls, SmtpSecurity::tls, SmtpSecurity::none}) {
        if (text == to_string(candidate)) {
            security = candidate;
            return true;
        }
    }
    return false;
}

std::optional<std::string> send_mail(const MailConfig& config, const std::string& to,
                                     const std::string& rendered_message) {
    if (!config.configured()) {
        return std::string("e-mail is not set up on this server (SMTP_HOST and SMTP_FROM)");
    }
    ensure_curl_initialised();
    std::unique_ptr<CURL, CurlFree> curl(curl_easy_init());
    if (!curl) {
        return std::string("the mail client could not start");
    }
    std::unique_ptr<curl_slist, ListFree> recipients(
        curl_slist_append(nullptr, ("<" + to + ">").c_str()));
    Upload upload{rendered_message};
    std::string server_reply;
    char error[CURL_ERROR_SIZE] = {};
    CURL* c = curl.get();
    const auto url = smtp_url(config);
    const auto from = "<" + config.from + ">";
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(c, CURLOPT_USE_SSL,
                     static_cast<long>(config.security == SmtpSecurity::none ? CURLUSESSL_NONE
                                                                             : CURLUSESSL_ALL));
    if (!config.ca_file.empty()) {
        curl_easy_setopt(c, CURLOPT_CAINFO, config.ca_file.c_str());
    }
    if (!config.user.empty()) {
        curl_easy_setopt(c, CURLOPT_USERNAME, config.user.c_str());
        curl_easy_setopt(c, CURLOPT_PASSWORD, config.password.c_str());
    }
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients.get());
    curl_easy_setopt(c, CURLOPT_READFUNCTION, read_upload);
    curl_easy_setopt(c, CURLOPT_READDATA, &upload);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(rendered_message.size()));
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(config.timeout_seconds));
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, keep_server_reply);
    curl_easy_setopt(c, CURLOPT_DEBUGDATA, &server_reply);
    curl_easy_setopt(c, CURLOPT_VERBOSE, 1L); // feeds the debug function only; nothing printed
    const auto result = curl_easy_perform(c);
    if (result == CURLE_OK) {
        return std::nullopt;
    }
    std::string reason = *error ? error : curl_easy_strerror(result);
    long code = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
    if (code >= 400 && !server_reply.empty()) {
        reason += " (the server said: " + server_reply + ")";
    }
    return reason;
}

} // namespace waconsole
