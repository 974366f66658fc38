// Data for the section table tests: a server with no demo data and an administrator session,
// people (agents, skillsets, customers), and random conversations and messages of every kind —
// with many equal times, so that ties in the order keys are the rule, not the exception — plus
// random changes of every kind the counters must follow.
#pragma once

#include "test_server.hpp"

#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace waconsole::testing {

// A running server without demo data and a session of an administrator (made directly, no
// login). get() REQUIREs a 200 and returns the JSON.
struct SectionServer {
    RunningServer server;
    std::string token;
    explicit SectionServer(ServerConfig config = {});
    nlohmann::json get(const std::string& path);
    // CHECKs a 400 validation_failed with no rows; returns the error's JSON.
    nlohmann::json get_refused(const std::string& path);
    httplib::Result raw_get(const std::string& path);
};

struct SectionPeople {
    std::vector<std::int64_t> agents;    // "Agent 01 Ana", "Agent 02 Bruno", ...
    std::vector<std::int64_t> skillsets; // Sales, Support, Billing
    std::vector<std::int64_t> customers; // "Customer 001", phone +3460000000N
};

SectionPeople seed_people(Connection& db, int agents, int customers, std::int64_t now);

// One conversation exactly as a test wants it; returns its id.
struct ConversationRow {
    std::string state = "bot";
    std::int64_t customer_id = 0;
    std::optional<std::int64_t> skillset_id;
    std::optional<std::int64_t> agent_id;
    std::optional<std::int64_t> reserved_for_user_id;
    std::int64_t started_at = 0;
    std::optional<std::int64_t> queued_at;
    std::optional<std::int64_t> last_customer_message_at;
    std::string last_customer_text = "hola";
    std::optional<std::int64_t> closed_at;
    std::optional<std::string> close_reason;
    std::string licence_type = "standard";
    int handled = 0;
    int queue_priority = 0;
};
std::int64_t insert_conversation(Connection& db, const ConversationRow& row);

// Rows of each state with what that state needs; a test changes the rest field by field.
ConversationRow bot_row(std::int64_t customer, std::int64_t started_at,
                        std::int64_t last_customer_message_at);
ConversationRow waiting_row(std::int64_t customer, std::optional<std::int64_t> skillset,
                            std::int64_t queued_at);
ConversationRow active_row(std::int64_t customer, std::int64_t skillset, std::int64_t agent,
                           std::int64_t started_at);
// handled when `agent` is set; started an hour before it closed.
ConversationRow closed_row(std::int64_t customer, std::optional<std::int64_t> agent,
                           std::int64_t closed_at);

// Random rows and changes, reproducible from the generator's seed.
class RandomSections {
public:
    RandomSections(Connection& db, SectionPeople people, std::uint32_t seed, std::int64_t now);

    std::int64_t insert_conversation();
    void change_conversation();
    void delete_conversation();
    void insert_message(); // an agent's single template, a bot text or a customer's message
    void delete_message();
    void move_message(); // to another customer, as identity matching does
    // One random change of any of the kinds above.
    void any_change();

    const SectionPeople& people() const { return m_people; }

private:
    std::int64_t pick(const std::vector<std::int64_t>& ids);
    std::optional<std::int64_t> pick_row(const char* table);
    int below(int n);
    std::int64_t coarse_time(); // a time among few values, so many rows share it

    Connection& m_db;
    SectionPeople m_people;
    std::mt19937 m_random;
    std::int64_t m_now;
};

// The first column of every row `sql` gives, in order.
std::vector<std::int64_t> query_ids(SectionServer& s, const std::string& sql);

// The ids of a page's rows, appended to `ids`.
void append_ids(const nlohmann::json& page, std::vector<std::int64_t>& ids);

// Reads every page of `path` (a table URL and its query, page_size=10) three ways — forward with
// next from the first page, backward with prev from the last, and by number past the end — and
// checks that each way meets exactly `expected` in order, with its page numbers and the total.
void check_pages_hold(SectionServer& s, const std::string& path,
                      const std::vector<std::int64_t>& expected);

// A server with random rows of every section (RandomSections), built from one seed.
struct RandomTables {
    SectionServer s;
    std::unique_ptr<RandomSections> random;
    explicit RandomTables(std::uint32_t seed, int conversations = 400);
    void changes(int count);
};

// Every counter of table_counts and the unanswered_templates list against what COUNT(*) and a
// plain query say; "" when they agree, else the first difference.
std::string counters_disagreement(Connection& db);

} // namespace waconsole::testing
