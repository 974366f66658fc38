// Plain-text transcripts.
#include "server/mail/transcript_mail.hpp"

#include "server/store/transcript_store.hpp"

#include <ctime>

namespace waconsole {
namespace {

std::string text_of(const nlohmann::json& value, const std::string& absent = "-") {
    return value.is_string() ? value.get<std::string>() : absent;
}

std::string name_of(const nlohmann::json& named) {
    return named.is_object() ? text_of(named["name"]) : "-";
}

// "2026-03-01 10:05" on the zone's wall clock.
std::string clock_time(const nlohmann::json& epoch, const TimeZone& zone) {
    if (!epoch.is_number_integer()) {
        return "-";
    }
    const std::time_t wall =
        static_cast<std::time_t>(zone.wall_clock_seconds(epoch.get<std::int64_t>()));
    std::tm fields{};
    gmtime_r(&wall, &fields);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M", &fields);
    return text;
}

std::string speaker(const nlohmann::json& message) {
    if (message["direction"] == "in") {
        return "Customer";
    }
    std::string who = message["agent"].is_string() ? message["agent"].get<std::string>() : "Bot";
    if (message["template"].is_string()) {
        who += " (template " + message["template"].get<std::string>() + ")";
    }
    return who;
}

} // namespace

MailMessage transcript_mail(Connection& db, const nlohmann::json& overview,
                            const std::string& admin_text, const TimeZone& zone) {
    const auto id = overview["id"].get<std::int64_t>();
    const auto& customer = overview["customer"];
    const std::string customer_name = text_of(customer["name"], "");
    const std::string phone = text_of(customer["phone"], text_of(customer["wa_id"], ""));
    MailMessage mail;
    mail.subject = "Conversation #" + std::to_string(id) + " with " +
                   (customer_name.empty() ? phone : customer_name);

    std::string body = admin_text;
    if (!body.empty() && body.back() != '\n') {
        body += "\n";
    }
    body += "\n-- Conversation #" + std::to_string(id) + " (times in " + zone.name() + ")\n";
    body += "Customer: " + (customer_name.empty() ? "-" : customer_name) + ", " +
            (phone.empty() ? "-" : phone) + "\n";
    body += "Agent: " + name_of(overview["agent"]) + "\n";
    body += "Skillset: " + name_of(overview["skillset"]) + "\n";
    body += "State: " + text_of(overview["state"]) + " (" + text_of(overview["status"]) + ")\n";
    body += "Started: " + clock_time(overview["started_at"], zone) + "\n";
    body += "Last customer message: " + clock_time(overview["last_message_at"], zone) + "\n";
    if (overview["closed_at"].is_number_integer()) {
        body += "Closed: " + clock_time(overview["closed_at"], zone) +
                ", reason: " + text_of(overview["close_reason"]) +
                ", licence type: " + text_of(overview["licence_type"]) + "\n";
    }
    for (const auto& transfer : overview["transfers"]) {
        const auto to =
            transfer["to_user"].is_string() ? transfer["to_user"] : transfer["to_skillset"];
        body += "Transferred " + clock_time(transfer["at"], zone) + " by " +
                text_of(transfer["by"]) + " to " + text_of(to) + " (" + text_of(transfer["mode"]) +
                ")\n";
    }
    body += "\n";
    for_each_transcript_message(db, id, [&](const nlohmann::json& message) {
        body += "[" + clock_time(message["at"], zone) + "] " + speaker(message) + ": " +
                text_of(message["body"], "") + "\n";
    });
    mail.body = std::move(body);
    return mail;
}

} // namespace waconsole
