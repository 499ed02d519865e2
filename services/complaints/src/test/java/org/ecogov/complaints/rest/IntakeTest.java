package org.ecogov.complaints.rest;

import static io.restassured.RestAssured.given;
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
import io.restassured.path.json.JsonPath;

/**
 * Intake end to end over HTTP on a real PostgreSQL: the tracking code, the first owner from the registry's matrix
 * (asked with the service's own identity), the acceptance deadline in working days of the agencies' zone, what the
 * tracking code shows and what it never shows, the audit entry and the event written with the complaint, and
 * nothing written when the complaint cannot be routed.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
@WithTestResource(TestRegistry.class)
class IntakeTest {

    @AfterEach
    void clock() {
        SettableClock.INSTANCE.reset();
        TestRegistry.startRegistry();
    }

    @Test
    void aFiledComplaintGetsATenCharacterCrockfordCodeItsOwnerAndItsAcceptanceDeadline() {
        // Friday 27 November 2026, 07:30 in Guichi: filed that Friday, not on Thursday as UTC would have it
        SettableClock.INSTANCE.set(Instant.parse("2026-11-26T23:30:00Z"));
        JsonPath receipt = submit(CITIZEN, odourComplaint()).then().statusCode(201)
                .header("Location", matchesPattern(".*/api/v1/complaint-tracking/[0-9A-HJKMNP-TV-Z]{10}$"))
                .body("status", is("submitted"))
                .body("owner.agencyCode", is(EEB))
                .body("owner.agencyName", is("Guichi District Ecology and Environment Bureau"))
                .body("submittedAt", is("2026-11-26T23:30:00Z"))
                // two working days after Friday: Monday and Tuesday; the end of Tuesday in +08:00
                .body("deadlines.acceptBy", is("2026-12-01T15:59:59Z"))
                .body("deadlines.resolveBy", nullValue())
                .extract().jsonPath();
        String code = receipt.getString("trackingCode");
        assertThat(code).matches("[0-9A-HJKMNP-TV-Z]{10}");

        String id = idOf(code);
        assertThat(Database.queryString("select routed_by from complaint where id = '" + id + "'")).isEqualTo(DISTRICT);
        assertThat(Database.queryString("select agency_code || ' ' || reason from custody where complaint_id = '" + id + "'"))
                .isEqualTo(EEB + " filed; the responsibility matrix names EEB-341702 for odour matters at 341702");
        // routed with the service's own identity: it asked the realm for a token (client credentials), not the caller
        assertThat(TestRegistry.serviceTokensIssued()).isPositive();
    }

    @Test
    void theAcceptanceClockSkipsTheSpringFestivalAndCountsItsMakeUpSaturday() {
        // Friday 13 February 2026, 10:00 in Guichi: Saturday 14 is worked, 15-23 are the holiday, Tuesday 24 is next
        SettableClock.INSTANCE.set(Instant.parse("2026-02-13T02:00:00Z"));
        submit(CITIZEN, with(odourComplaint(), "observedAt", null)).then().statusCode(201).body("deadlines.acceptBy", is("2026-02-24T15:59:59Z"));
        // Thursday 26 February: Friday 27, then Saturday 28, a make-up working day
        SettableClock.INSTANCE.set(Instant.parse("2026-02-26T02:00:00Z"));
        submit(CITIZEN, with(odourComplaint(), "observedAt", null)).then().statusCode(201).body("deadlines.acceptBy", is("2026-02-28T15:59:59Z"));
    }

    @Test
    void theTrackingCodeShowsStatusOwnerDeadlinesAndUpdatesAndNothingPersonal() {
        SettableClock.INSTANCE.set(Instant.parse("2026-11-26T23:30:00Z"));
        String code = filed(CITIZEN, odourComplaint());
        String other = filed(CITIZEN, with(odourComplaint(), "description", "Another complaint, another smell entirely."));

        String body = as(ADMIN).get("/api/v1/complaint-tracking/" + code.toLowerCase()).then().statusCode(200)
                .body("trackingCode", is(code))
                .body("category", is("odour"))
                .body("status", is("submitted"))
                .body("owner.agencyCode", is(EEB))
                .body("deadlines.acceptBy", is("2026-12-01T15:59:59Z"))
                .body("updates", hasSize(1))
                .body("updates[0].text", is("Received and passed to EEB-341702, which must accept or reject it by 1 December 2026."))
                .extract().asString();
        assertThat(body).doesNotContain("Zhang", "138", "example.cn", "sulphur", "30.6578", "117.4853", WUSHA,
                "contact", "description", "location", "citizen", other);
        assertThat(JsonPath.from(body).getMap("").keySet())
                .containsExactlyInAnyOrder("trackingCode", "category", "status", "owner", "deadlines", "submittedAt", "updates",
                        "complainants");
    }

    @Test
    void anUnknownTrackingCodeIs404AndAMalformedOne400() {
        as(CITIZEN).get("/api/v1/complaint-tracking/0000000000").then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", is("/problems/tracking-code-not-found"));
        as(CITIZEN).get("/api/v1/complaint-tracking/ILOU000000").then().statusCode(400)
                .body("errors[0].field", is("trackingCode"));
    }

    @Test
    void aComplaintWithoutDivisionCodeIsRoutedByTheSuspectedEnterprisesPlace() {
        Map<String, Object> body = with(odourComplaint(), "location", Map.of("point", Map.of("latitude", 30.66, "longitude", 117.49)));
        body.put("category", "noise");
        body.put("suspectedEnterprise", SMELTER);
        String code = filed(CITIZEN, body);
        String id = idOf(code);
        assertThat(Database.queryString("select owner_agency || ' ' || routed_by || ' ' || place_division from complaint where id = '" + id + "'"))
                .isEqualTo(WUSHA_GOV + " " + WUSHA + " " + WUSHA);
    }

    @Test
    void aPointAloneCannotBeRoutedAndAnUnknownEnterpriseIsNamed() {
        Map<String, Long> before = Database.rowCounts();
        submit(CITIZEN, with(odourComplaint(), "location", Map.of("point", Map.of("latitude", 30.66, "longitude", 117.49))))
                .then().statusCode(400).body("errors[0].field", is("location.divisionCode"));
        submit(CITIZEN, with(odourComplaint(), "location", Map.of())).then().statusCode(400)
                .body("errors[0].field", is("location"));
        Map<String, Object> unknown = with(odourComplaint(), "location", Map.of("point", Map.of("latitude", 30.66, "longitude", 117.49)));
        unknown.put("suspectedEnterprise", "91341702MA2N0X5K3D");
        submit(CITIZEN, unknown).then().statusCode(400).body("errors[0].field", is("suspectedEnterprise"));
        submit(CITIZEN, with(odourComplaint(), "suspectedEnterprise", "91341702669392367A")).then().statusCode(400)
                .body("errors[0].field", is("suspectedEnterprise"))
                .body("errors[0].message", containsString("check character should be N"));
        submit(CITIZEN, with(odourComplaint(), "observedAt", "2026-02-30T08:00:00+08:00")).then().statusCode(400)
                .body("errors[0].field", is("observedAt"));
        submit(CITIZEN, with(odourComplaint(), "observedAt", "2999-01-01T08:00:00+08:00")).then().statusCode(400)
                .body("errors[0].field", is("observedAt"));
        assertThat(Database.rowCounts()).isEqualTo(before);
    }

    @Test
    void noLeadAgencyIs422AndARegistryThatIsDownIs503WithNothingWritten() {
        Map<String, Long> before = Database.rowCounts();
        submit(CITIZEN, with(odourComplaint(), "category", "solid-waste")).then().statusCode(422)
                .body("type", is("/problems/no-lead-agency"))
                .body("detail", containsString("solid-waste matters at 341702102"));
        TestRegistry.stopRegistry();
        submit(CITIZEN, odourComplaint()).then().statusCode(503)
                .contentType("application/problem+json")
                .body("type", is("/problems/service-unavailable"));
        assertThat(Database.rowCounts()).isEqualTo(before);
    }

    @Test
    void theComplaintItsAuditEntryAndItsEventAreWrittenTogetherWithoutTheContactDetails() {
        String code = filed(CITIZEN, odourComplaint());
        String id = idOf(code);
        assertThat(Database.queryString("select action || ' ' || entity_type || ' ' || actor_subject from audit_entry"
                + " where entity_id = '" + id + "'")).isEqualTo("submitted complaint citizen");
        String event = Database.queryString("select envelope from event_outbox where subject = 'complaints/" + id + "'");
        JsonPath envelope = JsonPath.from(event);
        assertThat(envelope.getString("type")).isEqualTo("org.ecogov.complaints.complaint.submitted.v1");
        assertThat(envelope.getString("data.ownerAgency")).isEqualTo(EEB);
        assertThat(envelope.getString("data.placeDivision")).isEqualTo(WUSHA);
        assertThat(event).doesNotContain("Zhang", "138", "example.cn", "sulphur", code);
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyFilesOnceAndAnswersTheSameCode() {
        String key = java.util.UUID.randomUUID().toString();
        long before = Database.count("complaint");
        java.util.Map<String, Object> complaint = odourComplaint();
        String code = as(CITIZEN).header("Idempotency-Key", key).body(complaint).post("/api/v1/complaints")
                .then().statusCode(201).header("Idempotent-Replayed", nullValue()).extract().path("trackingCode");
        as(CITIZEN).header("Idempotency-Key", key).body(complaint).post("/api/v1/complaints")
                .then().statusCode(201)
                .header("Idempotent-Replayed", is("true"))
                .header("Location", endsWith("/api/v1/complaint-tracking/" + code))
                .body("trackingCode", is(code));
        as(CITIZEN).header("Idempotency-Key", key).body(with(complaint, "category", "air"))
                .post("/api/v1/complaints").then().statusCode(409)
                .body("type", is("/problems/idempotency-key-reused"))
                .body("errors[0].field", is("Idempotency-Key"));
        as(CITIZEN).header("Idempotency-Key", "two words").body(odourComplaint()).post("/api/v1/complaints")
                .then().statusCode(400).body("errors[0].field", is("Idempotency-Key"));
        as(CITIZEN).header("Idempotency-Key", "k".repeat(256)).body(odourComplaint()).post("/api/v1/complaints")
                .then().statusCode(400).body("errors[0].field", is("Idempotency-Key"));
        assertThat(Database.count("complaint")).isEqualTo(before + 1);
        assertThat(Database.queryLong("select count(*) from event_outbox where type = 'org.ecogov.complaints.complaint.submitted.v1'"
                + " and subject = 'complaints/" + idOf(code) + "'")).isEqualTo(1);
    }

    @Test
    void channelsFollowTheCaller() {
        submit(CITIZEN, with(odourComplaint(), "channel", "hotline")).then().statusCode(403)
                .body("type", is("/problems/channel-not-allowed"));
        submit(CITIZEN, with(odourComplaint(), "channel", "app")).then().statusCode(403)
                .body("type", is("/problems/channel-not-allowed"));
        submit(EEB_OFFICER, with(with(odourComplaint(), "channel", "hotline"), "contact", null)).then().statusCode(201);
    }

}
