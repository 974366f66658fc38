// Step 2 from Excel: Download sample file (the template's columns, GET .../sample.xlsx) and
// Select file (the browser's file picker, or a file dropped anywhere on the page), uploaded as
// raw bytes to POST .../upload with a progress bar; then the file's name, rows and columns, or
// the server's reason for refusing it.
// Widgets: campaign.excel.sample, campaign.excel.select, campaign.excel.drop (the drop zone),
// campaign.excel.progress, campaign.excel.result, campaign.excel.error.
#include "app.hpp"
#include "json_fields.hpp"
#include "platform/browser.hpp"
#include "platform/download.hpp"
#include "platform/file_upload.hpp"
#include "platform/frame_loop.hpp"
#include "screens/campaign_wizard.hpp"
#include "shared/xlsx_download.hpp"

#include <cstdio>

namespace waconsole {

namespace {

constexpr const char* kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
constexpr const char* kAccepted = ".xlsx,.csv";

void start_sample(CampaignWizard& wizard, App& app) {
    const long long template_id = number_field(member(wizard.draft, "template"), "id").value_or(0);
    platform::HttpCall call =
        api_get(app.api, "/api/campaign-templates/" + std::to_string(template_id) + "/sample.xlsx");
    for (auto& [name, value] : call.headers) {
        if (name == "Accept") {
            value = kXlsxType;
        }
    }
    wizard.excel.sample_request.start(std::move(call));
}

void take_sample(CampaignWizard& wizard, App& app) {
    auto response = wizard.excel.sample_request.take_response();
    if (!response || end_session_if_unauthorized(app, *response)) {
        return;
    }
    if (!response->ok()) {
        push_toast(app.toasts, ToastKind::error,
                   "The sample file could not be downloaded: " + error_message(*response),
                   platform::now_seconds());
        return;
    }
    const std::string name = platform::filename_from_content_disposition(
        response->content_disposition,
        text_field(member(wizard.draft, "template"), "name") + "-sample.xlsx");
    platform::save_download(name, kXlsxType, response->body);
    push_toast(app.toasts, ToastKind::info, "Saved " + name, platform::now_seconds());
}

void start_upload(CampaignWizard& wizard, App& app, const platform::PickedFile& file) {
    ExcelStep& excel = wizard.excel;
    excel.file_name = file.name;
    excel.file_size = file.size;
    excel.uploading = true;
    excel.loaded = 0;
    excel.total = file.size;
    excel.error.clear();
    excel.reason.clear();
    platform::HttpCall call =
        api_get(app.api, draft_path(wizard, "/upload?file_name=" + url_encode(file.name)));
    platform::start_upload(call.url, call.headers);
}

void follow_upload(CampaignWizard& wizard, App& app) {
    ExcelStep& excel = wizard.excel;
    if (!excel.uploading) {
        return;
    }
    platform::UploadProgress progress = platform::upload_progress();
    excel.loaded = progress.loaded;
    excel.total = progress.total;
    if (progress.state == platform::UploadState::uploading) {
        platform::wake_after(100);
        return;
    }
    excel.uploading = false;
    platform::reset_upload();
    platform::HttpResponse response;
    response.status = progress.status;
    response.body = std::move(progress.body);
    if (end_session_if_unauthorized(app, response)) {
        return;
    }
    if (!response.ok()) {
        excel.error = error_message(response);
        const nlohmann::json error = member(parse_answer(response.body), "error");
        excel.reason = text_field(error, "reason");
        if (excel.reason.empty()) {
            excel.reason = text_field(error, "code");
        }
        return;
    }
    take_draft(wizard, parse_answer(response.body));
    wizard.error.clear();
    bump(app.live, topic_bit(Topic::campaigns));
}

std::string size_text(double bytes) {
    char text[32];
    if (bytes >= 1024 * 1024) {
        std::snprintf(text, sizeof(text), "%.1f MB", bytes / (1024 * 1024));
    } else {
        std::snprintf(text, sizeof(text), "%.0f KB", bytes / 1024 + 0.5);
    }
    return text;
}

void draw_drop_zone(CampaignWizard& wizard, App& app) {
    ExcelStep& excel = wizard.excel;
    const bool over = platform::file_dragged_over();
    const ImVec2 size(std::min(ImGui::GetContentRegionAvail().x, em(34)), em(5));
    const ImVec2 min = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(min, ImVec2(min.x + size.x, min.y + size.y),
                        over ? palette::kAccentSoft : palette::kSurface, em(0.4f));
    draw->AddRect(min, ImVec2(min.x + size.x, min.y + size.y),
                  over ? palette::kAccent : palette::kBorder, em(0.4f), 0, em(0.1f));
    ImGui::Dummy(size);
    app.widgets.record_last_item("campaign.excel.drop");
    const ImVec2 after = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(ImVec2(min.x + em(1), min.y + em(0.8f)));
    ImGui::TextDisabled("%s",
                        over ? "Drop the file to upload it"
                             : "Drop the filled-in .xlsx or .csv file anywhere on the page, or");
    ImGui::SetCursorScreenPos(ImVec2(min.x + em(1), ImGui::GetCursorScreenPos().y + em(0.2f)));
    ImGui::BeginDisabled(excel.uploading);
    if (primary_button("Select file")) {
        platform::open_file_picker(kAccepted);
    }
    ImGui::EndDisabled();
    app.widgets.record_last_item("campaign.excel.select");
    ImGui::SameLine();
    ImGui::TextDisabled("at most 20 MB");
    ImGui::SetCursorScreenPos(after);
}

void draw_result(CampaignWizard& wizard, App& app) {
    const ExcelStep& excel = wizard.excel;
    if (excel.uploading) {
        const float fraction =
            excel.total > 0 ? static_cast<float>(excel.loaded / excel.total) : 0.0f;
        const std::string label = "Uploading " + excel.file_name + ": " + size_text(excel.loaded) +
                                  " of " + size_text(excel.total);
        ImGui::ProgressBar(fraction, ImVec2(std::min(ImGui::GetContentRegionAvail().x, em(34)), 0),
                           label.c_str());
        app.widgets.record_last_item("campaign.excel.progress");
        return;
    }
    if (!excel.error.empty()) {
        error_text(excel.file_name + " was not taken: " + excel.error, "campaign.excel.error", app);
    }
    const nlohmann::json& upload = member(wizard.draft, "upload");
    if (upload.is_object()) {
        ImGui::BeginGroup();
        ImGui::PushFont(app.fonts.bold);
        ImGui::Text("%s", text_field(upload, "file_name").c_str());
        ImGui::PopFont();
        ImGui::Text("%s rows", group_thousands(number_field(upload, "rows").value_or(0)).c_str());
        std::string columns;
        for (const auto& field : member(wizard.draft, "fields")) {
            if (field.is_string()) {
                columns += (columns.empty() ? "" : ", ") + field.get<std::string>();
            }
        }
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + em(34));
        ImGui::TextDisabled("Columns: %s", columns.c_str());
        ImGui::PopTextWrapPos();
        ImGui::EndGroup();
        app.widgets.record_last_item("campaign.excel.result");
    }
}

} // namespace

void draw_excel(CampaignWizard& wizard, App& app) {
    take_sample(wizard, app);
    follow_upload(wizard, app);
    platform::enable_file_drop(true);
    if (const platform::PickedFile file = platform::take_picked_file(); !file.name.empty()) {
        start_upload(wizard, app, file);
    }
    ImGui::PushFont(app.fonts.bold);
    ImGui::TextUnformatted("1. Download the sample file");
    ImGui::PopFont();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + em(34));
    ImGui::TextDisabled("Its columns match this template: phone, name and one column per "
                        "variable. Fill in one row per customer; the second sheet says what each "
                        "column takes.");
    ImGui::PopTextWrapPos();
    ImGui::BeginDisabled(wizard.excel.sample_request.loading());
    if (ImGui::Button(wizard.excel.sample_request.loading() ? "Preparing file…###sample"
                                                            : "Download sample file###sample")) {
        start_sample(wizard, app);
    }
    ImGui::EndDisabled();
    app.widgets.record_last_item("campaign.excel.sample");
    ImGui::Dummy(ImVec2(0, em(0.6f)));
    ImGui::PushFont(app.fonts.bold);
    ImGui::TextUnformatted("2. Upload the filled-in file");
    ImGui::PopFont();
    draw_drop_zone(wizard, app);
    ImGui::Dummy(ImVec2(0, em(0.3f)));
    draw_result(wizard, app);
}

} // namespace waconsole
