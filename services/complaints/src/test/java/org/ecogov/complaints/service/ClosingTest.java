package org.ecogov.complaints.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecogov.complaints.Fixtures.*;
import static org.hamcrest.Matchers.*;

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
 * Closing after the rating period (issue 11 "States"): a resolved complaint nobody rates closes by itself
 * {@code complaints.rating-period} (15 days) after its resolution, not a minute before; a rated one is not touched;
 * two passes at once close each complaint once. The scheduler is off in the tests; the passes are run here.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
@WithTestResource(TestRegistry.class)
class ClosingTest {

    @Inject
    Closings closings;

    @AfterEach
    void clock() {
        SettableClock.INSTANCE.reset();
    }

    private int pass() throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> closings.run());
    }

    /** Files, accepts, starts and resolves a complaint at the clock's time; answers its tracking code. */
    private static String resolved() {
        String code = filed(CITIZEN, odourComplaint());
        String id = idOf(code);
        int version = 1;
        for (Map<String, Object> step : List.<Map<String, Object>>of(Map.of("status", "accepted"),
                Map.of("status", "in-progress"), Map.of("status", "resolved", "findings", "Found and stopped."))) {
            as(EEB_OFFICER).header("If-Match", "\"" + version++ + "\"").body(step)
                    .post("/api/v1/complaints/" + id + "/status-changes").then().statusCode(200);
        }
        return code;
    }

    private static String status(String code) {
        return Database.queryString("select status from complaint where tracking_code = '" + code + "'");
    }

    @Test
    void anUnratedResolutionClosesFifteenDaysLaterNotAMinuteBefore() throws Throwable {
        SettableClock.INSTANCE.set(Instant.parse("2026-11-24T02:00:00Z"));
        String unrated = resolved();
        String rated = resolved();
        as(CITIZEN).body(Map.of("rating", 5, "reopen", false)).post("/api/v1/complaint-tracking/" + rated + "/feedback")
                .then().statusCode(200);
        long closedEvents = Database.queryLong("select count(*) from event_outbox where type = 'org.ecogov.complaints.complaint.closed.v1'");

        SettableClock.INSTANCE.set(Instant.parse("2026-12-09T01:59:00Z")); // a minute before the 15 days end
        pass();
        assertThat(status(unrated)).isEqualTo("resolved");

        SettableClock.INSTANCE.set(Instant.parse("2026-12-09T02:01:00Z"));
        pass();
        assertThat(status(unrated)).isEqualTo("closed");
        as(CITIZEN).get("/api/v1/complaint-tracking/" + unrated).then().statusCode(200)
                .body("updates.text", hasItem("Closed: no rating came within 15 days of the resolution."));
        assertThat(Database.queryString("select actor_subject from audit_entry where entity_id = '" + idOf(unrated)
                + "' and action = 'closed'")).isEqualTo("complaints-closing");
        assertThat(Database.queryLong("select count(*) from audit_entry where entity_id = '" + idOf(rated)
                + "' and action = 'closed'")).as("the rated one was closed by its rating alone").isEqualTo(1);
        assertThat(Database.queryLong("select count(*) from event_outbox where type = 'org.ecogov.complaints.complaint.closed.v1'"
                + " and subject = 'complaints/" + idOf(unrated) + "'")).isEqualTo(1);
        assertThat(Database.queryLong("select count(*) from event_outbox where type = 'org.ecogov.complaints.complaint.closed.v1'"))
                .isGreaterThan(closedEvents);
        // closed, it can no longer be rated
        as(CITIZEN).body(Map.of("rating", 1, "reopen", true)).post("/api/v1/complaint-tracking/" + unrated + "/feedback")
                .then().statusCode(409);
    }

    @Test
    void twoPassesAtOnceCloseEachComplaintOnce() throws Throwable {
        SettableClock.INSTANCE.set(Instant.parse("2026-12-01T02:00:00Z"));
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            codes.add(resolved());
        }
        SettableClock.INSTANCE.set(Instant.parse("2026-12-20T02:00:00Z"));
        long before = Database.queryLong("select count(*) from audit_entry where action = 'closed'");
        int closed = Replicas.twoAtOnce(() -> {
            try {
                return pass();
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        });
        long entries = Database.queryLong("select count(*) from audit_entry where action = 'closed'") - before;
        assertThat(closed).as("closings the two passes report").isEqualTo(entries).isGreaterThanOrEqualTo(4);
        for (String code : codes) {
            assertThat(status(code)).isEqualTo("closed");
            assertThat(Database.queryLong("select count(*) from audit_entry where entity_id = '" + idOf(code)
                    + "' and action = 'closed'")).as(code).isEqualTo(1);
        }
    }
}
