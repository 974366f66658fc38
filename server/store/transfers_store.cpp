// SQL for the transfer log.
#include "server/store/transfers_store.hpp"

namespace waconsole {

void insert_transfer(Connection& db, const TransferRecord& transfer) {
    db.prepare("INSERT INTO transfers (conversation_id, by_user_id, at, from_agent_id, "
               "from_skillset_id, to_user_id, to_skillset_id, mode) VALUES (?,?,?,?,?,?,?,?)")
        .bind(1, transfer.conversation_id)
        .bind(2, transfer.by_user_id)
        .bind(3, transfer.at)
        .bind(4, transfer.from_agent_id)
        .bind(5, transfer.from_skillset_id)
        .bind(6, transfer.to_user_id)
        .bind(7, transfer.to_skillset_id)
        .bind(8, transfer.mode)
        .run();
}

std::vector<TransferRecord> list_transfers(Connection& db, std::int64_t conversation_id) {
    auto query = db.prepare(
        "SELECT t.conversation_id, t.by_user_id, t.at, t.from_agent_id, t.from_skillset_id, "
        "t.to_user_id, t.to_skillset_id, t.mode, COALESCE(b.name, ''), COALESCE(fa.name, ''), "
        "COALESCE(fs.name, ''), COALESCE(tu.name, ''), COALESCE(ts.name, '') FROM transfers t "
        "LEFT JOIN users b ON b.id = t.by_user_id LEFT JOIN users fa ON fa.id = t.from_agent_id "
        "LEFT JOIN skillsets fs ON fs.id = t.from_skillset_id "
        "LEFT JOIN users tu ON tu.id = t.to_user_id "
        "LEFT JOIN skillsets ts ON ts.id = t.to_skillset_id "
        "WHERE t.conversation_id = ? ORDER BY t.at, t.id");
    query.bind(1, conversation_id);
    std::vector<TransferRecord> transfers;
    while (query.step()) {
        TransferRecord t;
        t.conversation_id = query.get_int(0);
        t.by_user_id = query.get_optional_int(1);
        t.at = query.get_int(2);
        t.from_agent_id = query.get_optional_int(3);
        t.from_skillset_id = query.get_optional_int(4);
        t.to_user_id = query.get_optional_int(5);
        t.to_skillset_id = query.get_optional_int(6);
        t.mode = query.get_text(7);
        t.by = query.get_text(8);
        t.from_agent = query.get_text(9);
        t.from_skillset = query.get_text(10);
        t.to_user = query.get_text(11);
        t.to_skillset = query.get_text(12);
        transfers.push_back(std::move(t));
    }
    return transfers;
}

} // namespace waconsole
