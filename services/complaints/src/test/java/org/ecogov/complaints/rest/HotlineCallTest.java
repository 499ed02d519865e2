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

/**
 * A hotline operator entering a call afterwards gives the time it was received ({@code receivedAt}): the acceptance
 * clock, the first custody entry and the first public update run from then, the audit fields keep when it was
 * entered; only on the hotline channel, never in the future, at most 7 days back.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
@WithTestResource(TestRegistry.class)
class HotlineCallTest {

    /** Monday 30 November 2026, 09:00 in Guichi. */
    private static final Instant MONDAY_MORNING = Instant.parse("2026-11-30T01:00:00Z");

    @AfterEach
    void clock() {
        SettableClock.INSTANCE.reset();
    }

    private static Map<String, Object> call(String receivedAt) {
        Map<String, Object> body = with(with(odourComplaint(), "channel", "hotline"), "receivedAt", receivedAt);
        body.put("observedAt", "2026-11-23T21:30:00+08:00");
        return body;
    }

    @Test
    void aCallTakenOnFridayAndEnteredOnMondayRunsOnFridaysClocks() {
        SettableClock.INSTANCE.set(MONDAY_MORNING);
        // received Friday 27 November 16:40 in Guichi: two working days after Friday are Monday and Tuesday
        String code = submit(EEB_OFFICER, call("2026-11-27T16:40:00+08:00")).then().statusCode(201)
                .body("submittedAt", is("2026-11-27T08:40:00Z"))
                .body("owner.since", is("2026-11-27T08:40:00Z"))
                .body("deadlines.acceptBy", is("2026-12-01T15:59:59Z"))
                .extract().path("trackingCode");
        // the same call entered as received now would run to Wednesday
        submit(EEB_OFFICER, call(null)).then().statusCode(201).body("deadlines.acceptBy", is("2026-12-02T15:59:59Z"));

        String id = idOf(code);
        as(EEB_OFFICER).get("/api/v1/complaints/" + id).then().statusCode(200)
                .body("submittedAt", is("2026-11-27T08:40:00Z"))
                .body("audit.createdAt", is("2026-11-30T01:00:00Z"));
        as(EEB_OFFICER).get("/api/v1/complaints/" + id + "/custody").then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].agencyCode", is(EEB))
                .body("items[0].from", is("2026-11-27T08:40:00Z"));
        as(CITIZEN).get("/api/v1/complaint-tracking/" + code).then().statusCode(200)
                .body("updates[0].at", is("2026-11-27T08:40:00Z"))
                .body("updates[0].text", is("Received and passed to EEB-341702, which must accept or reject it by 1 December 2026."));
        assertThat(Database.queryString("select actor_subject from audit_entry where entity_id = '" + id + "'"))
                .isEqualTo(Database.queryString("select created_by from complaint where id = '" + id + "'"));
    }

    @Test
    void aCallReceivedLastWednesdayIsOverdueTheMomentItIsEntered() {
        SettableClock.INSTANCE.set(MONDAY_MORNING);
        // received Wednesday 25 November: Thursday and Friday were its two working days
        String id = idOf(submit(EEB_OFFICER, call("2026-11-25T10:00:00+08:00")).then().statusCode(201)
                .body("deadlines.acceptBy", is("2026-11-27T15:59:59Z"))
                .extract().path("trackingCode"));
        as(EEB_OFFICER).queryParam("owner", EEB).queryParam("overdue", true).queryParam("limit", 100)
                .get("/api/v1/complaints").then().statusCode(200)
                .body("items.id", hasItem(id));
    }

    @Test
    void receivedAtIsTheHotlinesOnlyInThePastAndAtMostSevenDaysBack() {
        SettableClock.INSTANCE.set(MONDAY_MORNING);
        Map<String, Long> before = Database.rowCounts();
        submit(EEB_OFFICER, call("2026-11-30T09:01:00+08:00")).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", is("receivedAt"))
                .body("errors[0].message", containsString("future"));
        submit(EEB_OFFICER, call("2026-11-23T08:59:00+08:00")).then().statusCode(400)
                .body("errors[0].field", is("receivedAt"))
                .body("errors[0].message", containsString("7 days"));
        submit(EEB_OFFICER, call("2026-11-31T08:00:00+08:00")).then().statusCode(400)
                .body("errors[0].field", is("receivedAt"));
        submit(EEB_OFFICER, call("yesterday")).then().statusCode(400)
                .body("errors[0].field", is("receivedAt"));
        submit(CITIZEN, with(call("2026-11-27T16:40:00+08:00"), "channel", "web")).then().statusCode(400)
                .body("errors[0].field", is("receivedAt"))
                .body("errors[0].message", containsString("hotline"));
        Map<String, Object> observedLater = call("2026-11-27T16:40:00+08:00");
        observedLater.put("observedAt", "2026-11-28T08:00:00+08:00");
        submit(EEB_OFFICER, observedLater).then().statusCode(400)
                .body("errors[0].field", is("observedAt"));
        assertThat(Database.rowCounts()).isEqualTo(before);
        // the bound itself: exactly 7 days back is still taken
        submit(EEB_OFFICER, with(call("2026-11-23T09:00:00+08:00"), "observedAt", "2026-11-23T08:00:00+08:00"))
                .then().statusCode(201)
                .body("submittedAt", is("2026-11-23T01:00:00Z"));
    }
}
