// Confirmed campaigns: SQL only, bound parameters only.
#include "server/store/campaigns_store.hpp"

#include "shared/campaign_variables.hpp"

namespace waconsole {

std::string campaign_name_key(const std::string& name) {
    return field_key(name);
}

bool campaign_name_taken(Connection& db, const std::string& name) {
    auto query = db.prepare("SELECT 1 FROM campaigns WHERE name_key = ?");
    query.bind(1, campaign_name_key(name));
    return query.step();
}

std::int64_t insert_campaign(Connection& db, const CampaignRecord& campaign) {
    db.prepare("INSERT INTO campaigns (name, name_key, template_id, template_name, "
               "template_language, template_category, template_components, parameter_format, "
               "source, upload_name, mode, scheduled_at, time_zone, include_active_conversations, "
               "variables, created_by, created_at, status, recipient_count, rejected_count) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(1, campaign.name)
        .bind(2, campaign_name_key(campaign.name))
        .bind(3, campaign.template_id)
        .bind(4, campaign.template_name)
        .bind(5, campaign.template_language)
        .bind(6, campaign.template_category)
        .bind(7, campaign.template_components)
        .bind(8, campaign.parameter_format)
        .bind(9, campaign.source)
        .bind(10, campaign.upload_name)
        .bind(11, campaign.mode)
        .bind(12, campaign.scheduled_at)
        .bind(13, campaign.time_zone)
        .bind(14, campaign.include_active_conversations ? 1 : 0)
        .bind(15, campaign.variables_json)
        .bind(16, campaign.created_by)
        .bind(17, campaign.created_at)
        .bind(18, campaign.status)
        .bind(19, campaign.recipient_count)
        .bind(20, campaign.rejected_count)
        .run();
    return db.last_insert_id();
}

void set_campaign_counts(Connection& db, std::int64_t id, std::int64_t recipients,
                         std::int64_t rejected) {
    db.prepare("UPDATE campaigns SET recipient_count = ?, rejected_count = ? WHERE id = ?")
        .bind(1, recipients)
        .bind(2, rejected)
        .bind(3, id)
        .run();
}

std::optional<CampaignRecord> find_campaign(Connection& db, std::int64_t id) {
    auto query = db.prepare(
        "SELECT id, name, template_id, template_name, template_language, template_category, "
        "template_components, parameter_format, source, upload_name, mode, scheduled_at, "
        "time_zone, include_active_conversations, variables, created_by, created_at, status, "
        "recipient_count, rejected_count FROM campaigns WHERE id = ?");
    query.bind(1, id);
    if (!query.step()) {
        return std::nullopt;
    }
    CampaignRecord campaign;
    campaign.id = query.get_int(0);
    campaign.name = query.get_text(1);
    campaign.template_id = query.get_optional_int(2);
    campaign.template_name = query.get_text(3);
    campaign.template_language = query.get_text(4);
    campaign.template_category = query.get_text(5);
    campaign.template_components = query.get_text(6);
    campaign.parameter_format = query.get_text(7);
    campaign.source = query.get_text(8);
    campaign.upload_name = query.get_optional_text(9);
    campaign.mode = query.get_text(10);
    campaign.scheduled_at = query.get_optional_int(11);
    campaign.time_zone = query.get_text(12);
    campaign.include_active_conversations = query.get_int(13) != 0;
    campaign.variables_json = query.get_text(14);
    campaign.created_by = query.get_int(15);
    campaign.created_at = query.get_int(16);
    campaign.status = query.get_text(17);
    campaign.recipient_count = query.get_int(18);
    campaign.rejected_count = query.get_int(19);
    return campaign;
}

CampaignRecipientWriter::CampaignRecipientWriter(Connection& db, std::int64_t campaign_id)
    : m_campaign_id(campaign_id),
      m_recipient(db.prepare("INSERT INTO campaign_recipients (campaign_id, row_number, phone, "
                             "customer_id, customer_name, rendered_text, parameters) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?)")),
      m_rejection(db.prepare("INSERT INTO campaign_rejections (campaign_id, row_number, phone, "
                             "reason) VALUES (?, ?, ?, ?)")) {}

void CampaignRecipientWriter::add_recipient(std::int64_t row_number, const std::string& e164,
                                            std::optional<std::int64_t> customer_id,
                                            const std::string& customer_name,
                                            const std::string& rendered_text,
                                            const std::string& parameters_json) {
    m_recipient.bind(1, m_campaign_id)
        .bind(2, row_number)
        .bind(3, e164)
        .bind(4, customer_id)
        .bind(5, customer_name)
        .bind(6, rendered_text)
        .bind(7, parameters_json);
    m_recipient.run();
    m_recipient.reset();
}

void CampaignRecipientWriter::add_rejection(std::int64_t row_number, const std::string& phone,
                                            const std::string& reason) {
    m_rejection.bind(1, m_campaign_id).bind(2, row_number).bind(3, phone).bind(4, reason);
    m_rejection.run();
    m_rejection.reset();
}

} // namespace waconsole
