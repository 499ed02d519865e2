package org.ecogov.complaints.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecogov.complaints.Fixtures.*;
import static org.hamcrest.Matchers.*;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.ecogov.complaints.Database;
import org.ecogov.complaints.Replicas;
import org.ecogov.complaints.TestRegistry;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.ecogov.testing.SettableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/**
 * Escalation (issue 11): after two accepted transfers, or once the running deadline has passed, the complaint goes to
 * the lead agency one jurisdiction up, and the ledger says why; a pass finds nothing more to do the second time, and
 * two passes at once against the same database (as two replicas would run them) escalate each complaint once. The
 * scheduler is off in the tests (complaints.escalation.every=off); the passes are run here with the controllable
 * clock.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
@WithTestResource(TestRegistry.class)
class EscalationTest {

    static final String CITY_EEB = "EEB-341700";

    @Inject
    Escalations escalations;

    @AfterEach
    void clock() {
        SettableClock.INSTANCE.reset();
    }

    private int pass() throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> escalations.run());
    }

    private static long escalations(String id) {
        return Database.queryLong("select escalation_count from complaint where id = '" + id + "'");
    }

    private static void transfer(String id, long version, String from, String toAgency, String receiver) {
        String transfer = as(from).header("If-Match", "\"" + version + "\"")
                .body(Map.of("toAgency", toAgency, "reason", "Not ours: " + toAgency + " should look"))
                .post("/api/v1/complaints/" + id + "/transfers").then().statusCode(201).extract().path("id");
        as(receiver).body(Map.of("accept", true, "reason", "Taken over"))
                .post("/api/v1/complaints/" + id + "/transfers/" + transfer + "/answer").then().statusCode(200);
    }

    @Test
    void aComplaintBouncedTwiceEscalatesOnceToTheParentJurisdictionsLead() throws Throwable {
        SettableClock.INSTANCE.set(Instant.parse("2026-11-30T01:00:00Z"));
        String id = idOf(filed(CITIZEN, odourComplaint()));
        transfer(id, 1, EEB_OFFICER, WUSHA_GOV, WUSHA_OFFICER);
        pass();
        assertThat(escalations(id)).as("one transfer is not enough").isZero();
        transfer(id, 3, WUSHA_OFFICER, "TG-341702101", OTHER_TOWN_OFFICER);

        assertThat(pass()).isGreaterThanOrEqualTo(1);
        assertThat(escalations(id)).isEqualTo(1);
        pass();
        assertThat(escalations(id)).as("done once, not again").isEqualTo(1);
        as(ADMIN).get("/api/v1/complaints/" + id + "/custody").then()
                .body("items.agencyCode", contains(EEB, WUSHA_GOV, "TG-341702101", CITY_EEB))
                .body("items[3].reason", is("escalated from TG-341702101 to EEB-341700 (lead at 341700): transferred 2 times"));
        assertThat(Database.queryString("select owner_agency || ' ' || routed_by || ' ' || escalation_count from complaint where id = '" + id + "'"))
                .isEqualTo(CITY_EEB + " 341700 1");
        assertThat(Database.queryString("select actor_subject from audit_entry where entity_id = '" + id + "' and action = 'escalated'"))
                .isEqualTo("complaints-escalation");
    }

    @Test
    void aMissedAcceptanceDeadlineEscalatesWithTheReasonInTheLedger() throws Throwable {
        SettableClock.INSTANCE.set(Instant.parse("2026-11-26T23:30:00Z")); // Friday 27 Nov, 07:30 local: accept by Tue 1 Dec
        String code = filed(CITIZEN, odourComplaint());
        String id = idOf(code);
        SettableClock.INSTANCE.set(Instant.parse("2026-12-01T15:59:00Z")); // a minute before the deadline
        pass();
        assertThat(Database.queryString("select owner_agency from complaint where id = '" + id + "'")).isEqualTo(EEB);
        SettableClock.INSTANCE.set(Instant.parse("2026-12-01T16:00:00Z")); // Wednesday 00:00 local
        pass();
        as(ADMIN).get("/api/v1/complaints/" + id + "/custody").then()
                .body("items[-1].agencyCode", is(CITY_EEB))
                .body("items[-1].reason", endsWith("the acceptance deadline 1 December 2026 passed with EEB-341702"));
        as(CITIZEN).get("/api/v1/complaint-tracking/" + code).then()
                .body("owner.agencyCode", is(CITY_EEB))
                // a fresh clock for the new owner: two working days after Wednesday 2 December
                .body("deadlines.acceptBy", is("2026-12-04T15:59:59Z"))
                .body("updates[-1].text", is("Escalated to EEB-341700 because the acceptance deadline 1 December 2026"
                        + " passed with EEB-341702."));
    }

    @Test
    void twoPassesAtOnceEscalateEachComplaintOnce() throws Throwable {
        SettableClock.INSTANCE.set(Instant.parse("2026-12-07T01:00:00Z")); // Monday
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(idOf(filed(CITIZEN, odourComplaint())));
        }
        SettableClock.INSTANCE.set(Instant.parse("2026-12-10T01:00:00Z")); // Thursday: all six overdue
        long before = Database.queryLong("select count(*) from audit_entry where action = 'escalated'");

        int escalated = Replicas.twoAtOnce(() -> {
            try {
                return pass();
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        });
        long entries = Database.queryLong("select count(*) from audit_entry where action = 'escalated'") - before;
        assertThat(escalated).as("escalations the two passes report").isEqualTo(entries).isGreaterThanOrEqualTo(6);
        for (String id : ids) {
            assertThat(Database.queryLong("select escalation_count from complaint where id = '" + id + "'")).as(id).isEqualTo(1);
            assertThat(Database.queryLong("select count(*) from custody where complaint_id = '" + id + "'")).as(id).isEqualTo(2);
            assertThat(Database.queryLong("select count(*) from event_outbox where subject = 'complaints/" + id
                    + "' and type = 'org.ecogov.complaints.complaint.escalated.v1'")).as(id).isEqualTo(1);
        }
        pass();
        for (String id : ids) {
            assertThat(escalations(id)).as("not again: " + id).isEqualTo(1);
        }
    }

    @Test
    void whoMustActByWhenPerAgencyAndTheOverdueOnesPerJurisdiction() throws Throwable {
        SettableClock.INSTANCE.set(Instant.parse("2026-12-14T01:00:00Z")); // Monday 14 Dec
        String early = idOf(filed(CITIZEN, odourComplaint()));
        SettableClock.INSTANCE.set(Instant.parse("2026-12-15T01:00:00Z"));
        String late = idOf(filed(CITIZEN, odourComplaint()));
        SettableClock.INSTANCE.set(Instant.parse("2026-12-16T17:00:00Z")); // Thursday 01:00 local: the first is overdue

        as(EEB_OFFICER).queryParam("owner", EEB).queryParam("open", true).queryParam("limit", 100)
                .get("/api/v1/complaints").then().statusCode(200)
                .body("items.id", hasItems(early, late))
                .body("items.find { it.id == '" + early + "' }.deadlines.acceptBy", is("2026-12-16T15:59:59Z"));
        List<String> order = as(EEB_OFFICER).queryParam("owner", EEB).queryParam("open", true).queryParam("limit", 100)
                .get("/api/v1/complaints").then().extract().path("items.id");
        assertThat(order.indexOf(early)).isLessThan(order.indexOf(late));
        as(WUSHA_OFFICER).queryParam("under", WUSHA).queryParam("overdue", true).queryParam("limit", 100)
                .get("/api/v1/complaints").then().statusCode(200)
                .body("items.id", hasItem(early))
                .body("items.id", not(hasItem(late)));
    }
}
