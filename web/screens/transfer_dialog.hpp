// The Transfer dialog of sections 3 and 4: to a skillset (each shows whether an agent with that
// skill is ready now) or to a user (each with presence and load), immediate or exclusive, as
// GET /api/transfer-targets and POST /api/conversations/{id}/transfer define them
// (docs/contact-center.md). A row that cannot be transferred shows why and offers no Transfer;
// the server's warning and errors are shown in the dialog. The targets stay live while it is open.
#pragma once

#include "platform/http.hpp"

#include <optional>
#include <string>
#include <vector>

namespace waconsole {

struct App;

struct TransferUser {
    long long id = 0;
    std::string name;
    std::string presence;
    int load = 0;
    int capacity = 0;
    std::string skillsets; // "Sales, Support"
};

struct TransferSkillset {
    long long id = 0;
    std::string name;
    std::optional<int> menu_digit;
    int ready_agents = 0;
    int logged_in_agents = 0;
};

enum class TransferTo { skillset, user };

struct TransferDialog {
    bool open = false;
    long long conversation_id = 0;
    std::string customer;
    bool can_transfer = true;
    std::string refusal; // why not, when !can_transfer

    TransferTo to = TransferTo::skillset;
    long long target_id = 0; // 0 = none chosen yet
    bool exclusive = false;

    std::vector<TransferUser> users;
    std::vector<TransferSkillset> skillsets;
    bool targets_loaded = false;
    std::string targets_error;
    platform::Request targets_request;
    long long targets_stamp = -1;

    platform::Request submit_request;
    std::string error;   // the server's refusal of the transfer
    std::string warning; // the server's warning after a transfer that went through
    bool done = false;   // transferred; the dialog stays to show the warning
};

void open_transfer(TransferDialog& dialog, long long conversation_id, std::string customer,
                   bool can_transfer, std::string refusal);
// Draws the dialog over everything while it is open. Call once per frame, outside other windows.
void draw(TransferDialog& dialog, App& app);

} // namespace waconsole
