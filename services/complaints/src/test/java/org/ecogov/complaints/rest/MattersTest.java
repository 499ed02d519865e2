package org.ecogov.complaints.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecogov.complaints.Fixtures.*;
import static org.hamcrest.Matchers.*;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
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
 * Grouping into matters (issue 11 "Intake"): complaints of one category within 500 m and 72 h of one another join one
 * matter (the defaults); each complainant keeps their own code, the tracking view says how many complained, and the
 * owner's resolution answers every complaint of the matter. Each test files at its own place far from the others'.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
@WithTestResource(TestRegistry.class)
class MattersTest {

    /** Metres per degree of latitude on the sphere the service measures on (radius 6,371,008.8 m). */
    private static final double METRES_PER_DEGREE = Math.PI * 6_371_008.8 / 180;

    @AfterEach
    void resetClock() {
        SettableClock.INSTANCE.reset();
    }

    private static Map<String, Object> complaintAt(String category, double latitude, double longitude) {
        Map<String, Object> body = new LinkedHashMap<>(odourComplaint());
        body.put("category", category);
        body.put("location", Map.of("point", Map.of("latitude", latitude, "longitude", longitude), "divisionCode", WUSHA));
        return body;
    }

    private static String matterOf(String code) {
        return Database.queryString("select cast(matter_id as varchar) from complaint where tracking_code = '" + code + "'");
    }

    @Test
    void complaintsWithin500MetresAnd72HoursAreOneMatterJustOutsideAreNot() {
        double lat = 30.601;
        double lon = 117.401;
        SettableClock.INSTANCE.set(Instant.parse("2026-11-24T02:00:00Z"));
        String first = filed(CITIZEN, complaintAt("odour", lat, lon));
        // 495 m north, 71 h 59 min later: joins
        SettableClock.INSTANCE.set(Instant.parse("2026-11-24T02:00:00Z").plus(Duration.ofHours(72).minusMinutes(1)));
        String near = filed(CITIZEN, complaintAt("odour", lat + 495 / METRES_PER_DEGREE, lon));
        // 505 m south of the first (and over 1 km from the second): a matter of its own
        String far = filed(CITIZEN, complaintAt("odour", lat - 505 / METRES_PER_DEGREE, lon));
        // next to the first, but noise: another category, another matter
        String noise = filed(CITIZEN, complaintAt("noise", lat, lon));

        assertThat(matterOf(near)).isEqualTo(matterOf(first));
        assertThat(matterOf(far)).isNotEqualTo(matterOf(first));
        assertThat(matterOf(noise)).isNotEqualTo(matterOf(first));
        assertThat(near).isNotEqualTo(first);
        as(CITIZEN).get("/api/v1/complaint-tracking/" + first).then().statusCode(200).body("complainants", is(2));
        as(CITIZEN).get("/api/v1/complaint-tracking/" + near).then().statusCode(200).body("complainants", is(2));
        as(CITIZEN).get("/api/v1/complaint-tracking/" + far).then().statusCode(200).body("complainants", is(1));
        as(EEB_OFFICER).get("/api/v1/complaints/" + idOf(near)).then().statusCode(200)
                .body("matterId", is(matterOf(first))).body("complainants", is(2));

        // 72 h 1 min after the last complaint of the matter: too late, a new matter
        SettableClock.INSTANCE.set(Instant.parse("2026-11-24T02:00:00Z").plus(Duration.ofHours(144)));
        String late = filed(CITIZEN, complaintAt("odour", lat, lon));
        assertThat(matterOf(late)).isNotEqualTo(matterOf(first));
        as(CITIZEN).get("/api/v1/complaint-tracking/" + first).then().body("complainants", is(2));
    }

    @Test
    void aDuplicateJoinsTheNearestOpenMatterNeverAClosedOne() {
        double lat = 30.611;
        double lon = 117.411;
        String a = filed(CITIZEN, complaintAt("odour", lat, lon));
        String b = filed(CITIZEN, complaintAt("odour", lat, lon + 0.001));
        String c = filed(CITIZEN, complaintAt("odour", lat, lon + 0.002));
        assertThat(matterOf(b)).isEqualTo(matterOf(a));
        assertThat(matterOf(c)).isEqualTo(matterOf(a));
        as(CITIZEN).get("/api/v1/complaint-tracking/" + c).then().body("complainants", is(3));

        // a rejected complaint's matter is no longer open to join
        double lat2 = 30.621;
        String rejected = filed(CITIZEN, complaintAt("water", lat2, lon));
        as(EEB_OFFICER).header("If-Match", "\"1\"").body(Map.of("status", "rejected", "reason", "not ours",
                "redirectTo", "the water utility")).post("/api/v1/complaints/" + idOf(rejected) + "/status-changes")
                .then().statusCode(200);
        String after = filed(CITIZEN, complaintAt("water", lat2, lon));
        assertThat(matterOf(after)).isNotEqualTo(matterOf(rejected));
    }

    @Test
    void theOwnersResolutionIsTheAnswerOfEveryComplaintOfTheMatter() {
        double lat = 30.631;
        double lon = 117.421;
        String a = filed(CITIZEN, complaintAt("odour", lat, lon));
        String b = filed(CITIZEN, complaintAt("odour", lat + 0.001, lon));
        String c = filed(CITIZEN, complaintAt("odour", lat, lon + 0.001));
        String id = idOf(a);
        as(EEB_OFFICER).header("If-Match", "\"1\"").body(Map.of("status", "accepted"))
                .post("/api/v1/complaints/" + id + "/status-changes").then().statusCode(200);
        as(EEB_OFFICER).header("If-Match", "\"2\"").body(Map.of("status", "in-progress"))
                .post("/api/v1/complaints/" + id + "/status-changes").then().statusCode(200);
        long events = Database.count("event_outbox");
        as(EEB_OFFICER).header("If-Match", "\"3\"").body(Map.of("status", "resolved",
                        "findings", "The smelter's desulphurisation unit was bypassed; repaired and fined."))
                .post("/api/v1/complaints/" + id + "/status-changes").then().statusCode(200);
        for (String code : new String[] {b, c}) {
            as(CITIZEN).get("/api/v1/complaint-tracking/" + code).then().statusCode(200)
                    .body("status", is("resolved"))
                    .body("complainants", is(3))
                    .body("updates.text", hasItem(containsString("together with the other complaints")));
            as(EEB_OFFICER).get("/api/v1/complaints/" + idOf(code)).then()
                    .body("findings", containsString("desulphurisation"));
        }
        assertThat(Database.count("event_outbox")).isEqualTo(events + 3);
        // each complainant rates their own
        as(CITIZEN).body(Map.of("rating", 4, "reopen", false)).post("/api/v1/complaint-tracking/" + b + "/feedback")
                .then().statusCode(200).body("status", is("closed"));
        as(CITIZEN).get("/api/v1/complaint-tracking/" + c).then().body("status", is("resolved"));
    }
}
