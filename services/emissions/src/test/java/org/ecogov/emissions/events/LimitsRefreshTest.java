package org.ecogov.emissions.events;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.ecogov.emissions.Database;
import org.ecogov.testing.ArtemisTestResource;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.ecogov.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ecogov.emissions.Fixtures.*;
import static org.ecogov.emissions.RegistryEvents.*;
import static org.hamcrest.Matchers.*;

/**
 * The limits copy kept current from the registry's events, through a real broker: the relay publishes registry-shaped
 * CloudEvents to the event address and the service's consumer applies them from its own queue. A change takes effect
 * at its event's time, closing the period before it; a redelivered or older event changes nothing; an event that
 * cannot be applied ends as a dead letter; who may read the limits follows the enterprise's jurisdiction.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
@WithTestResource(ArtemisTestResource.class)
class LimitsRefreshTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Instant REGISTERED = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant TIGHTENED = Instant.parse("2026-05-10T06:30:00Z");

    private static String limitsOf(String uscc, String code) {
        return "/api/v1/emissions/enterprises/" + uscc + "/outlets/" + code + "/limits";
    }

    private static String withOutlet(String code, Object... limits) {
        String uscc = newUscc();
        publish(enterpriseCreated(uscc, TOWN_B, REGISTERED));
        publish(outlet("created", uscc, code, 1, REGISTERED, limit("a21026", "mg/m3", 100),
                limit("a21002", "mg/m3", 200)));
        publish(permit("created", uscc, uscc + "001P", 1, REGISTERED, java.time.LocalDate.of(2026, 1, 1),
                java.time.LocalDate.of(2030, 12, 31), null, code));
        await().atMost(PATIENCE).until(() -> as(ADMIN).get(limitsOf(uscc, code)).statusCode() == 200
                && Database.queryLong("select count(*) from permit_copy where uscc = '" + uscc + "'") == 1);
        return uscc;
    }

    @Test
    void aChangedLimitEndsThePeriodBeforeItAtTheEventsTimeAndADroppedPollutantEnds() {
        String uscc = withOutlet("DA001");
        publish(outlet("changed", uscc, "DA001", 2, TIGHTENED, limit("a21026", "mg/m3", 50)));

        await().atMost(PATIENCE).untilAsserted(() -> as(EEB_OFFICER).get(limitsOf(uscc, "DA001")).then()
                .statusCode(200)
                .body("enterpriseUscc", is(uscc))
                .body("kind", is("air"))
                .body("limits.pollutant", contains("a21002", "a21026", "a21026"))
                .body("limits[0].validFrom", nullValue())
                .body("limits[0].validUntil", is("2026-05-10T06:30:00Z"))
                .body("limits[1].limitMax", is(100.0f))
                .body("limits[1].validFrom", nullValue())
                .body("limits[1].validUntil", is("2026-05-10T06:30:00Z"))
                .body("limits[2].limitMax", is(50.0f))
                .body("limits[2].unit", is("mg/m3"))
                .body("limits[2].validFrom", is("2026-05-10T06:30:00Z"))
                .body("limits[2].validUntil", nullValue()));
    }

    @Test
    void aRedeliveredOrOlderEventChangesNothing() {
        String uscc = withOutlet("DA002");
        String changed = outlet("changed", uscc, "DA002", 2, TIGHTENED, limit("a21026", "mg/m3", 50));
        publish(changed);
        await().atMost(PATIENCE).until(() -> as(ADMIN).get(limitsOf(uscc, "DA002")).jsonPath()
                .getList("limits").size() == 3);

        // the same event again (a redelivery), then version 1 again under a new id (arriving late)
        republish(changed);
        publish(outlet("changed", uscc, "DA002", 1, TIGHTENED.plusSeconds(60), limit("a21026", "mg/m3", 10)));
        // a later event of the same outlet, so the two before it have certainly been consumed
        publish(outlet("changed", uscc, "DA002", 3, TIGHTENED.plusSeconds(120), limit("a21026", "mg/m3", 50),
                limit("w01018", "mg/L", 60)));
        await().atMost(PATIENCE).until(() -> as(ADMIN).get(limitsOf(uscc, "DA002")).jsonPath()
                .getList("limits").size() == 4);

        Response limits = as(ADMIN).get(limitsOf(uscc, "DA002"));
        assertThat(limits.jsonPath().getList("limits.limitMax", Float.class)).containsExactly(200f, 100f, 50f, 60f);
        assertThat(Database.queryLong("select count(*) from event_processed where consumer = 'emissions-limits'"
                + " and event_id in (select event_id::text from event_outbox where subject like '%" + uscc + "%')"))
                .as("each distinct event processed once (with the enterprise's and the permit's)").isEqualTo(6);
    }

    private static final String PERMIT_AMENDED = "event:org.ecogov.registry.permit.amended.v1/";
    private static final String OUTLET_CHANGED = "event:org.ecogov.registry.outlet.changed.v1/";

    @Test
    void everyChangeAnEventMakesToTheCopyIsAuditedNamingTheEvent() throws Exception {
        String uscc = withOutlet("DA007");
        String amended = permit("amended", uscc, uscc + "001P", 2, TIGHTENED, java.time.LocalDate.of(2026, 1, 1),
                java.time.LocalDate.of(2027, 6, 30), null, "DA007");
        String amendedId = new com.fasterxml.jackson.databind.ObjectMapper().readTree(amended).get("id").asText();
        publish(amended);
        String changed = outlet("changed", uscc, "DA007", 2, TIGHTENED, limit("a21026", "mg/m3", 50));
        String changedId = new com.fasterxml.jackson.databind.ObjectMapper().readTree(changed).get("id").asText();
        publish(changed);
        await().atMost(PATIENCE).until(() -> Database.queryLong("select count(*) from audit_entry where actor_subject"
                + " in ('" + PERMIT_AMENDED + amendedId + "', '" + OUTLET_CHANGED + changedId + "')") == 2);

        assertThat(Database.queryString("select actor_subject || ' ' || client_id || ' ' || action || ' ' || entity_type"
                + " || ' ' || entity_id || ' ' || reason from audit_entry where actor_subject = '" + PERMIT_AMENDED + amendedId + "'"))
                .isEqualTo(PERMIT_AMENDED + amendedId + " emissions-service apply-permit.amended limits permit/" + uscc
                        + "001P registry event " + amendedId + " of " + TIGHTENED);
        assertThat(Database.queryString("select action || ' ' || entity_type || ' ' || entity_id from audit_entry"
                + " where actor_subject = '" + OUTLET_CHANGED + changedId + "'"))
                .isEqualTo("apply-outlet.changed limits outlet/" + uscc + "/DA007");
        // the audit listing names the event as the actor: its type and id
        assertThat(as(ADMIN).queryParam("entityType", "limits").queryParam("entityId", "permit/" + uscc + "001P")
                .get("/api/v1/emissions/audit-entries").jsonPath()
                .getList("items.actorSubject", String.class)).contains(PERMIT_AMENDED + amendedId);
        // a redelivered event changes nothing and is not audited again; what the events made of the copy is audited
        // from the first (the enterprise, outlet and permit created)
        republish(amended);
        publish(outlet("changed", uscc, "DA007", 3, TIGHTENED.plusSeconds(60), limit("a21026", "mg/m3", 40)));
        await().atMost(PATIENCE).until(() -> as(ADMIN).get(limitsOf(uscc, "DA007")).jsonPath().getList("limits").size() == 4);
        assertThat(Database.queryString("select string_agg(action, ',' order by sequence) from audit_entry"
                + " where actor_subject like 'event:%' and entity_id like '%/" + uscc + "%'"))
                .isEqualTo("apply-enterprise.created,apply-outlet.created,apply-permit.created,apply-permit.amended,"
                        + "apply-outlet.changed,apply-outlet.changed");
    }

    @Test
    void anEventThatCannotBeAppliedIsParkedAsADeadLetter() {
        String uscc = withOutlet("DA003");
        String broken = outlet("changed", uscc, "DA003", 2, TIGHTENED, limit("a21026", "mg/m3", 50))
                .replace("\"audit\":{\"version\":2}", "\"audit\":{}");
        publish(broken);

        // parked in the runtime's dead letters (their operations are not mounted yet: services/emissions/README.md)
        await().atMost(PATIENCE).until(() -> Database.queryLong("select count(*) from event_dead_letter where consumer ="
                + " 'emissions-limits' and subject = 'enterprises/" + uscc + "/outlets/DA003'") == 1);
        as(ADMIN).get(limitsOf(uscc, "DA003")).then().statusCode(200).body("limits", hasSize(2));
    }

    @Test
    void whoReadsTheLimitsFollowsTheEnterprisesJurisdiction() {
        String uscc = withOutlet("DW001");
        as(TOWN_B_OFFICER).get(limitsOf(uscc, "DW001")).then().statusCode(200);
        as(INSPECTOR).get(limitsOf(uscc, "DW001")).then().statusCode(200);
        as(TestTokens.reporter(uscc)).get(limitsOf(uscc, "DW001")).then().statusCode(200);
        as(TestTokens.thirdParty("GREENWATCH", "emissions:read")).get(limitsOf(uscc, "DW001")).then().statusCode(200);

        // out of scope is not found, like an outlet that does not exist
        as(TestTokens.officer("TG-341702101", "341702101")).get(limitsOf(uscc, "DW001")).then().statusCode(404)
                .body("type", is("/problems/outlet-not-found"));
        as(TestTokens.reporter(newUscc())).get(limitsOf(uscc, "DW001")).then().statusCode(404);
        as(ADMIN).get(limitsOf(uscc, "DW009")).then().statusCode(404).body("type", is("/problems/outlet-not-found"));
        as(ADMIN).get(limitsOf(newUscc(), "DW001")).then().statusCode(404);
        as(CITIZEN).get(limitsOf(uscc, "DW001")).then().statusCode(403);
        as(TestTokens.thirdParty("GREENWATCH", "registry:read")).get(limitsOf(uscc, "DW001")).then().statusCode(403)
                .body("type", is("/problems/insufficient-scope"));
    }

    @Test
    void aLimitChangedBetweenTwoValuesJudgesEachAgainstTheLimitInForceAtItsTime() {
        String uscc = withOutlet("DA004");
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        ingest(uscc, "DA004", now.minus(Duration.ofHours(3)), 80);
        // the registry tightens SO2 to 50 between the two values
        publish(outlet("changed", uscc, "DA004", 2, now.minus(Duration.ofHours(2)), limit("a21026", "mg/m3", 50),
                limit("a21002", "mg/m3", 200)));
        await().atMost(PATIENCE).until(() -> as(ADMIN).get(limitsOf(uscc, "DA004")).jsonPath()
                .getList("limits").size() == 3);
        ingest(uscc, "DA004", now.minus(Duration.ofHours(1)), 80);

        assertThat(Database.queryString("select first_period || ' ' || limit_value || ' ' || max_ratio from exceedance"
                + " where uscc = '" + uscc + "'")).isEqualTo(
                Database.queryString("select '" + now.minus(Duration.ofHours(1)) + "'::timestamptz::text") + " 50 1.6");
        assertThat(Database.queryLong("select count(*) from exceedance where uscc = '" + uscc + "'")).isEqualTo(1);
    }

    @Test
    void aPermitRevokedBetweenTwoValuesLeavesTheSecondUnjudgedWhileALateValueBeforeItIsJudged() {
        String uscc = withOutlet("DA005");
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        ingest(uscc, "DA005", now.minus(Duration.ofHours(5)), 150);
        String exceedance = "select periods || ' ' || status from exceedance where uscc = '" + uscc + "'";
        assertThat(Database.queryString(exceedance)).isEqualTo("1 open");

        // the registry revokes the permit between the two values: no permitted limit in force after it
        publish(permit("status-changed", uscc, uscc + "001P", 2, now.minus(Duration.ofHours(3)),
                java.time.LocalDate.of(2026, 1, 1), java.time.LocalDate.of(2030, 12, 31), now.minus(Duration.ofHours(3)),
                "DA005"));
        await().atMost(PATIENCE).until(() -> Database.queryLong("select count(*) from permit_copy where uscc = '" + uscc
                + "' and revoked_at is not null") == 1);
        ingest(uscc, "DA005", now.minus(Duration.ofHours(2)), 150);
        assertThat(Database.queryString(exceedance)).as("stored, not judged").isEqualTo("1 open");
        assertThat(Database.queryLong("select count(*) from measurement where uscc = '" + uscc + "'")).isEqualTo(2);

        // a value arriving late for an hour the permit was still in force is judged: it extends the exceedance
        ingest(uscc, "DA005", now.minus(Duration.ofHours(4)), 150);
        assertThat(Database.queryString(exceedance)).isEqualTo("2 open");
    }

    @Test
    void aPermitNotYetValidJudgesNothingBeforeItsFirstDay() {
        String uscc = newUscc();
        publish(enterpriseCreated(uscc, TOWN_B, REGISTERED));
        publish(outlet("created", uscc, "DA006", 1, REGISTERED, limit("a21026", "mg/m3", 100)));
        publish(permit("created", uscc, uscc + "001P", 1, REGISTERED, java.time.LocalDate.now().plusDays(2),
                java.time.LocalDate.now().plusYears(5), null, "DA006"));
        await().atMost(PATIENCE).until(() -> Database.queryLong("select count(*) from permit_copy where uscc = '" + uscc
                + "'") == 1 && as(ADMIN).get(limitsOf(uscc, "DA006")).statusCode() == 200);
        ingest(uscc, "DA006", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS).minus(Duration.ofHours(1)), 150);
        assertThat(Database.queryLong("select count(*) from exceedance where uscc = '" + uscc + "'")).isZero();
    }

    private static void ingest(String uscc, String outlet, Instant time, double avg) {
        io.restassured.RestAssured.given().auth().oauth2(ADMIN).contentType("text/csv")
                .body("outlet,pollutant,kind,time,avg,flag\n" + outlet + ",a21026,hourly," + time + "," + avg + ",N\n")
                .put("/api/v1/emissions/enterprises/" + uscc + "/measurement-batches/" + java.util.UUID.randomUUID())
                .then().statusCode(201).body("accepted", is(1));
    }

    @Test
    void aReloadWithoutAnIdentityOfItsOwnIsUnavailable() {
        as(ADMIN).post("/api/v1/emissions/limit-reloads").then().statusCode(503)
                .body("type", is("/problems/service-unavailable"))
                .body("detail", containsString("ecogov.service.client-id"));
    }
}
