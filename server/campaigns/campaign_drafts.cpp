// The campaign wizard's service. [SECTION] index: context and JSON; create and read; settings;
// upload; variables and samples; customers; review; confirm and cancel; expiry.
#include "server/campaigns/campaign_drafts.hpp"

#include "server/campaigns/draft_blocks.hpp"
#include "server/campaigns/draft_review.hpp"
#include "server/export/time_zone.hpp"
#include "server/import/header_columns.hpp"
#include "server/import/recipient_file.hpp"
#include "server/meta/messaging_limit.hpp"
#include "server/store/campaign_drafts_store.hpp"
#include "server/store/campaign_retry_store.hpp"
#include "server/store/campaigns_store.hpp"
#include "server/store/settings_store.hpp"
#include "shared/calendar_date.hpp"
#include "shared/campaign_settings.hpp"

namespace waconsole {
namespace {

// [SECTION] context and JSON

struct DraftContext {
    DraftRecord draft;
    std::optional<CampaignTemplateView> view; // nullopt: the template left Meta's catalogue
    CampaignSettings settings;
    std::optional<std::int64_t> scheduled_at;
    VariableBindings bindings;
    std::vector<std::string> fields;
};

ApiError draft_not_found() {
    return make_error(404, "not_found",
                      "no such campaign draft (it may have expired or been "
                      "confirmed or cancelled)");
}

std::vector<std::string> read_fields(const std::string& json) {
    std::vector<std::string> fields;
    const auto parsed = nlohmann::json::parse(json, nullptr, false);
    if (parsed.is_array()) {
        for (const auto& item : parsed) {
            fields.push_back(item.is_string() ? item.get<std::string>() : "");
        }
    }
    return fields;
}

std::variant<DraftContext, ApiError> load_context(Connection& db, std::int64_t draft_id,
                                                  std::int64_t now) {
    auto draft = find_draft(db, draft_id);
    if (!draft) {
        return draft_not_found();
    }
    if (draft->updated_at < now - kDraftLifetimeSeconds) {
        return draft_not_found(); // expire_drafts deletes it
    }
    DraftContext context;
    context.draft = std::move(*draft);
    if (auto record =
            find_template(db, context.draft.template_name, context.draft.template_language)) {
        context.view = view_campaign_template(*record);
    }
    const auto settings = nlohmann::json::parse(context.draft.settings_json, nullptr, false);
    if (settings.is_object()) {
        settings_from_json(settings, context.settings);
        if (settings.contains("scheduled_at") && settings["scheduled_at"].is_number_integer()) {
            context.scheduled_at = settings["scheduled_at"].get<std::int64_t>();
        }
    }
    const auto bindings = nlohmann::json::parse(context.draft.variables_json, nullptr, false);
    bindings_from_json(bindings, context.bindings);
    context.fields = read_fields(context.draft.fields_json);
    return context;
}

// The template's refusal for a draft: the template left the catalogue or cannot start now.
std::optional<ApiError> template_unavailable(const DraftContext& context) {
    if (!context.view) {
        return make_error(409, "template_unavailable",
                          "the template " + context.draft.template_name + " (" +
                              context.draft.template_language +
                              ") is no longer in Meta's catalogue");
    }
    if (context.view->refusal) {
        return make_error(409, "template_unavailable", *context.view->refusal);
    }
    return std::nullopt;
}

nlohmann::json settings_json(const DraftContext& context) {
    auto json = to_json(context.settings);
    json["scheduled_at"] = context.scheduled_at ? nlohmann::json(*context.scheduled_at) : nullptr;
    return json;
}

nlohmann::json draft_json(const DraftContext& context) {
    const auto& draft = context.draft;
    nlohmann::json review = nullptr;
    if (draft.review_json) {
        review = nlohmann::json::parse(*draft.review_json, nullptr, false);
        if (review.is_discarded()) {
            review = nullptr;
        }
    }
    return {{"draft",
             {{"id", draft.id},
              {"source", draft.source},
              {"template", context.view ? to_json(*context.view) : nlohmann::json()},
              {"settings", settings_json(context)},
              {"fields", context.fields},
              {"variables", to_json(context.bindings)},
              {"upload", draft.upload_name ? nlohmann::json{{"file_name", *draft.upload_name},
                                                            {"rows", draft.row_count}}
                                           : nlohmann::json()},
              {"recipients", draft.row_count},
              {"review", review},
              {"updated_at", draft.updated_at},
              {"expires_at", draft.updated_at + kDraftLifetimeSeconds}}}};
}

// Re-reads the draft after a change and answers it; `extra` fields join the answer.
DraftAnswer answer_draft(Connection& db, std::int64_t draft_id, std::int64_t now,
                         nlohmann::json extra = nlohmann::json::object()) {
    auto context = load_context(db, draft_id, now);
    if (auto* error = std::get_if<ApiError>(&context)) {
        return *error;
    }
    auto json = draft_json(std::get<DraftContext>(context));
    for (auto& [key, value] : extra.items()) {
        json[key] = value;
    }
    return json;
}

// Something the review checked changed: its verdicts no longer hold.
void changed(Connection& db, std::int64_t draft_id, std::int64_t now) {
    clear_draft_review(db, draft_id);
    touch_draft(db, draft_id, now);
}

std::optional<ApiError> wrong_source(const DraftContext& context, const std::string& wanted) {
    if (context.draft.source == wanted) {
        return std::nullopt;
    }
    return make_error(409, "wrong_source",
                      wanted == "excel" ? "this draft's recipients are customers, not a file"
                                        : "this draft's recipients come from a file");
}

// The bindings after the fields changed: fields that no longer exist and empty texts take the
// defaults; bindings the administrator made that still hold stay.
VariableBindings rebound(const DraftContext& context, const std::vector<std::string>& fields) {
    auto bindings = default_bindings(
        context.view ? context.view->variables : std::vector<std::string>{}, fields);
    for (auto& [variable, binding] : bindings) {
        const auto old = context.bindings.find(variable);
        if (old == context.bindings.end()) {
            continue;
        }
        const bool text_kept =
            old->second.source == VariableSource::text && !old->second.value.empty();
        bool field_kept = false;
        for (const auto& field : fields) {
            field_kept = field_kept || (old->second.source == VariableSource::field &&
                                        field_key(field) == field_key(old->second.value));
        }
        if (text_kept || field_kept) {
            binding = old->second;
        }
    }
    return bindings;
}

} // namespace

// [SECTION] create and read

DraftAnswer create_draft(Connection& db, std::int64_t template_id, const std::string& source,
                         std::int64_t user_id, std::int64_t now) {
    if (source != "excel" && source != "customers") {
        return validation_error("source", "must be \"excel\" or \"customers\"", 422);
    }
    const auto record = find_template_by_id(db, template_id);
    if (!record) {
        return validation_error("template_id", "no such template", 422);
    }
    const auto view = view_campaign_template(*record);
    if (view.refusal) {
        return make_error(409, "template_unavailable", *view.refusal);
    }
    DraftRecord draft;
    draft.template_id = record->id;
    draft.template_name = record->name;
    draft.template_language = record->language;
    draft.source = source;
    draft.created_by = user_id;
    draft.created_at = now;
    draft.updated_at = now;
    std::vector<std::string> fields;
    if (source == "customers") {
        fields = {"name", "email", "phone"};
    }
    auto bindings = default_bindings(view.variables, fields);
    if (source == "customers" && !view.variables.empty() &&
        bindings[view.variables.front()].source == VariableSource::text) {
        bindings[view.variables.front()] = {VariableSource::field, "name"};
    }
    draft.variables_json = to_json(bindings).dump();
    draft.fields_json = nlohmann::json(fields).dump();
    Transaction transaction(db);
    const auto id = insert_draft(db, draft);
    transaction.commit();
    return answer_draft(db, id, now);
}

DraftAnswer get_draft(Connection& db, std::int64_t draft_id, std::int64_t now) {
    return answer_draft(db, draft_id, now);
}

// [SECTION] settings

DraftAnswer save_settings(Connection& db, std::int64_t draft_id, const nlohmann::json& body,
                          std::int64_t now) {
    auto loaded = load_context(db, draft_id, now);
    if (auto* error = std::get_if<ApiError>(&loaded)) {
        return *error;
    }
    CampaignSettings settings;
    if (auto error = settings_from_json(body, settings)) {
        return *error;
    }
    if (auto error = check_campaign_settings(settings)) {
        return *error;
    }
    std::optional<TimeZone> zone;
    if (!settings.time_zone.empty()) {
        zone = TimeZone::find(settings.time_zone);
        if (!zone) {
            return validation_error("time_zone", "must be an IANA time zone such as Europe/Madrid",
                                    422);
        }
    }
    std::optional<std::int64_t> scheduled_at;
    if (settings.scheduled) {
        if (!zone) {
            return validation_error("time_zone",
                                    "a scheduled campaign needs the time zone its time is in", 422);
        }
        const auto day = *parse_calendar_date(settings.scheduled_date);
        const auto time = *parse_wall_clock_time(settings.scheduled_time);
        scheduled_at = zone->local_time(day.year, day.month, day.day, time.hour, time.minute);
        if (*scheduled_at <= now) {
            return validation_error("scheduled_time",
                                    "must be in the future (" + settings.time_zone + ")", 422);
        }
    }
    if (campaign_name_taken(db, settings.name)) {
        ApiError error = make_error(409, "name_taken",
                                    "a campaign named \"" + settings.name + "\" exists already");
        error.fields = {{"name", "a campaign has this name already"}};
        return error;
    }
    auto json = to_json(settings);
    json["scheduled_at"] = scheduled_at ? nlohmann::json(*scheduled_at) : nullptr;
    Transaction transaction(db);
    save_draft_settings(db, draft_id, json.dump());
    changed(db, draft_id, now);
    transaction.commit();
    return answer_draft(db, draft_id, now);
}

// [SECTION] upload

DraftAnswer upload_recipients(Connection& db, std::int64_t draft_id, std::string_view bytes,
                              const std::string& file_name, const ImportLimits& limits,
                              std::int64_t now) {
    auto loaded = load_context(db, draft_id, now);
    if (auto* error = std::get_if<ApiError>(&loaded)) {
        return *error;
    }
    const auto& context = std::get<DraftContext>(loaded);
    if (auto error = wrong_source(context, "excel")) {
        return *error;
    }
    Transaction transaction(db);
    std::vector<std::string> fields;
    std::size_t phone_column = 0;
    std::optional<DraftRowBlockWriter> rows;
    const auto result = read_upload_rows(
        UploadedFile::in_memory(bytes, file_name), limits, [&](const FileRow& row) {
            if (fields.empty()) {
                for (std::size_t at = 0; at < row.cells.size(); ++at) {
                    fields.push_back(row.cells[at].empty() ? "Column " + std::to_string(at + 1)
                                                           : row.cells[at]);
                }
                const auto match = match_header(fields, {{"phone", true}});
                if (!match.index[0]) {
                    return false; // answered below as missing_column
                }
                phone_column = *match.index[0];
                reset_draft_upload(db, draft_id, nlohmann::json(fields).dump(), file_name);
                rows.emplace(db, draft_id);
                return true;
            }
            rows->add(static_cast<std::int64_t>(row.number),
                      phone_column < row.cells.size() ? row.cells[phone_column] : "", row.cells,
                      fields.size());
            return true;
        });
    // Returning before commit() rolls back: a refused upload stores nothing.
    if (result) {
        // The reader's own code is the error's: not_xlsx, encrypted, zip_bomb, too_many_rows...
        return ApiError{422,
                        import_error_code_name(result->code),
                        result->message,
                        {{"file", result->message}}};
    }
    if (fields.empty()) {
        return ApiError{
            422, "empty_file", "the file has no rows", {{"file", "the file has no rows"}}};
    }
    if (!rows) {
        return ApiError{422,
                        "missing_column",
                        "the first row must name the columns, one of them \"phone\"; this "
                        "file's first row has no \"phone\" column",
                        {{"file", "no \"phone\" column in the first row"}}};
    }
    rows->finish();
    if (rows->count() == 0) {
        return ApiError{422,
                        "empty_file",
                        "the file has a header row but no recipients under it",
                        {{"file", "no recipient rows under the header"}}};
    }
    recount_draft_rows(db, draft_id);
    save_draft_variables(db, draft_id, to_json(rebound(context, fields)).dump());
    changed(db, draft_id, now);
    transaction.commit();
    return answer_draft(db, draft_id, now);
}

// [SECTION] variables and samples

DraftAnswer save_variables(Connection& db, std::int64_t draft_id, const nlohmann::json& body,
                           std::int64_t now) {
    auto loaded = load_context(db, draft_id, now);
    if (auto* error = std::get_if<ApiError>(&loaded)) {
        return *error;
    }
    const auto& context = std::get<DraftContext>(loaded);
    if (auto error = template_unavailable(context)) {
        return *error;
    }
    VariableBindings bindings;
    if (auto error = bindings_from_json(body.value("variables", nlohmann::json()), bindings)) {
        return *error;
    }
    const auto fields =
        context.draft.source == "customers" ? customer_fields(db, draft_id) : context.fields;
    if (auto error = check_bindings(context.view->variables, bindings, fields)) {
        return *error;
    }
    Transaction transaction(db);
    save_draft_variables(db, draft_id, to_json(bindings).dump());
    changed(db, draft_id, now);
    transaction.commit();
    return answer_draft(db, draft_id, now);
}

DraftAnswer draft_samples(Connection& db, std::int64_t draft_id, int limit, std::int64_t now) {
    auto loaded = load_context(db, draft_id, now);
    if (auto* error = std::get_if<ApiError>(&loaded)) {
        return *error;
    }
    const auto& context = std::get<DraftContext>(loaded);
    ReviewPlan plan;
    plan.fields = context.fields;
    plan.customers = context.draft.source == "customers";
    auto samples = nlohmann::json::array();
    for_each_draft_row(db, draft_id, [&](const DraftRowForReview& row) {
        samples.push_back({{"row", row.row_number},
                           {"phone", std::string(row.phone)},
                           {"fields", row_fields(row, plan)}});
        return static_cast<int>(samples.size()) < limit;
    });
    return nlohmann::json{{"samples", samples}};
}

// [SECTION] customers

namespace {

// The customers' fields after the recipients changed, and bindings that still hold.
void refresh_customer_fields(Connection& db, const DraftContext& context, std::int64_t now) {
    const auto fields = customer_fields(db, context.draft.id);
    db.prepare("UPDATE campaign_drafts SET fields = ? WHERE id = ?")
        .bind(1, nlohmann::json(fields).dump())
        .bind(2, context.draft.id)
        .run();
    recount_draft_rows(db, context.draft.id);
    changed(db, context.draft.id, now);
}

std::variant<DraftContext, ApiError> customers_draft(Connection& db, std::int64_t draft_id,
                                                     std::int64_t now) {
    auto loaded = load_context(db, draft_id, now);
    if (auto* error = std::get_if<ApiError>(&loaded)) {
        return *error;
    }
    if (auto error = wrong_source(std::get<DraftContext>(loaded), "customers")) {
        return *error;
    }
    return loaded;
}

} // namespace

DraftAnswer add_customers(Connection& db, std::int64_t draft_id,
                          const std::vector<std::int64_t>& customer_ids, std::int64_t now) {
    auto loaded = customers_draft(db, draft_id, now);
    if (auto* error = std::get_if<ApiError>(&loaded)) {
        return *error;
    }
    if (existing_customer_ids(db, customer_ids).size() != customer_ids.size()) {
        return validation_error("customer_ids", "names a customer that does not exist", 422);
    }
    Transaction transaction(db);
    const auto added = add_draft_customers(db, draft_id, customer_ids);
    refresh_customer_fields(db, std::get<DraftContext>(loaded), now);
    transaction.commit();
    return answer_draft(
        db, draft_id, now,
        {{"added", added}, {"already", static_cast<std::int64_t>(customer_ids.size()) - added}});
}

DraftAnswer add_all_customers(Connection& db, std::int64_t draft_id, const std::string& search,
                              std::int64_t now) {
    auto loaded = customers_draft(db, draft_id, now);
    if (auto* error = std::get_if<ApiError>(&loaded)) {
        return *error;
    }
    Transaction transaction(db);
    const auto added = add_matching_customers(db, draft_id, search);
    refresh_customer_fields(db, std::get<DraftContext>(loaded), now);
    transaction.commit();
    return answer_draft(db, draft_id, now, {{"added", added}});
}

DraftAnswer remove_customers(Connection& db, std::int64_t draft_id,
                             const std::vector<std::int64_t>& customer_ids, std::int64_t now) {
    auto loaded = customers_draft(db, draft_id, now);
    if (auto* error = std::get_if<ApiError>(&loaded)) {
        return *error;
    }
    Transaction transaction(db);
    const auto removed = remove_draft_customers(db, draft_id, customer_ids);
    refresh_customer_fields(db, std::get<DraftContext>(loaded), now);
    transaction.commit();
    return answer_draft(db, draft_id, now, {{"removed", removed}});
}

// [SECTION] review

namespace {

// What review and Confirm both require before they look at a row.
std::variant<ReviewPlan, ApiError> review_plan(Connection& db, const DraftContext& context) {
    if (auto error = template_unavailable(context)) {
        return *error;
    }
    if (auto error = check_campaign_settings(context.settings)) {
        error->message = "Settings: " + error->message;
        return *error;
    }
    if (context.draft.row_count == 0) {
        return make_error(422, "no_recipients", "the campaign has no recipients yet");
    }
    ReviewPlan plan;
    plan.view = *context.view;
    plan.bindings = context.bindings;
    plan.customers = context.draft.source == "customers";
    plan.fields = plan.customers ? customer_fields(db, context.draft.id) : context.fields;
    plan.include_active_conversations = context.settings.include_active_conversations;
    if (auto error = check_bindings(plan.view.variables, plan.bindings, plan.fields)) {
        return *error;
    }
    return plan;
}

nlohmann::json review_summary(Connection& db, const ReviewPlan& plan, const ReviewCounts& counts,
                              std::int64_t now) {
    const auto limit = to_json(load_daily_limit(db));
    const bool over = limit.is_object() && limit["limit"].is_number_integer() &&
                      counts.accepted > limit["limit"].get<std::int64_t>();
    return {{"messages", counts.accepted},
            {"rejected", counts.rejected},
            {"category", plan.view.record.category},
            {"billed", true},
            {"marketing", is_marketing(plan.view.record)},
            {"daily_limit", limit},
            {"over_daily_limit", over},
            {"checked_at", now}};
}

} // namespace

DraftAnswer review(Connection& db, std::int64_t draft_id, std::int64_t now) {
    auto loaded = load_context(db, draft_id, now);
    if (auto* error = std::get_if<ApiError>(&loaded)) {
        return *error;
    }
    auto planned = review_plan(db, std::get<DraftContext>(loaded));
    if (auto* error = std::get_if<ApiError>(&planned)) {
        return *error;
    }
    const auto& plan = std::get<ReviewPlan>(planned);
    Transaction transaction(db);
    clear_draft_review(db, draft_id);
    const auto facts = RecipientFactsIndex::load(db);
    DraftReviewWriter writer(db, draft_id);
    const auto counts = review_draft(db, draft_id, plan, facts, [&](const ReviewedRow& row) {
        if (row.verdict.accepted()) {
            writer.add(true, row.row_number, *row.verdict.e164, row.customer_name,
                       row.verdict.rendered);
        } else {
            writer.add(false, row.row_number, row.phone, row.customer_name, row.verdict.reason);
        }
    });
    writer.finish();
    auto summary = review_summary(db, plan, counts, now);
    save_draft_review_summary(db, draft_id, summary.dump());
    touch_draft(db, draft_id, now);
    transaction.commit();
    return nlohmann::json{{"review", summary}};
}

// [SECTION] confirm and cancel

DraftAnswer confirm(Connection& db, std::int64_t draft_id, std::int64_t user_id, std::int64_t now) {
    Transaction transaction(db);
    auto loaded = load_context(db, draft_id, now);
    if (auto* error = std::get_if<ApiError>(&loaded)) {
        return *error;
    }
    const auto& context = std::get<DraftContext>(loaded);
    auto planned = review_plan(db, context);
    if (auto* error = std::get_if<ApiError>(&planned)) {
        return *error;
    }
    const auto& plan = std::get<ReviewPlan>(planned);
    const auto& settings = context.settings;
    if (settings.scheduled && (!context.scheduled_at || *context.scheduled_at <= now)) {
        return validation_error("scheduled_time",
                                "the scheduled time has passed; pick a later one in Settings", 422);
    }
    if (campaign_name_taken(db, settings.name)) {
        ApiError error = make_error(409, "name_taken",
                                    "a campaign named \"" + settings.name + "\" exists already");
        error.fields = {{"name", "a campaign has this name already"}};
        return error;
    }
    CampaignRecord campaign;
    campaign.name = settings.name;
    campaign.template_id = plan.view.record.id;
    campaign.template_name = plan.view.record.name;
    campaign.template_language = plan.view.record.language;
    campaign.template_category = plan.view.record.category;
    campaign.template_components = plan.view.record.components.dump();
    campaign.parameter_format = plan.view.record.parameter_format;
    campaign.source = context.draft.source;
    campaign.upload_name = context.draft.upload_name;
    campaign.mode = settings.scheduled ? "scheduled" : "immediate";
    campaign.scheduled_at = settings.scheduled ? context.scheduled_at : std::nullopt;
    campaign.time_zone = settings.time_zone;
    campaign.include_active_conversations = settings.include_active_conversations;
    campaign.variables_json = to_json(plan.bindings).dump();
    campaign.created_by = user_id;
    campaign.created_at = now;
    campaign.status = settings.scheduled ? "scheduled" : "queued";
    const auto campaign_id = insert_campaign(db, campaign);
    if (const auto original = draft_retry_of(db, draft_id)) {
        set_campaign_retry_of(db, campaign_id, *original);
    }
    const auto facts = RecipientFactsIndex::load(db);
    CampaignRecipientWriter writer(db, campaign_id);
    const auto counts = review_draft(db, draft_id, plan, facts, [&](const ReviewedRow& row) {
        if (row.verdict.accepted()) {
            writer.add_recipient(
                row.row_number, *row.verdict.e164, row.customer_id, row.customer_name,
                row.verdict.rendered,
                send_parameters(plan.view, row.values, campaign_id, row.row_number).dump());
        } else {
            writer.add_rejection(row.row_number, row.phone, row.verdict.reason);
        }
    });
    if (counts.accepted == 0) {
        return make_error(422, "no_recipients",
                          "every recipient is rejected; nothing would be sent (see Rejected)");
    }
    set_campaign_counts(db, campaign_id, counts.accepted, counts.rejected);
    delete_draft(db, draft_id);
    transaction.commit();
    return nlohmann::json{
        {"campaign",
         {{"id", campaign_id},
          {"name", campaign.name},
          {"status", campaign.status},
          {"mode", campaign.mode},
          {"scheduled_at",
           campaign.scheduled_at ? nlohmann::json(*campaign.scheduled_at) : nlohmann::json()},
          {"template", campaign.template_name},
          {"recipients", counts.accepted},
          {"rejected", counts.rejected}}}};
}

DraftAnswer cancel(Connection& db, std::int64_t draft_id) {
    Transaction transaction(db);
    if (!find_draft(db, draft_id)) {
        return draft_not_found();
    }
    delete_draft(db, draft_id);
    transaction.commit();
    return nlohmann::json{{"cancelled", true}};
}

// [SECTION] expiry

std::int64_t expire_drafts(Connection& db, std::int64_t now) {
    Transaction transaction(db);
    const auto ids = stale_draft_ids(db, now - kDraftLifetimeSeconds);
    for (const auto id : ids) {
        delete_draft(db, id);
    }
    transaction.commit();
    return static_cast<std::int64_t>(ids.size());
}

} // namespace waconsole
