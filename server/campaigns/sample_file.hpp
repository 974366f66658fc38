// The sample file of a template's "Send from Excel": the columns the upload must have (phone,
// name, one per variable), an example row from Meta's examples, and a second sheet saying what
// each column takes. Written with libxlsxwriter, read back by our own import reader in tests.
#pragma once

#include "server/campaigns/campaign_template.hpp"

#include <string>

namespace waconsole {

// The .xlsx file's bytes; throws XlsxError when it cannot be written.
std::string sample_file_bytes(const CampaignTemplateView& view);
// "summer_sale-en_US-sample.xlsx"
std::string sample_file_name(const CampaignTemplateView& view);

} // namespace waconsole
