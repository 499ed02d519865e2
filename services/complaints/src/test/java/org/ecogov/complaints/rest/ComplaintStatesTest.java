package org.ecogov.complaints.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecogov.complaints.Fixtures.*;
import static org.hamcrest.Matchers.*;

import java.time.Instant;
import java.util.Map;

import org.ecogov.complaints.Database;
import org.ecogov.complaints.TestRegistry;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.ecogov.testing.SettableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * A complaint's life after intake (issue 11, "States"): accepted or rejected with where to go instead, in progress,
 * resolved with findings, closed by the complainant's rating or reopened once (and not twice) to its last owner;
 * an extension only by an agency-lead, shown to the complainant; every step only from its one status, only by the
 * owning agency, only on the current version.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
@WithTestResource(TestRegistry.class)
class ComplaintStatesTest {

    @AfterEach
    void clock() {
        SettableClock.INSTANCE.reset();
    }

    private static Response step(String token, String id, long version, Map<String, Object> body) {
        return as(token).header("If-Match", "\"" + version + "\"").body(body)
                .post("/api/v1/complaints/" + id + "/status-changes");
    }

    @Test
    void acceptedInProgressResolvedThenRatedAndClosed() {
        SettableClock.INSTANCE.set(Instant.parse("2026-11-26T23:30:00Z")); // Friday 27 Nov, 07:30 local
        String code = filed(CITIZEN, odourComplaint());
        String id = idOf(code);

        SettableClock.INSTANCE.set(Instant.parse("2026-11-30T01:00:00Z")); // Monday 30 Nov, 09:00 local
        step(EEB_OFFICER, id, 1, Map.of("status", "accepted")).then().statusCode(200)
                .header("ETag", is("\"2\""))
                .body("status", is("accepted"))
                // 30 days from Monday 30 November: the end of 30 December, local
                .body("deadlines.resolveBy", is("2026-12-30T15:59:59Z"));
        step(EEB_OFFICER, id, 2, Map.of("status", "in-progress")).then().statusCode(200).body("status", is("in-progress"));
        step(EEB_OFFICER, id, 3, Map.of("status", "resolved")).then().statusCode(400).body("errors[0].field", is("findings"));
        step(EEB_OFFICER, id, 3, Map.of("status", "resolved",
                "findings", "Desulphurisation unit of the smelter was bypassed; ordered repaired, repaired 12 Dec.",
                "publicNote", "Thank you for reporting."))
                .then().statusCode(200).body("status", is("resolved"))
                .body("findings", startsWith("Desulphurisation"));

        as(CITIZEN).get("/api/v1/complaint-tracking/" + code).then().statusCode(200)
                .body("status", is("resolved"))
                .body("updates.text", hasItems(
                        "Accepted by EEB-341702, to be resolved by 30 December 2026.",
                        "EEB-341702 is working on it.",
                        "Resolved by EEB-341702. Please rate the outcome. Thank you for reporting."));
        as(CITIZEN).body(Map.of("rating", 4, "reopen", false)).post("/api/v1/complaint-tracking/" + code + "/feedback")
                .then().statusCode(200).body("status", is("closed"));
        assertThat(Database.queryString("select string_agg(action, ',' order by sequence) from audit_entry where entity_id = '" + id + "'"))
                .isEqualTo("submitted,accepted,in-progress,resolved,closed");
        assertThat(Database.queryString("select string_agg(type, ',' order by position) from event_outbox where subject = 'complaints/" + id + "'"))
                .isEqualTo("org.ecogov.complaints.complaint.submitted.v1,org.ecogov.complaints.complaint.accepted.v1,"
                        + "org.ecogov.complaints.complaint.started.v1,org.ecogov.complaints.complaint.resolved.v1,"
                        + "org.ecogov.complaints.complaint.closed.v1");
    }

    @Test
    void aRejectionSaysWhereToGoInstead() {
        String code = filed(CITIZEN, odourComplaint());
        String id = idOf(code);
        step(EEB_OFFICER, id, 1, Map.of("status", "rejected", "reason", "A neighbour's barbecue")).then().statusCode(400)
                .body("errors[0].field", is("redirectTo"));
        step(EEB_OFFICER, id, 1, Map.of("status", "rejected", "reason", "A neighbour's barbecue",
                "redirectTo", "the Wusha Town neighbourhood committee, tel. 0566-1234567"))
                .then().statusCode(200).body("status", is("rejected")).body("deadlines.acceptBy", notNullValue());
        as(CITIZEN).get("/api/v1/complaint-tracking/" + code).then()
                .body("status", is("rejected"))
                .body("updates[-1].text", containsString("Where to go instead: the Wusha Town neighbourhood committee"))
                .body("updates.text", not(hasItem(containsString("barbecue"))));
        step(EEB_OFFICER, id, 2, Map.of("status", "accepted")).then().statusCode(409)
                .body("type", is("/problems/invalid-status-transition"));
    }

    @Test
    void aReopenedComplaintReturnsToItsLastOwnerOnceAndNotTwice() {
        String code = filed(CITIZEN, odourComplaint());
        String id = idOf(code);
        resolve(id, 1);
        as(CITIZEN).body(Map.of("rating", 1, "reopen", true, "comment", "Still smells every night."))
                .post("/api/v1/complaint-tracking/" + code + "/feedback").then().statusCode(200)
                .body("status", is("in-progress"))
                .body("owner.agencyCode", is(EEB))
                .body("deadlines.resolveBy", notNullValue());
        as(EEB_OFFICER).get("/api/v1/complaints/" + id).then().body("reopened", is(1)).body("rating", is(1));
        step(EEB_OFFICER, id, 5, Map.of("status", "resolved", "findings", "Second repair done and verified at night."))
                .then().statusCode(200);
        as(CITIZEN).body(Map.of("rating", 1, "reopen", true)).post("/api/v1/complaint-tracking/" + code + "/feedback")
                .then().statusCode(409).body("type", is("/problems/reopen-limit-reached"));
        as(CITIZEN).body(Map.of("rating", 2, "reopen", false)).post("/api/v1/complaint-tracking/" + code + "/feedback")
                .then().statusCode(200).body("status", is("closed"));
        as(CITIZEN).body(Map.of("rating", 5, "reopen", false)).post("/api/v1/complaint-tracking/" + code + "/feedback")
                .then().statusCode(409).body("type", is("/problems/invalid-status-transition"));
    }

    @Test
    void onlyTheOwningAgencyActsOnlyOnTheCurrentVersionAndOnlyFromTheRightStatus() {
        String id = idOf(filed(CITIZEN, odourComplaint()));
        step(WUSHA_OFFICER, id, 1, Map.of("status", "accepted")).then().statusCode(403).body("type", is("/problems/forbidden"));
        step(OTHER_TOWN_OFFICER, id, 1, Map.of("status", "accepted")).then().statusCode(404);
        step(CITIZEN, id, 1, Map.of("status", "accepted")).then().statusCode(403);
        as(EEB_OFFICER).body(Map.of("status", "accepted")).post("/api/v1/complaints/" + id + "/status-changes")
                .then().statusCode(428);
        step(EEB_OFFICER, id, 7, Map.of("status", "accepted")).then().statusCode(412);
        step(EEB_OFFICER, id, 1, Map.of("status", "resolved", "findings", "Nothing found at all, no smell.")).then()
                .statusCode(409).body("type", is("/problems/invalid-status-transition"));
        as(CITIZEN).body(Map.of("rating", 3, "reopen", false)).post("/api/v1/complaint-tracking/" + filedCode(id) + "/feedback")
                .then().statusCode(409);
        assertThat(Database.queryString("select status from complaint where id = '" + id + "'")).isEqualTo("submitted");
    }

    @Test
    void anExtensionNeedsAnAgencyLeadAndIsShownToTheComplainant() {
        SettableClock.INSTANCE.set(Instant.parse("2026-11-30T01:00:00Z"));
        String code = filed(CITIZEN, odourComplaint());
        String id = idOf(code);
        as(EEB_LEAD).header("If-Match", "\"1\"").body(Map.of("days", 10, "reason", "Night-time sampling needs a lab slot"))
                .post("/api/v1/complaints/" + id + "/extensions").then().statusCode(409);
        step(EEB_OFFICER, id, 1, Map.of("status", "accepted")).then().statusCode(200);
        as(EEB_OFFICER).header("If-Match", "\"2\"").body(Map.of("days", 10, "reason", "Night-time sampling needs a lab slot"))
                .post("/api/v1/complaints/" + id + "/extensions").then().statusCode(403);
        as(EEB_LEAD).header("If-Match", "\"2\"").body(Map.of("days", 10))
                .post("/api/v1/complaints/" + id + "/extensions").then().statusCode(400).body("errors[0].field", is("reason"));
        as(EEB_LEAD).header("If-Match", "\"2\"").body(Map.of("days", 10, "reason", "Night-time sampling needs a lab slot"))
                .post("/api/v1/complaints/" + id + "/extensions").then().statusCode(200)
                .body("deadlines.resolveBy", is("2027-01-09T15:59:59Z"));
        as(CITIZEN).get("/api/v1/complaint-tracking/" + code).then()
                .body("deadlines.resolveBy", is("2027-01-09T15:59:59Z"))
                .body("updates[-1].text", is("The deadline was extended to 9 January 2027: Night-time sampling needs a lab slot"));
    }

    private static void resolve(String id, long version) {
        step(EEB_OFFICER, id, version, Map.of("status", "accepted")).then().statusCode(200);
        step(EEB_OFFICER, id, version + 1, Map.of("status", "in-progress")).then().statusCode(200);
        step(EEB_OFFICER, id, version + 2, Map.of("status", "resolved", "findings", "Repaired the scrubber and verified."))
                .then().statusCode(200);
    }

    private static String filedCode(String id) {
        return Database.queryString("select tracking_code from complaint where id = '" + id + "'");
    }
}
