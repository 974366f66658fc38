// The lease that keeps two server processes on one database from feeding one campaign at once.
#include "campaign_fixture.hpp"
#include "server/store/campaign_sending_store.hpp"

#include <catch2/catch.hpp>

using namespace waconsole;
using namespace waconsole::testing;

TEST_CASE("one process holds a campaign's lease until it expires, and the holder renews it") {
    CampaignFixture fixture;
    auto db = fixture.server.services().pool.acquire();
    db->exec("INSERT INTO campaigns (name, name_key, template_name, template_language, "
             "template_category, template_components, parameter_format, source, mode, "
             "include_active_conversations, variables, created_by, created_at, status, "
             "recipient_count, rejected_count) VALUES ('L', 'l', 't', 'es', 'UTILITY', '[]', "
             "'POSITIONAL', 'excel', 'immediate', 0, '{}', 1, 0, 'queued', 0, 0)");
    const auto id = db->last_insert_id();
    CHECK(take_campaign_lease(*db, id, "a", 100, 130));
    CHECK_FALSE(take_campaign_lease(*db, id, "b", 110, 140)); // a holds it
    CHECK(take_campaign_lease(*db, id, "a", 120, 150));       // a renews
    CHECK_FALSE(take_campaign_lease(*db, id, "b", 149, 179));
    CHECK(take_campaign_lease(*db, id, "b", 151, 181)); // expired: b takes it
    CHECK_FALSE(take_campaign_lease(*db, id, "a", 160, 190));
    release_campaign_lease(*db, id, "a"); // not a's to release
    CHECK_FALSE(take_campaign_lease(*db, id, "a", 161, 191));
    release_campaign_lease(*db, id, "b");
    CHECK(take_campaign_lease(*db, id, "a", 162, 192));
}
