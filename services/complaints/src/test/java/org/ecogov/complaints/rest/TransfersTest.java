package org.ecogov.complaints.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecogov.complaints.Fixtures.*;
import static org.hamcrest.Matchers.*;

import java.util.Map;

import org.ecogov.complaints.Database;
import org.ecogov.complaints.TestRegistry;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Transfers (issue 11): a reason and a named receiver; the receiver accepts or refuses with a reason; the complaint
 * has exactly one owner throughout, and the custody ledger keeps every step.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
@WithTestResource(TestRegistry.class)
class TransfersTest {

    static final String OTHER_TOWN_GOV = "TG-341702101";

    @Test
    void aTransferWithoutAReasonIsRejected() {
        String id = idOf(filed(CITIZEN, odourComplaint()));
        as(EEB_OFFICER).header("If-Match", "\"1\"").body(Map.of("toAgency", OTHER_TOWN_GOV))
                .post("/api/v1/complaints/" + id + "/transfers").then().statusCode(400)
                .body("errors[0].field", is("reason"));
        as(EEB_OFFICER).header("If-Match", "\"1\"").body(Map.of("toAgency", OTHER_TOWN_GOV, "reason", "  "))
                .post("/api/v1/complaints/" + id + "/transfers").then().statusCode(400)
                .body("errors[0].field", is("reason"));
        assertThat(Database.queryLong("select count(*) from transfer where complaint_id = '" + id + "'")).isZero();
    }

    @Test
    void theReceivingAgencyMustBeInTheRegistryAndARegistryThatIsDownWritesNothing() {
        String id = idOf(filed(CITIZEN, odourComplaint()));
        as(EEB_OFFICER).header("If-Match", "\"1\"").body(Map.of("toAgency", "TG-341702999", "reason", "Not ours"))
                .post("/api/v1/complaints/" + id + "/transfers").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", is("toAgency"));
        TestRegistry.stopRegistry();
        try {
            as(EEB_OFFICER).header("If-Match", "\"1\"").body(Map.of("toAgency", OTHER_TOWN_GOV, "reason", "Not ours"))
                    .post("/api/v1/complaints/" + id + "/transfers").then().statusCode(503)
                    .body("type", is("/problems/service-unavailable"));
        } finally {
            TestRegistry.startRegistry();
        }
        assertThat(Database.queryLong("select count(*) from transfer where complaint_id = '" + id + "'")).isZero();
        as(EEB_OFFICER).get("/api/v1/complaints/" + id).then().statusCode(200).header("ETag", is("\"1\""));
    }

    @Test
    void theReceiverRefusesOrAcceptsWithAReasonAndTheLedgerKeepsEveryStep() {
        String code = filed(CITIZEN, odourComplaint());
        String id = idOf(code);
        // the other town cannot see a complaint placed in Wusha ...
        as(OTHER_TOWN_OFFICER).get("/api/v1/complaints/" + id).then().statusCode(404);
        String refused = as(EEB_OFFICER).header("If-Match", "\"1\"")
                .body(Map.of("toAgency", OTHER_TOWN_GOV, "reason", "The smell comes from the dye works in Town A"))
                .post("/api/v1/complaints/" + id + "/transfers").then().statusCode(201)
                .body("status", is("pending")).body("fromAgency", is(EEB)).extract().path("id");
        // ... until a transfer waits for its answer; meanwhile the owner is unchanged and a second transfer waits
        as(OTHER_TOWN_OFFICER).get("/api/v1/complaints/" + id).then().statusCode(200).body("owner.agencyCode", is(EEB));
        as(EEB_OFFICER).header("If-Match", "\"2\"").body(Map.of("toAgency", WUSHA_GOV, "reason", "Or maybe Wusha"))
                .post("/api/v1/complaints/" + id + "/transfers").then().statusCode(409)
                .body("type", is("/problems/transfer-pending"));
        // only the receiver answers
        as(EEB_OFFICER).body(Map.of("accept", true, "reason", "fine by us")).post("/api/v1/complaints/" + id + "/transfers/" + refused + "/answer")
                .then().statusCode(403);
        as(OTHER_TOWN_OFFICER).body(Map.of("accept", false)).post("/api/v1/complaints/" + id + "/transfers/" + refused + "/answer")
                .then().statusCode(400).body("errors[0].field", is("reason"));
        as(OTHER_TOWN_OFFICER).body(Map.of("accept", false, "reason", "The dye works closed in 2024"))
                .post("/api/v1/complaints/" + id + "/transfers/" + refused + "/answer").then().statusCode(200)
                .body("owner.agencyCode", is(EEB));
        // answered, the transfer no longer opens the complaint to the other town: a second answer finds nothing
        as(OTHER_TOWN_OFFICER).body(Map.of("accept", true, "reason", "changed my mind"))
                .post("/api/v1/complaints/" + id + "/transfers/" + refused + "/answer").then().statusCode(404);
        as(ADMIN).body(Map.of("accept", true, "reason", "changed my mind"))
                .post("/api/v1/complaints/" + id + "/transfers/" + refused + "/answer").then().statusCode(409)
                .body("type", is("/problems/invalid-status-transition"));

        String key = java.util.UUID.randomUUID().toString();
        String accepted = as(EEB_OFFICER).header("If-Match", "\"3\"").header("Idempotency-Key", key)
                .body(Map.of("toAgency", WUSHA_GOV, "reason", "Night-time smell: the town patrols at night"))
                .post("/api/v1/complaints/" + id + "/transfers").then().statusCode(201).extract().path("id");
        // the retry of a request whose answer was lost: the same transfer, not a second one (nor a 409 or a 412)
        as(EEB_OFFICER).header("If-Match", "\"3\"").header("Idempotency-Key", key)
                .body(Map.of("toAgency", WUSHA_GOV, "reason", "Night-time smell: the town patrols at night"))
                .post("/api/v1/complaints/" + id + "/transfers").then().statusCode(201)
                .header("Idempotent-Replayed", is("true")).body("id", is(accepted));
        as(WUSHA_OFFICER).body(Map.of("accept", true, "reason", "Our night patrol will look"))
                .post("/api/v1/complaints/" + id + "/transfers/" + accepted + "/answer").then().statusCode(200)
                .body("owner.agencyCode", is(WUSHA_GOV));
        // the new owner sees the contact details, the old one no longer does
        as(WUSHA_OFFICER).get("/api/v1/complaints/" + id).then().body("contact.name", is("Zhang Wei"));
        as(EEB_OFFICER).get("/api/v1/complaints/" + id).then().statusCode(200).body("contact", nullValue());

        as(EEB_OFFICER).get("/api/v1/complaints/" + id + "/custody").then().statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].agencyCode", is(EEB))
                .body("items[0].to", notNullValue())
                .body("items[1].agencyCode", is(WUSHA_GOV))
                .body("items[1].to", nullValue())
                .body("items[1].reason", is("transferred from EEB-341702: Night-time smell: the town patrols at night"
                        + " (accepted: Our night patrol will look)"));
        as(CITIZEN).get("/api/v1/complaint-tracking/" + code).then()
                .body("owner.agencyCode", is(WUSHA_GOV))
                .body("updates.text", hasItem("Passed from EEB-341702 to TG-341702102."));
        assertThat(Database.queryString("select string_agg(action, ',' order by sequence) from audit_entry where entity_id = '" + id + "'"))
                .isEqualTo("submitted,transfer-requested,transfer-refused,transfer-requested,transfer-accepted");
    }
}
