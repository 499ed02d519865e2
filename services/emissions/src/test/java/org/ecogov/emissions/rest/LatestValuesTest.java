package org.ecogov.emissions.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ecogov.emissions.Fixtures.*;
import static org.hamcrest.Matchers.is;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.ecogov.emissions.Database;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.ecogov.testing.SettableClock;
import org.ecogov.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The latest hourly value of each outlet and pollutant against the limit of its period (what the gateway's
 * enterprise profile shows), on a real PostgreSQL: the newest value wins, a value above the limit is not within it,
 * a flagged one is not judged, a pollutant without a value since `since` has no latest, a limit changed since the
 * value does not re-judge it; scope and keys as for the other monitoring reads.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
class LatestValuesTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.HOURS);

    @AfterEach
    void systemTime() {
        SettableClock.INSTANCE.reset();
    }

    private static void send(String uscc, String... lines) {
        given().auth().oauth2(ADMIN).contentType("application/x-ndjson")
                .body(String.join("", lines).getBytes(StandardCharsets.UTF_8))
                .put("/api/v1/emissions/enterprises/" + uscc + "/measurement-batches/" + UUID.randomUUID())
                .then().statusCode(201);
    }

    private static String hourly(String outlet, String pollutant, int hoursAgo, double avg, String flag) {
        return "{\"outlet\":\"" + outlet + "\",\"pollutant\":\"" + pollutant + "\",\"kind\":\"hourly\",\"time\":\""
                + NOW.minus(Duration.ofHours(hoursAgo)) + "\",\"avg\":" + avg + ",\"flag\":\"" + flag + "\"}\n";
    }

    private static Map<String, Object> item(JsonPath answer, String outlet, String pollutant) {
        return answer.getMap("items.find { it.outletCode == '" + outlet + "' && it.pollutant == '" + pollutant + "' }");
    }

    @Test
    void theNewestValueOfEachOutletAndPollutantIsJudgedAgainstTheLimitOfItsPeriod() {
        String uscc = copiedEnterprise(TOWN_B, "DA001", "DA002");
        // DA001 SO2: newest 130 > 100; DA001 NOx: newest flagged maintenance; DA002 SO2: 30 within, 50 h ago
        // DA002 NOx: the last value 9 days ago, outside the default week (a silent device)
        send(uscc, hourly("DA001", "a21026", 3, 40, "N"), hourly("DA001", "a21026", 1, 130, "N"),
                hourly("DA001", "a21002", 2, 150, "N"), hourly("DA001", "a21002", 1, 999, "M"),
                hourly("DA002", "a21026", 50, 30, "N"), hourly("DA002", "a21002", 24 * 9, 10, "N"));

        JsonPath answer = as(EEB_OFFICER).get("/api/v1/emissions/enterprises/" + uscc + "/latest-values")
                .then().statusCode(200).extract().jsonPath();
        assertThat(answer.getList("items.outletCode")).containsExactly("DA001", "DA001", "DA002", "DA002");
        Map<String, Object> so2 = item(answer, "DA001", "a21026");
        assertThat(answer.getString("items.find { it.outletCode == 'DA001' && it.pollutant == 'a21026' }.latest.time"))
                .isEqualTo(NOW.minus(Duration.ofHours(1)).toString());
        assertThat(((Number) ((Map<?, ?>) so2.get("latest")).get("avg")).doubleValue()).isEqualTo(130.0);
        assertThat(so2.get("withinLimit")).isEqualTo(false);
        assertThat(((Number) so2.get("limitMax")).doubleValue()).isEqualTo(100.0);
        assertThat(so2.get("unit")).isEqualTo("mg/m3");
        assertThat(so2.get("permitted")).isEqualTo(true);

        Map<String, Object> nox = item(answer, "DA001", "a21002");
        assertThat(((Map<?, ?>) ((Map<?, ?>) nox.get("latest")).get("flag")).get("name")).isEqualTo("maintenance");
        assertThat(nox).doesNotContainKey("withinLimit");
        assertThat(item(answer, "DA002", "a21026").get("withinLimit")).isEqualTo(true);
        Map<String, Object> silent = item(answer, "DA002", "a21002");
        assertThat(silent).doesNotContainKey("latest").doesNotContainKey("withinLimit");
        assertThat(((Number) silent.get("limitMax")).doubleValue()).isEqualTo(200.0);

        // asked from ten days back, the silent one's last value is found
        JsonPath longer = as(EEB_OFFICER).queryParam("since", NOW.minus(Duration.ofDays(10)).toString())
                .get("/api/v1/emissions/enterprises/" + uscc + "/latest-values").then().statusCode(200).extract().jsonPath();
        assertThat(item(longer, "DA002", "a21002").get("withinLimit")).isEqualTo(true);
    }

    @Test
    void aLimitChangedAfterTheValueDoesNotJudgeIt() {
        String uscc = copiedEnterprise(TOWN_B, "DA001");
        send(uscc, hourly("DA001", "a21026", 2, 90, "N"));
        // the SO2 limit drops to 50 an hour ago: the value two hours ago kept to the 100 of its period
        Database.execute("update outlet_limit set valid_to = '" + NOW.minus(Duration.ofHours(1)) + "' where uscc = '" + uscc
                + "' and pollutant = 'a21026'");
        Database.execute("insert into outlet_limit (uscc, outlet_code, pollutant, unit, limit_max, valid_from, registry_version)"
                + " values ('" + uscc + "', 'DA001', 'a21026', 'mg/m3', 50, '" + NOW.minus(Duration.ofHours(1)) + "', 2)");
        JsonPath answer = as(EEB_OFFICER).get("/api/v1/emissions/enterprises/" + uscc + "/latest-values")
                .then().statusCode(200).extract().jsonPath();
        Map<String, Object> so2 = item(answer, "DA001", "a21026");
        assertThat(so2.get("withinLimit")).isEqualTo(true);
        assertThat(((Number) so2.get("limitMax")).doubleValue()).isEqualTo(100.0);
    }

    @Test
    void aValueOutsideEveryPermitShowsNoLimitAsIngestJudgesIt() {
        String uscc = copiedEnterprise(TOWN_B, "DA001", "DA002");
        // the permit naming both outlets was revoked two hours ago
        Database.execute("update permit_copy set status = 'revoked', revoked_at = '" + NOW.minus(Duration.ofHours(2))
                + "' where uscc = '" + uscc + "'");
        send(uscc, hourly("DA001", "a21026", 3, 130, "N"), hourly("DA002", "a21026", 1, 130, "N"));
        assertThat(Database.queryLong("select count(*) from exceedance where uscc = '" + uscc + "'"))
                .as("ingest judged the value before the revocation only").isEqualTo(1);

        JsonPath answer = as(EEB_OFFICER).get("/api/v1/emissions/enterprises/" + uscc + "/latest-values")
                .then().statusCode(200).extract().jsonPath();
        Map<String, Object> before = item(answer, "DA001", "a21026");
        assertThat(before.get("permitted")).isEqualTo(true);
        assertThat(((Number) before.get("limitMax")).doubleValue()).isEqualTo(100.0);
        assertThat(before.get("withinLimit")).isEqualTo(false);
        Map<String, Object> after = item(answer, "DA002", "a21026");
        assertThat(after.get("permitted")).isEqualTo(false);
        assertThat(after).containsKey("latest").doesNotContainKey("limitMax").doesNotContainKey("withinLimit");
        // without a value, asked now: no permit in force now either
        Map<String, Object> none = item(answer, "DA002", "a21002");
        assertThat(none.get("permitted")).isEqualTo(false);
        assertThat(none).doesNotContainKey("latest").doesNotContainKey("limitMax");
    }

    @Test
    void outsideTheScopeIs404AndKeysMayNotReadIt() {
        String uscc = copiedEnterprise(TOWN_B, "DA001");
        String path = "/api/v1/emissions/enterprises/" + uscc + "/latest-values";
        as(TestTokens.reporter(uscc)).get(path).then().statusCode(200);
        as(TestTokens.officer("EEB-341703", "341703")).get(path).then().statusCode(404)
                .body("type", is("/problems/enterprise-not-found"));
        as(TestTokens.thirdParty("GREENWATCH", "emissions:read")).get(path).then().statusCode(403);
        as(EEB_OFFICER).queryParam("since", NOW.plus(Duration.ofHours(1)).toString()).get(path).then().statusCode(400)
                .body("errors[0].field", is("since"));
    }
}
