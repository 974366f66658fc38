// Message template sent (section 7): single templates agents sent that the customer has not
// answered yet, with the text and sent / delivered / read times; customer and agent filters;
// live (a customer's answer takes the row away); Excel of the filtered rows.
#pragma once

#include "screens/section_screen.hpp"
#include "screens/section_table.hpp"

#include <string>

namespace waconsole {

struct App;

struct TemplatesSentScreen final : SectionScreen {
    SectionTable table =
        make_section_table("templates_sent", "templates-sent.xlsx",
                           Topic::messages | Topic::conversations | topic_bit(Topic::templates));
    std::string customer; // filters being typed; applied by Search or Enter
    std::string agent;

    void draw_screen(App& app) override;
    SectionTable* section_table() override { return &table; }
    void restore_filters(App& app, const QueryParams& filters) override;
};

} // namespace waconsole
