// Send via e-mail end to end: the server mails a conversation's transcript through libcurl to a
// real SMTP server on loopback (tests/server/smtp_sink.py on Debian's python3-aiosmtpd), which
// writes what it received to a file; the test reads the envelope, headers and body from there.
#include "child_process.hpp"
#include "section_data.hpp"
#include "server/clock.hpp"
#include "test_certificates.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <sodium.h>
#include <sstream>

using namespace waconsole;
using namespace waconsole::testing;

namespace {

// The sink on a free port; received() reads what it stored so far.
class SmtpSink {
public:
    // `extra`: USER PASSWORD, and/or --starttls CERT_FILE KEY_FILE (smtp_sink.py).
    explicit SmtpSink(std::vector<std::string> extra = {}) {
        m_file = (m_dir.path / "received.jsonl").string();
        std::vector<std::string> argv = {WACONSOLE_SYSTEM_PYTHON, WACONSOLE_SMTP_SINK, m_file};
        argv.insert(argv.end(), extra.begin(), extra.end());
        m_process = std::make_unique<ChildProcess>(argv);
        const auto line = m_process->wait_for_line("listening");
        if (line.empty()) {
            FAIL("the SMTP sink did not start: " << m_process->stop().err);
        }
        m_port = std::stoi(line.substr(line.find(' ') + 1));
    }
    int port() const { return m_port; }
    std::vector<nlohmann::json> received() const {
        std::vector<nlohmann::json> messages;
        std::ifstream in(m_file);
        for (std::string line; std::getline(in, line);) {
            messages.push_back(nlohmann::json::parse(line));
        }
        return messages;
    }

private:
    TempDir m_dir;
    std::string m_file;
    std::unique_ptr<ChildProcess> m_process;
    int m_port = 0;
};

ServerConfig mail_config(int port, const std::string& user = "", const std::string& password = "") {
    ServerConfig config;
    config.mail.host = "127.0.0.1";
    config.mail.port = port;
    config.mail.security = SmtpSecurity::none; // the sink speaks plain SMTP
    config.mail.user = user;
    config.mail.password = password;
    config.mail.from = "console@center.example";
    config.mail.from_name = "Contact center";
    config.mail.timeout_seconds = 10;
    return config;
}

// A conversation of "Customer 001" handled by "Agent 01 Ana" with four messages.
struct MailFixture {
    SectionServer s;
    std::int64_t now = now_seconds();
    SectionPeople people;
    std::int64_t id = 0;
    explicit MailFixture(ServerConfig config) : s(std::move(config)) {
        auto db = s.server.services().pool.acquire();
        people = seed_people(*db, 1, 1, now);
        id = insert_conversation(
            *db, active_row(people.customers[0], people.skillsets[0], people.agents[0], now - 600));
        const char* const texts[] = {"Hola, ¿dónde está mi pedido?", "Lo miro ahora mismo",
                                     "Gracias 🙏", "Llega mañana"};
        for (int i = 0; i < 4; ++i) {
            const bool inbound = i % 2 == 0;
            db->prepare("INSERT INTO messages (conversation_id, customer_id, direction, kind, "
                        "body, sent_by_user_id, status, created_at) VALUES (?,?,?,?,?,?,?,?)")
                .bind(1, id)
                .bind(2, people.customers[0])
                .bind(3, inbound ? "in" : "out")
                .bind(4, "text")
                .bind(5, texts[i])
                .bind(6, inbound ? std::nullopt : std::optional(people.agents[0]))
                .bind(7, inbound ? "received" : "read")
                .bind(8, now - 500 + i * 60)
                .run();
        }
    }
    httplib::Result send(const nlohmann::json& request) {
        return s.server.client().Post(
            ("/api/conversations/" + std::to_string(id) + "/email").c_str(),
            s.server.bearer(s.token), request.dump(), "application/json");
    }
};

struct ReceivedMail {
    std::vector<std::string> header_lines; // unfolded: a continuation joins its header
    std::string body;                      // base64-decoded
    std::string header(const std::string& name) const {
        for (const auto& line : header_lines) {
            if (line.rfind(name + ": ", 0) == 0) {
                return line.substr(name.size() + 2);
            }
        }
        return "";
    }
};

std::string decode_base64(const std::string& text) {
    std::string bytes(text.size(), '\0');
    std::size_t length = 0;
    REQUIRE(sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(),
                              text.data(), text.size(), "\r\n", &length, nullptr,
                              sodium_base64_VARIANT_ORIGINAL) == 0);
    bytes.resize(length);
    return bytes;
}

ReceivedMail parse_mail(const std::string& data) {
    const auto split = data.find("\r\n\r\n");
    REQUIRE(split != std::string::npos);
    ReceivedMail mail;
    std::istringstream headers(data.substr(0, split));
    for (std::string line; std::getline(headers, line);) {
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        if (!line.empty() && (line[0] == ' ' || line[0] == '\t') && !mail.header_lines.empty()) {
            mail.header_lines.back() += line;
        } else {
            mail.header_lines.push_back(line);
        }
    }
    mail.body = decode_base64(data.substr(split + 4));
    return mail;
}

} // namespace

TEST_CASE("a transcript mailed through a real SMTP server arrives with its headers and body") {
    SmtpSink sink;
    MailFixture f(mail_config(sink.port()));
    auto result = f.send({{"to", "ana.lopez+cc@client.example"},
                          {"body", "Hola Ana,\nthe conversation you asked for."},
                          {"time_zone", "UTC"}});
    REQUIRE(result);
    INFO(result->body);
    REQUIRE(result->status == 200);
    CHECK(nlohmann::json::parse(result->body) == nlohmann::json{{"sent", true}});

    const auto received = sink.received();
    REQUIRE(received.size() == 1);
    CHECK(received[0]["mail_from"] == "console@center.example");
    CHECK(received[0]["rcpt_tos"] == nlohmann::json{"ana.lopez+cc@client.example"});
    const auto mail = parse_mail(received[0]["data"]);
    CHECK(mail.header("From") == "Contact center <console@center.example>");
    CHECK(mail.header("To") == "<ana.lopez+cc@client.example>");
    CHECK(mail.header("Subject") == "Conversation #" + std::to_string(f.id) + " with Customer 001");
    CHECK(mail.header("MIME-Version") == "1.0");
    CHECK(mail.header("Content-Type") == "text/plain; charset=UTF-8");
    CHECK(mail.header("Content-Transfer-Encoding") == "base64");
    CHECK(mail.header("Message-ID").find("@center.example>") != std::string::npos);
    CHECK_FALSE(mail.header("Date").empty());

    INFO(mail.body);
    CHECK(mail.body.rfind("Hola Ana,\r\nthe conversation you asked for.\r\n", 0) == 0);
    CHECK(mail.body.find("Customer: Customer 001, +34600000000") != std::string::npos);
    CHECK(mail.body.find("Agent: Agent 01 Ana") != std::string::npos);
    CHECK(mail.body.find("Skillset: Sales") != std::string::npos);
    // The messages, oldest first, each with its speaker, in UTF-8.
    const auto first = mail.body.find("] Customer: Hola, ¿dónde está mi pedido?\r\n");
    const auto second = mail.body.find("] Agent 01 Ana: Lo miro ahora mismo\r\n");
    const auto third = mail.body.find("] Customer: Gracias 🙏\r\n");
    const auto fourth = mail.body.find("] Agent 01 Ana: Llega mañana\r\n");
    CHECK(first != std::string::npos);
    CHECK(first < second);
    CHECK(second < third);
    CHECK(third < fourth);
    CHECK(fourth != std::string::npos);
}

TEST_CASE("a customer name made to end a header stays inside the encoded subject") {
    SmtpSink sink;
    MailFixture f(mail_config(sink.port()));
    {
        auto db = f.s.server.services().pool.acquire();
        db->prepare("UPDATE customers SET name = ? WHERE id = ?")
            .bind(1, "Eve\r\nBcc: victim@evil.example\r\n\r\nfake body")
            .bind(2, f.people.customers[0])
            .run();
    }
    auto result = f.send({{"to", "ana@client.example"}, {"body", "see below"}});
    REQUIRE(result);
    REQUIRE(result->status == 200);
    const auto received = sink.received();
    REQUIRE(received.size() == 1);
    CHECK(received[0]["rcpt_tos"] == nlohmann::json{"ana@client.example"});
    const auto mail = parse_mail(received[0]["data"]);
    for (const auto& line : mail.header_lines) {
        INFO(line);
        CHECK(line.rfind("Bcc", 0) == std::string::npos);
        CHECK(line.find(':') != std::string::npos); // every line is a header
    }
    CHECK(mail.header("Subject").rfind("=?UTF-8?B?", 0) == 0);
    CHECK(mail.body.rfind("see below\r\n", 0) == 0);
}

TEST_CASE("with AUTH the configured user signs in, and a wrong password is a 502 naming the "
          "server's answer without the password") {
    SmtpSink sink({"mailer", "right-pass-42"});
    {
        MailFixture f(mail_config(sink.port(), "mailer", "right-pass-42"));
        auto result = f.send({{"to", "ana@client.example"}, {"body", "x"}});
        REQUIRE(result);
        INFO(result->body);
        CHECK(result->status == 200);
        const auto received = sink.received();
        REQUIRE(received.size() == 1);
        CHECK(received[0]["auth_user"] == "mailer");
    }
    MailFixture f(mail_config(sink.port(), "mailer", "wrong-pass-77"));
    auto result = f.send({{"to", "ana@client.example"}, {"body", "x"}});
    REQUIRE(result);
    INFO(result->body);
    CHECK(result->status == 502);
    const auto error = nlohmann::json::parse(result->body)["error"];
    CHECK(error["code"] == "mail_failed");
    CHECK(error["message"].get<std::string>().find("535") != std::string::npos);
    CHECK(result->body.find("wrong-pass-77") == std::string::npos);
    CHECK(sink.received().size() == 1); // nothing more arrived
}

TEST_CASE("a recipient the SMTP server refuses, or a server that is not there, is a 502 "
          "mail_failed with the reason") {
    SmtpSink sink;
    MailFixture f(mail_config(sink.port()));
    auto refused = f.send({{"to", "refuse@client.example"}, {"body", "x"}});
    REQUIRE(refused);
    CHECK(refused->status == 502);
    auto error = nlohmann::json::parse(refused->body)["error"];
    CHECK(error["code"] == "mail_failed");
    CHECK(error["message"].get<std::string>().find("550") != std::string::npos);
    CHECK(sink.received().empty());

    MailFixture unset{ServerConfig{}}; // no SMTP host configured
    auto unconfigured = unset.send({{"to", "ana@client.example"}, {"body", "x"}});
    REQUIRE(unconfigured);
    CHECK(unconfigured->status == 502);
    error = nlohmann::json::parse(unconfigured->body)["error"];
    CHECK(error["code"] == "mail_failed");
    CHECK(error["message"].get<std::string>().find("not set up") != std::string::npos);
}

TEST_CASE("with STARTTLS the mail goes over TLS to a server whose certificate the configured CA "
          "file signed, and without that CA file it is a 502 and nothing arrives") {
    TempDir certificates;
    const auto ca = make_test_ca("waconsole test mail CA");
    const auto server = make_server_certificate("IP:127.0.0.1,DNS:localhost", &ca);
    const auto ca_file = certificates.path / "ca.pem";
    const auto cert_file = certificates.path / "smtp.pem";
    const auto key_file = certificates.path / "smtp.key";
    write_pem(*ca.certificate, ca_file);
    write_pem(*server.certificate, cert_file);
    write_key_pem(*server.key, key_file);
    SmtpSink sink({"--starttls", cert_file.string(), key_file.string()});

    auto config = mail_config(sink.port());
    config.mail.security = SmtpSecurity::starttls;
    config.mail.ca_file = ca_file.string();
    {
        MailFixture f(config);
        auto result = f.send({{"to", "ana@client.example"}, {"body", "over TLS"}});
        REQUIRE(result);
        INFO(result->body);
        CHECK(result->status == 200);
        const auto received = sink.received();
        REQUIRE(received.size() == 1);
        CHECK(received[0]["tls"] == true);
        CHECK(received[0]["rcpt_tos"] == nlohmann::json{"ana@client.example"});
        CHECK(parse_mail(received[0]["data"]).body.rfind("over TLS\r\n", 0) == 0);
    }

    // The system's CAs do not know the test CA: the certificate is refused, never skipped.
    config.mail.ca_file.clear();
    MailFixture untrusted(config);
    auto refused = untrusted.send({{"to", "ana@client.example"}, {"body", "x"}});
    REQUIRE(refused);
    INFO(refused->body);
    CHECK(refused->status == 502);
    CHECK(nlohmann::json::parse(refused->body)["error"]["code"] == "mail_failed");
    CHECK(sink.received().size() == 1);
}

TEST_CASE("a server that requires STARTTLS refuses a mail sent without TLS") {
    TempDir certificates;
    const auto ca = make_test_ca("waconsole test mail CA");
    const auto server = make_server_certificate("IP:127.0.0.1,DNS:localhost", &ca);
    write_pem(*server.certificate, certificates.path / "smtp.pem");
    write_key_pem(*server.key, certificates.path / "smtp.key");
    SmtpSink sink({"--starttls", (certificates.path / "smtp.pem").string(),
                   (certificates.path / "smtp.key").string()});
    MailFixture f(mail_config(sink.port())); // security none
    auto result = f.send({{"to", "ana@client.example"}, {"body", "x"}});
    REQUIRE(result);
    INFO(result->body);
    CHECK(result->status == 502);
    CHECK(nlohmann::json::parse(result->body)["error"]["message"].get<std::string>().find("530") !=
          std::string::npos);
    CHECK(sink.received().empty());
}

TEST_CASE("bad addresses and bodies are refused naming the field, and nothing is sent") {
    SmtpSink sink;
    MailFixture f(mail_config(sink.port()));
    const std::vector<std::pair<nlohmann::json, std::string>> bad = {
        {{{"body", "x"}}, "to"},
        {{{"to", ""}, {"body", "x"}}, "to"},
        {{{"to", 42}, {"body", "x"}}, "to"},
        {{{"to", "ana@client.example\r\nBcc: victim@evil.example"}, {"body", "x"}}, "to"},
        {{{"to", "ana@client.example\nRCPT TO:<victim@evil.example>"}, {"body", "x"}}, "to"},
        {{{"to", "Ana <ana@client.example>"}, {"body", "x"}}, "to"},
        {{{"to", "ana@client.example, eve@evil.example"}, {"body", "x"}}, "to"},
        {{{"to", "ana@client.example"}}, "body"},
        {{{"to", "ana@client.example"}, {"body", nullptr}}, "body"},
        {{{"to", "ana@client.example"}, {"body", std::string(10001, 'x')}}, "body"},
        {{{"to", "ana@client.example"}, {"body", std::string("a\0b", 3)}}, "body"},
        {{{"to", "ana@client.example"}, {"body", "x"}, {"time_zone", "Mars/Olympus"}}, "time_zone"},
    };
    for (const auto& [request, field] : bad) {
        auto result = f.send(request);
        REQUIRE(result);
        INFO(request.dump() << " -> " << result->body);
        CHECK(result->status == 422);
        const auto error = nlohmann::json::parse(result->body)["error"];
        CHECK(error["code"] == "validation_failed");
        CHECK(error["field"] == field);
    }
    auto malformed =
        f.s.server.client().Post(("/api/conversations/" + std::to_string(f.id) + "/email").c_str(),
                                 f.s.server.bearer(f.s.token), "{\"to\":", "application/json");
    REQUIRE(malformed);
    CHECK(malformed->status == 400);
    auto missing =
        f.s.server.client().Post("/api/conversations/999999/email", f.s.server.bearer(f.s.token),
                                 R"({"to":"ana@client.example","body":"x"})", "application/json");
    REQUIRE(missing);
    CHECK(missing->status == 404);
    CHECK(sink.received().empty());
}
