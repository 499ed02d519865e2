package org.ecogov.registry.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.ecogov.registry.Database;
import org.ecogov.testing.Contracts;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.ecogov.testing.SettableClock;
import org.ecogov.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecogov.registry.Fixtures.*;
import static org.hamcrest.Matchers.*;

/**
 * A permit's life over HTTP (issue 9): recorded only in the caller's own agency's name, amended and revoked by that
 * agency with a reason under If-Match, each change in the permit's version history and the audit log; and only
 * permits in force on a day stand in the way of another permit for that day.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
class PermitLifecycleTest {

    /** An officer whose token names no agency. */
    private static final String OFFICER_WITHOUT_AGENCY = TestTokens.builder().username("officer-without-agency")
            .roles("agency-officer").jurisdiction(DISTRICT).sign();

    private String uscc;

    /** An enterprise in town B, which both the district EEB's officer and town B's officer reach, with outlets. */
    @BeforeEach
    void enterpriseWithOutlets() {
        uscc = enterpriseIn(TOWN_B);
        for (String code : List.of("DA001", "DA002", "DA003")) {
            as(ADMIN).body(airOutlet(code)).post(permits().replace("/permits", "/outlets")).then().statusCode(201);
        }
    }

    private String permits() {
        return "/api/v1/enterprises/" + uscc + "/permits";
    }

    private static Map<String, String> because(String reason) {
        return Map.of("reason", reason);
    }

    @Test
    void anOfficerRecordsOnlyPermitsIssuedByTheirOwnAgency() {
        Map<String, Long> before = Database.rowCounts();
        // town B's officer "records" the district EEB's permit, valid until 9999: what issue 9 found possible
        as(TOWN_B_OFFICER).body(permit(uscc + "001P", "2026-01-01", "9999-12-31", List.of("DA001"), EEB)).post(permits())
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", is("/problems/not-issuing-agency"))
                .body("errors.field", contains("issuingAgency"))
                .body("errors[0].message", containsString(TOWN_B_GOV));
        as(EEB_OFFICER).body(permit(uscc + "001P", "2026-01-01", "2030-12-31", List.of("DA001"), TOWN_B_GOV)).post(permits())
                .then().statusCode(403).body("type", is("/problems/not-issuing-agency"));
        as(OFFICER_WITHOUT_AGENCY).body(permit(uscc + "001P", "2026-01-01", "2030-12-31", List.of("DA001"))).post(permits())
                .then().statusCode(403).body("errors.field", contains("issuingAgency"));
        assertThat(Database.rowCounts()).as("nothing written by a refused permit").isEqualTo(before);

        as(EEB_OFFICER).body(permit(uscc + "001P", "2026-01-01", "2030-12-31", List.of("DA001"))).post(permits())
                .then().statusCode(201).body("issuingAgency", is(EEB));
        // a platform-admin records any agency's permit
        as(ADMIN).body(permit(uscc + "002P", "2026-01-01", "2030-12-31", List.of("DA002"), TOWN_B_GOV)).post(permits())
                .then().statusCode(201).body("issuingAgency", is(TOWN_B_GOV));
    }

    @Test
    void aPermitStandingInTheWayIsRevokedWithAReasonAndTheGenuineOneIsThenRecorded() {
        String wrong = uscc + "001P";
        String genuine = uscc + "002P";
        as(TOWN_B_OFFICER).body(permit(wrong, "2026-01-01", "9999-12-31", List.of("DA001"), TOWN_B_GOV)).post(permits())
                .then().statusCode(201);
        as(EEB_OFFICER).body(permit(genuine, "2026-03-01", "2031-02-28", List.of("DA001"))).post(permits())
                .then().statusCode(409).body("type", is("/problems/permit-overlap"))
                .body("errors[0].message", containsString(wrong));

        // the EEB cannot revoke the town's permit: only its issuer, or a platform-admin
        as(EEB_OFFICER).header("If-Match", "\"1\"").body(because("Not ours to keep")).post(permits() + "/" + wrong + "/revocation")
                .then().statusCode(403).body("type", is("/problems/not-issuing-agency"));
        as(ADMIN).header("If-Match", "\"1\"").body(Map.of()).post(permits() + "/" + wrong + "/revocation")
                .then().statusCode(400).body("errors.field", contains("reason"));
        as(ADMIN).body(because("Recorded without the authority to issue permits")).post(permits() + "/" + wrong + "/revocation")
                .then().statusCode(428);
        as(ADMIN).header("If-Match", "\"1\"").body(because("Recorded without the authority to issue permits"))
                .post(permits() + "/" + wrong + "/revocation").then().statusCode(200)
                .header("ETag", "\"2\"")
                .body("status", is("revoked"))
                .body("revocationReason", is("Recorded without the authority to issue permits"))
                .body("revokedAt", notNullValue())
                .body("audit.updatedBy", is("admin"));

        as(EEB_OFFICER).body(permit(genuine, "2026-03-01", "2031-02-28", List.of("DA001"))).post(permits())
                .then().statusCode(201);

        // revoked is final
        as(ADMIN).header("If-Match", "\"2\"").body(amendment("2026-01-01", "2026-12-31", List.of("DA002"), "Revive it"))
                .put(permits() + "/" + wrong).then().statusCode(409).body("type", is("/problems/permit-revoked"));
        as(ADMIN).header("If-Match", "\"2\"").body(because("Once more")).post(permits() + "/" + wrong + "/revocation")
                .then().statusCode(409).body("type", is("/problems/permit-revoked"));

        as(EEB_LEAD).get(permits() + "/" + wrong + "/versions").then().statusCode(200)
                .body("items.action", contains("recorded", "revoked"))
                .body("items.changedBy", contains("officer-" + TOWN_B_GOV, "admin"))
                .body("items[1].reason", is("Recorded without the authority to issue permits"))
                .body("items[0].permit.status", is("in-force"))
                .body("items[1].permit.status", is("revoked"));
        as(ADMIN).queryParam("entityType", "permit").queryParam("entityId", wrong).get("/api/v1/registry/audit-entries")
                .then().statusCode(200)
                .body("items.action", contains("permit-recorded", "permit-revoked"))
                .body("items[1].reason", is("Recorded without the authority to issue permits"))
                .body("items[1].actorSubject", is("admin"));
    }

    @Test
    void anAmendmentTakesIfMatchAndAReasonAndIsKeptInTheHistory() {
        String number = uscc + "001P";
        as(EEB_OFFICER).body(permit(number, "2026-01-01", "2028-12-31", List.of("DA001"))).post(permits()).then().statusCode(201);
        Map<String, Object> extended = amendment("2026-01-01", "2030-12-31", List.of("DA002", "DA001"),
                "Extended to 2030 and the second stack added after the 2027 review");

        as(EEB_OFFICER).body(extended).put(permits() + "/" + number).then().statusCode(428);
        as(EEB_OFFICER).header("If-Match", "\"7\"").body(extended).put(permits() + "/" + number).then().statusCode(412);
        Map<String, Object> noReason = new java.util.HashMap<>(extended);
        noReason.remove("reason");
        as(EEB_OFFICER).header("If-Match", "\"1\"").body(noReason).put(permits() + "/" + number).then().statusCode(400)
                .body("errors.field", contains("reason"));
        as(TOWN_B_OFFICER).header("If-Match", "\"1\"").body(extended).put(permits() + "/" + number).then().statusCode(403)
                .body("type", is("/problems/not-issuing-agency"));

        // its new validity overlaps its old one: a permit never stands in its own way
        as(EEB_OFFICER).header("If-Match", "\"1\"").body(extended).put(permits() + "/" + number).then().statusCode(200)
                .header("ETag", "\"2\"")
                .body("validTo", is("2030-12-31"))
                .body("outletCodes", contains("DA001", "DA002"))
                .body("audit.version", is(2))
                .body("audit.updatedBy", is("officer-" + EEB));
        as(EEB_LEAD).get(permits() + "/" + number).then().statusCode(200).header("ETag", "\"2\"")
                .body("validTo", is("2030-12-31"));

        as(EEB_LEAD).get(permits() + "/" + number + "/versions").then().statusCode(200)
                .body("items.version", contains(1, 2))
                .body("items.action", contains("recorded", "amended"))
                .body("items[0].permit.validTo", is("2028-12-31"))
                .body("items[0].permit.outletCodes", contains("DA001"))
                .body("items[1].reason", is("Extended to 2030 and the second stack added after the 2027 review"))
                .body("items[1].changedBy", is("officer-" + EEB));
        as(ADMIN).queryParam("entityType", "permit").queryParam("entityId", number).get("/api/v1/registry/audit-entries")
                .then().statusCode(200)
                .body("items.action", contains("permit-recorded", "permit-amended"))
                .body("items[1].reason", is("Extended to 2030 and the second stack added after the 2027 review"))
                .body("items[1].beforeDigest", not(equalTo(null)));
    }

    @Test
    void anAmendedPermitFollowsTheRulesOfANewOneAndARefusedAmendmentChangesNothing() {
        String first = uscc + "001P";
        as(EEB_OFFICER).body(permit(first, "2026-01-01", "2028-12-31", List.of("DA001"))).post(permits()).then().statusCode(201);
        as(EEB_OFFICER).body(permit(uscc + "002P", "2029-01-01", "2030-12-31", List.of("DA002"))).post(permits())
                .then().statusCode(201);
        Map<String, Long> before = Database.rowCounts();

        as(EEB_OFFICER).header("If-Match", "\"1\"").body(amendment("2026-01-01", "2030-12-31", List.of("DA001", "DA002"), "Both stacks"))
                .put(permits() + "/" + first).then().statusCode(409)
                .body("type", is("/problems/permit-overlap"))
                .body("errors.field", contains("outletCodes[1]"));
        as(EEB_OFFICER).header("If-Match", "\"1\"").body(amendment("2026-01-01", "2028-12-31", List.of("DA001", "DA009"), "A stack"))
                .put(permits() + "/" + first).then().statusCode(422)
                .body("type", is("/problems/permit-outlet-mismatch"))
                .body("errors.field", contains("outletCodes[1]"));
        as(EEB_OFFICER).header("If-Match", "\"1\"").body(amendment("2028-01-01", "2027-12-31", List.of("DA001"), "Backwards"))
                .put(permits() + "/" + first).then().statusCode(400).body("errors.field", contains("validTo"));
        as(EEB_OFFICER).header("If-Match", "\"1\"").body(amendment("2026-01-01", "2028-12-31", List.of("DA001"), "No such"))
                .put(permits() + "/" + uscc + "009P").then().statusCode(404).body("type", is("/problems/permit-not-found"));

        assertThat(Database.rowCounts()).as("nothing written by a refused amendment").isEqualTo(before);
        as(EEB_LEAD).get(permits() + "/" + first).then().header("ETag", "\"1\"").body("validTo", is("2028-12-31"));
    }

    /**
     * At 00:30 on 1 June 2031 in the agencies' zone (still 31 May in UTC): a permit whose validity ended stands only
     * in the way of a permit reaching back into its days, one not yet valid only of its own days, a revoked one of
     * none; each permit's status is that of the agencies' day.
     */
    @Test
    void onlyPermitsInForceOnADayStandInTheWayOfAnotherForThatDay() {
        SettableClock.INSTANCE.set(OffsetDateTime.parse("2031-06-01T00:30:00+08:00").toInstant());
        try {
            String expired = uscc + "001P";
            String current = uscc + "002P";
            String future = uscc + "003P";
            as(EEB_OFFICER).body(permit(expired, "2026-01-01", "2030-12-31", List.of("DA001"))).post(permits())
                    .then().statusCode(201).body("status", is("expired"));
            as(EEB_OFFICER).body(permit(future, "2033-01-01", "2035-12-31", List.of("DA001"))).post(permits())
                    .then().statusCode(201).body("status", is("not-yet-valid"));
            as(EEB_OFFICER).body(permit(current, "2031-06-01", "2032-12-31", List.of("DA001"))).post(permits())
                    .then().statusCode(201).body("status", is("in-force"));

            as(EEB_OFFICER).body(permit(uscc + "004P", "2030-07-01", "2031-05-31", List.of("DA001"))).post(permits())
                    .then().statusCode(409).body("errors[0].message", containsString(expired));
            as(EEB_OFFICER).body(permit(uscc + "004P", "2035-01-01", "2036-12-31", List.of("DA001"))).post(permits())
                    .then().statusCode(409).body("errors[0].message", containsString(future));

            as(EEB_OFFICER).header("If-Match", "\"1\"").body(because("The plant will close in 2032"))
                    .post(permits() + "/" + future + "/revocation").then().statusCode(200);
            as(EEB_OFFICER).body(permit(uscc + "004P", "2035-01-01", "2036-12-31", List.of("DA001"))).post(permits())
                    .then().statusCode(201).body("status", is("not-yet-valid"));

            as(INSPECTOR).get(permits()).then().statusCode(200)
                    .body("items.find { it.number == '" + expired + "' }.status", is("expired"))
                    .body("items.find { it.number == '" + current + "' }.status", is("in-force"))
                    .body("items.find { it.number == '" + future + "' }.status", is("revoked"))
                    .body("items.find { it.number == '" + uscc + "004P' }.status", is("not-yet-valid"));
        } finally {
            SettableClock.INSTANCE.reset();
        }
    }

    /** The migration that began permit history gave each permit recorded before it its first version. */
    @Test
    void aPermitRecordedBeforeHistoryWasKeptHasItsFirstVersion() throws Exception {
        String number = uscc + "001P";
        as(EEB_OFFICER).body(permit(number, "2026-01-01", "2030-12-31", List.of("DA002", "DA001"))).post(permits())
                .then().statusCode(201);
        String migration = Files.readString(Contracts.root().resolve(
                "services/registry/src/main/resources/db/migration/V2__permit_lifecycle.sql"));
        String backfill = migration.substring(migration.indexOf("insert into permit_version"), migration.lastIndexOf(';'));
        Database.execute("delete from permit_version where permit_number = '" + number + "'", backfill);

        as(EEB_LEAD).get(permits() + "/" + number + "/versions").then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].action", is("recorded"))
                .body("items[0].changedBy", is("officer-" + EEB))
                .body("items[0].permit.number", is(number))
                .body("items[0].permit.validTo", is("2030-12-31"))
                .body("items[0].permit.outletCodes", contains("DA001", "DA002"))
                .body("items[0].permit.issuingAgency", is(EEB))
                .body("items[0].permit.audit.createdBy", is("officer-" + EEB));
    }

    @Test
    void concurrentRecordingsOfOneNumberRecordItOnce() throws Exception {
        String number = uscc + "001P";
        List<String> outlets = List.of("DA001", "DA002", "DA003");
        List<Response> answers = concurrently(outlets.size(), i -> as(EEB_OFFICER)
                .body(permit(number, "2026-01-01", "2030-12-31", List.of(outlets.get(i)))).post(permits()));

        assertThat(answers).extracting(Response::statusCode).as("one recorded, the others told it exists")
                .containsExactlyInAnyOrder(201, 409, 409);
        assertThat(answers).filteredOn(r -> r.statusCode() == 409).extracting(r -> r.<String>path("type"))
                .containsOnly("/problems/permit-exists");
        assertThat(Database.queryLong("select count(*) from permit where number = '" + number + "'")).isEqualTo(1);
        assertThat(Database.queryLong("select count(*) from permit_version where permit_number = '" + number + "'"))
                .isEqualTo(1);
    }
}
