// The check of every recipient of a draft, as Review shows it and as Confirm stores it: each row's
// fields (the file's cells, or the customer's current name, e-mail, phone and custom fields), its
// variable values from the bindings, the shared recipient check, and duplicates by person. Review
// and Confirm run this same pass, so Confirm stores exactly what Review showed unless the data
// changed in between (and then Confirm's answer is the one that counts).
#pragma once

#include "server/campaigns/campaign_template.hpp"
#include "server/campaigns/draft_blocks.hpp"
#include "server/campaigns/recipient_facts.hpp"
#include "shared/campaign_variables.hpp"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace waconsole {

struct ReviewPlan {
    CampaignTemplateView view;
    VariableBindings bindings;
    std::vector<std::string> fields; // an Excel draft's columns; unused for customers
    bool customers = false;          // the customers flow
    bool include_active_conversations = false;
};

struct ReviewedRow {
    std::int64_t row_number = 0;
    std::string phone; // as written (file) or as stored (customer)
    std::optional<std::int64_t> customer_id;
    std::string customer_name;
    std::map<std::string, std::string> values; // variable → value
    RecipientVerdict verdict;                  // rendered text, or the reason (duplicates too)
};

struct ReviewCounts {
    std::int64_t accepted = 0;
    std::int64_t rejected = 0;
};

// The fields a customers draft offers: name, email, phone and the custom fields of its customers.
std::vector<std::string> customer_fields(Connection& db, std::int64_t draft_id);

// Every row of the draft, in row order, checked; `on_row` sees each.
ReviewCounts review_draft(Connection& db, std::int64_t draft_id, const ReviewPlan& plan,
                          const RecipientFactsIndex& facts,
                          const std::function<void(const ReviewedRow&)>& on_row);

// A row's fields as variables are bound to them.
std::map<std::string, std::string> row_fields(const DraftRowForReview& row, const ReviewPlan& plan);

// The template parameters the sender sends for one recipient:
// {"body":[{"name","text"}],"header":[{"name","text"}],"buttons":[{"index","kind","value"}]}.
// Quick replies carry the payload "c<campaign>.r<row>.b<index>", which ties a tap to the row.
nlohmann::json send_parameters(const CampaignTemplateView& view,
                               const std::map<std::string, std::string>& values,
                               std::int64_t campaign_id, std::int64_t row_number);

} // namespace waconsole
