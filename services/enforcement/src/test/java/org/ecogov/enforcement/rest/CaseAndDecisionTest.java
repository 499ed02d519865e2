package org.ecogov.enforcement.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecogov.enforcement.Fixtures.*;
import static org.hamcrest.Matchers.*;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import org.ecogov.enforcement.Database;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.ecogov.testing.SettableClock;
import org.ecogov.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Cases and decisions end to end over HTTP: violations with their legal basis, the eight kinds and their terms, a
 * lead's approval before issue, the day of service, the follow-up scheduled at the rectification deadline, the daily
 * continuing penalty proposed by a follow-up that finds the violation continuing (its arithmetic across a month
 * boundary and across a leap day), stopped by one that finds it corrected, and a case closing only when every
 * decision is executed or closed with a reason.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
class CaseAndDecisionTest {

    @AfterEach
    void realTime() {
        SettableClock.INSTANCE.reset();
    }

    @Test
    void aCaseListsItsViolationsWithTheirLegalBasisAndEvidenceOfItsInspection() {
        String uscc = enterpriseIn(TOWN_A);
        String inspection = routineInspection(uscc, INSPECTOR_LI);
        Map<String, Object> record = new HashMap<>();
        record.put("status", "completed");
        record.put("arrivedAt", "2026-01-10T10:00:00+08:00");
        record.put("leftAt", "2026-01-10T11:00:00+08:00");
        record.put("location", Map.of("latitude", LATITUDE, "longitude", LONGITUDE));
        record.put("findings", List.of(Map.of("code", "F-1", "description", "COD over the limit at DW001",
                "violation", true)));
        as(EEB_OFFICER).header("If-Match", "\"1\"").body(record).put("/api/v1/inspections/" + inspection).then()
                .statusCode(200);
        String file = io.restassured.RestAssured.given().auth().oauth2(LI).contentType("application/pdf")
                .header("Idempotency-Key", java.util.UUID.randomUUID().toString()).queryParam("kind", "document")
                .queryParam("takenAt", "2026-01-10T10:30:00+08:00").body(EvidenceTest.pdf())
                .post("/api/v1/inspections/" + inspection + "/evidence").then().statusCode(201).extract().path("id");

        // the evidence names the inspection's finding codes and its stored files; nothing else
        Map<String, Object> body = caseBody(uscc);
        body.put("inspectionId", inspection);
        body.put("violations", List.of(Map.of("legalBasis", "Water Pollution Prevention and Control Law art. 83(2)",
                "description", "COD discharged over the permitted concentration", "pollutantCode", "w01018",
                "outletCode", "DW001", "evidence", List.of("F-1", "F-9", file))));
        as(EEB_OFFICER).body(body).post("/api/v1/cases").then().statusCode(422)
                .body("type", is("/problems/evidence-unknown")).body("errors.field", contains("violations[0].evidence[1]"));
        Map<String, Object> direct = caseBody(uscc);
        direct.put("violations", List.of(Map.of("legalBasis", "Water Pollution Prevention and Control Law art. 83(2)",
                "description", "COD", "evidence", List.of(file))));
        as(EEB_OFFICER).body(direct).post("/api/v1/cases").then().statusCode(422)
                .body("errors.field", contains("violations[0].evidence[0]"));
        body.put("violations", List.of(Map.of("legalBasis", "Water Pollution Prevention and Control Law art. 83(2)",
                "description", "COD discharged over the permitted concentration", "pollutantCode", "w01018",
                "outletCode", "DW001", "evidence", List.of("F-1", file))));
        JsonPath c = as(EEB_OFFICER).body(body).post("/api/v1/cases").then().statusCode(201).extract().jsonPath();
        assertThat(c.getString("status")).isEqualTo("open");
        assertThat(c.getString("violations[0].legalBasis")).isEqualTo("Water Pollution Prevention and Control Law art. 83(2)");
        assertThat(c.getString("violations[0].pollutantCode")).isEqualTo("w01018");
        assertThat(c.getString("violations[0].outletCode")).isEqualTo("DW001");
        assertThat(c.getList("violations[0].evidence")).containsExactly("F-1", file);

        // a change of the violations is checked the same way
        String url = "/api/v1/cases/" + c.getString("id") + "/violations";
        Map<String, Object> changed = new HashMap<>(Map.of("id", c.getString("violations[0].id"), "legalBasis",
                "Water Pollution Prevention and Control Law art. 83(2)", "description", "COD", "evidence",
                List.of(file, "nowhere")));
        as(EEB_OFFICER).header("If-Match", "\"1\"").body(Map.of("violations", List.of(changed))).put(url).then()
                .statusCode(422).body("errors.field", contains("violations[0].evidence[1]"));
        as(TOWN_B_OFFICER).get("/api/v1/cases/" + c.getString("id")).then().statusCode(404)
                .body("type", is("/problems/case-not-found"));
        as(LI).get("/api/v1/cases/" + c.getString("id")).then().statusCode(403);
    }

    @Test
    void aRetriedCaseOrDecisionAnswersTheFirstAnswerAndTheKeyWithAnotherBodyIs409() {
        String uscc = enterpriseIn(TOWN_A);
        String key = java.util.UUID.randomUUID().toString();
        long cases = Database.count("enforcement_case");
        var first = io.restassured.RestAssured.given().auth().oauth2(EEB_OFFICER).contentType("application/json")
                .header("Idempotency-Key", key).body(caseBody(uscc)).post("/api/v1/cases");
        first.then().statusCode(201);
        io.restassured.RestAssured.given().auth().oauth2(EEB_OFFICER).contentType("application/json")
                .header("Idempotency-Key", key).body(caseBody(uscc)).post("/api/v1/cases").then().statusCode(201)
                .header("Idempotent-Replayed", "true").header("Location", is(first.header("Location")))
                .body("id", is((String) first.path("id")));
        Map<String, Object> other = caseBody(uscc);
        other.put("violations", List.of(Map.of("legalBasis", "Atmospheric Pollution Prevention and Control Law art. 99",
                "description", "SO2 over the limit")));
        io.restassured.RestAssured.given().auth().oauth2(EEB_OFFICER).contentType("application/json")
                .header("Idempotency-Key", key).body(other).post("/api/v1/cases").then().statusCode(409)
                .body("type", is("/problems/idempotency-key-reused"));
        assertThat(Database.count("enforcement_case")).isEqualTo(cases + 1);

        String url = "/api/v1/cases/" + first.path("id") + "/decisions";
        String decisionKey = java.util.UUID.randomUUID().toString();
        long decisions = Database.count("decision");
        Map<String, Object> fine = Map.of("kind", "fine", "description", "Fine", "amount", "1000.00");
        String proposed = io.restassured.RestAssured.given().auth().oauth2(EEB_OFFICER).contentType("application/json")
                .header("Idempotency-Key", decisionKey).body(fine).post(url).then().statusCode(201).extract().path("id");
        io.restassured.RestAssured.given().auth().oauth2(EEB_OFFICER).contentType("application/json")
                .header("Idempotency-Key", decisionKey).body(fine).post(url).then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", is(proposed));
        io.restassured.RestAssured.given().auth().oauth2(EEB_OFFICER).contentType("application/json")
                .header("Idempotency-Key", decisionKey).body(Map.of("kind", "fine", "description", "Fine", "amount",
                        "2000.00")).post(url).then().statusCode(409).body("type", is("/problems/idempotency-key-reused"));
        assertThat(Database.count("decision")).isEqualTo(decisions + 1);
    }

    @Test
    void aCaseOpensFromACompletedInspectionOfTheSameEnterpriseOnly() {
        String uscc = enterpriseIn(TOWN_A);
        String inspection = routineInspection(uscc, INSPECTOR_LI);
        Map<String, Object> body = caseBody(uscc);
        body.put("inspectionId", inspection);
        as(EEB_OFFICER).body(body).post("/api/v1/cases").then().statusCode(400).body("errors[0].field", is("inspectionId"));
        complete(inspection, null);
        as(EEB_OFFICER).body(body).post("/api/v1/cases").then().statusCode(201).body("inspectionId", is(inspection));
        body.put("enterpriseUscc", enterpriseIn(TOWN_A));
        as(EEB_OFFICER).body(body).post("/api/v1/cases").then().statusCode(400).body("errors[0].field", is("inspectionId"));
    }

    @Test
    void eachKindTakesItsOwnTerms() {
        String caseId = openCase(enterpriseIn(TOWN_A)).getString("id");
        String url = "/api/v1/cases/" + caseId + "/decisions";
        as(EEB_OFFICER).body(Map.of("kind", "fine", "description", "Fine")).post(url).then().statusCode(422)
                .body("type", is("/problems/decision-terms-invalid")).body("errors.field", contains("amount"));
        as(EEB_OFFICER).body(Map.of("kind", "warning", "description", "Warning", "amount", "10.00")).post(url).then()
                .statusCode(422).body("errors.field", contains("amount"));
        as(EEB_OFFICER).body(Map.of("kind", "daily-continuing-penalty", "description", "By hand")).post(url).then()
                .statusCode(422).body("errors.field", hasItem("kind"));
        as(EEB_OFFICER).body(Map.of("kind", "rectification-order", "description", "Correct")).post(url).then()
                .statusCode(422).body("errors.field", containsInAnyOrder("rectificationDeadline", "fineDecisionId"));
        for (String kind : List.of("warning", "production-restriction", "production-suspension", "seal-up",
                "police-referral")) {
            as(EEB_OFFICER).body(Map.of("kind", kind, "description", "Decided: " + kind)).post(url).then().statusCode(201)
                    .body("kind", is(kind)).body("status", is("proposed")).header("ETag", "\"1\"");
        }
        String fine = propose(caseId, Map.of("kind", "fine", "description", "Fine", "amount", "200000.00"));
        as(EEB_OFFICER).get("/api/v1/decisions/" + fine).then().statusCode(200).body("amount", is("200000.00"));
        String otherCase = openCase(enterpriseIn(TOWN_A)).getString("id");
        as(EEB_OFFICER).body(Map.of("kind", "rectification-order", "description", "Correct",
                        "rectificationDeadline", "2099-01-01", "fineDecisionId", fine))
                .post("/api/v1/cases/" + otherCase + "/decisions").then().statusCode(422)
                .body("errors.field", contains("fineDecisionId"));
    }

    @Test
    void aDecisionWithoutApprovalCannotBeIssued() {
        String caseId = openCase(enterpriseIn(TOWN_A)).getString("id");
        String warning = propose(caseId, Map.of("kind", "warning", "description", "Keep the discharge log"));
        String url = "/api/v1/decisions/" + warning;
        as(EEB_OFFICER).header("If-Match", "\"1\"").body(Map.of("servedOn", "2026-01-05")).post(url + "/issuance").then()
                .statusCode(409).body("type", is("/problems/decision-not-approved"));
        // only an agency lead approves, and only within their jurisdiction
        as(EEB_OFFICER).header("If-Match", "\"1\"").body(Map.of()).post(url + "/approval").then().statusCode(403);
        as(ADMIN).header("If-Match", "\"1\"").body(Map.of()).post(url + "/approval").then().statusCode(403);
        as(TestTokens.lead("TG-341702102", TOWN_B)).header("If-Match", "\"1\"").body(Map.of()).post(url + "/approval")
                .then().statusCode(404);
        as(EEB_LEAD).body(Map.of()).post(url + "/approval").then().statusCode(428);
        as(EEB_LEAD).header("If-Match", "\"1\"").body(Map.of()).post(url + "/approval").then().statusCode(200)
                .body("status", is("approved")).body("approvedBy", notNullValue()).header("ETag", "\"2\"");
        as(EEB_LEAD).header("If-Match", "\"2\"").body(Map.of()).post(url + "/approval").then().statusCode(409)
                .body("type", is("/problems/invalid-decision-transition"));

        as(EEB_OFFICER).header("If-Match", "\"2\"").body(Map.of("servedOn", "2099-01-05")).post(url + "/issuance").then()
                .statusCode(400).body("errors.field", contains("servedOn"));
        as(EEB_OFFICER).header("If-Match", "\"2\"").body(Map.of("servedOn", "2026-01-05")).post(url + "/issuance").then()
                .statusCode(200).body("status", is("issued")).body("servedOn", is("2026-01-05"));
        assertThat(Database.queryLong("select count(*) from audit_entry where entity_id = '" + warning + "'")).isEqualTo(3);
    }

    @Test
    void theEnterprisesReporterSeesItsIssuedDecisionsOnly() {
        String uscc = enterpriseIn(TOWN_A);
        String caseId = openCase(uscc).getString("id");
        String warning = propose(caseId, Map.of("kind", "warning", "description", "Warned"));
        String reporter = TestTokens.reporter(uscc);
        String fine = propose(caseId, Map.of("kind", "fine", "description", "Fined", "amount", "1000.00"));
        as(reporter).get("/api/v1/decisions/" + warning).then().statusCode(404);
        as(reporter).queryParam("enterpriseUscc", uscc).get("/api/v1/decisions").then().statusCode(200)
                .body("items", empty());
        approveAndIssue(warning, "2026-01-05", null);
        as(reporter).get("/api/v1/decisions/" + warning).then().statusCode(200).body("status", is("issued"));
        as(TestTokens.reporter(enterpriseIn(TOWN_A))).get("/api/v1/decisions/" + warning).then().statusCode(404);

        // listed by USCC in the caller's view: the reporter the served ones, officials every one within jurisdiction
        as(reporter).queryParam("enterpriseUscc", uscc).get("/api/v1/decisions").then().statusCode(200)
                .body("items.id", contains(warning)).body("items[0].status", is("issued"));
        as(reporter).get("/api/v1/decisions").then().statusCode(200).body("items.id", contains(warning));
        as(TestTokens.reporter(enterpriseIn(TOWN_A))).get("/api/v1/decisions").then().statusCode(200)
                .body("items", empty());
        as(EEB_OFFICER).queryParam("enterpriseUscc", uscc).queryParam("limit", 1).get("/api/v1/decisions").then()
                .statusCode(200).body("items", hasSize(1)).body("next", notNullValue());
        as(EEB_OFFICER).queryParam("enterpriseUscc", uscc).get("/api/v1/decisions").then().statusCode(200)
                .body("items.id", containsInAnyOrder(warning, fine));
        as(EEB_OFFICER).queryParam("enterpriseUscc", uscc).queryParam("status", "proposed").get("/api/v1/decisions")
                .then().statusCode(200).body("items.id", contains(fine));
        as(TOWN_B_OFFICER).queryParam("enterpriseUscc", uscc).get("/api/v1/decisions").then().statusCode(200)
                .body("items", empty());
        as(reporter).get("/api/v1/cases/" + caseId).then().statusCode(403);
    }

    @Test
    void aContinuingViolationIsPenalisedPerDayAcrossAMonthBoundaryUntilAFollowUpFindsItCorrected() {
        SettableClock.INSTANCE.set(Instant.parse("2026-01-20T02:00:00Z"));
        String uscc = enterpriseIn(TOWN_A);
        String caseId = openCase(uscc).getString("id");
        String fine = propose(caseId, Map.of("kind", "fine", "description", "Fine for discharging COD over the limit",
                "amount", "100000.00"));
        approveAndIssue(fine, "2026-01-20", null);
        String order = propose(caseId, Map.of("kind", "rectification-order", "description", "Stop the discharge",
                "rectificationDeadline", "2026-01-30", "fineDecisionId", fine));
        SettableClock.INSTANCE.set(Instant.parse("2026-01-21T02:00:00Z"));
        JsonPath issued = approveAndIssue(order, "2026-01-21", List.of(INSPECTOR_LI, INSPECTOR_WANG));
        assertThat(issued.getString("servedOn")).isEqualTo("2026-01-21");

        // the follow-up is scheduled at the deadline, assigned to the inspectors named
        JsonPath followUps = followUps(uscc);
        assertThat(followUps.getList("items")).hasSize(1);
        assertThat(followUps.getString("items[0].decisionId")).isEqualTo(order);
        assertThat(followUps.getString("items[0].scheduledFor")).isEqualTo("2026-01-30");
        assertThat(followUps.getList("items[0].inspectors")).containsExactly(INSPECTOR_LI, INSPECTOR_WANG);
        String followUp = followUps.getString("items[0].id");

        // found continuing on 2 February (local time): 22 January to 2 February, 12 days at the original fine
        complete(followUp, "2026-02-02T10:00:00+08:00", "continuing");
        JsonPath penalty = penaltyOf(caseId, followUp);
        assertThat(penalty.getString("status")).isEqualTo("proposed");
        assertThat(penalty.getString("rectificationOrderId")).isEqualTo(order);
        assertThat(penalty.getString("penalty.servedOn")).isEqualTo("2026-01-21");
        assertThat(penalty.getString("penalty.from")).isEqualTo("2026-01-22");
        assertThat(penalty.getString("penalty.to")).isEqualTo("2026-02-02");
        assertThat(penalty.getInt("penalty.days")).isEqualTo(12);
        assertThat(penalty.getString("penalty.amountPerDay")).isEqualTo("100000.00");
        assertThat(penalty.getString("penalty.total")).isEqualTo("1200000.00");
        assertThat(penalty.getString("amount")).isEqualTo("1200000.00");
        assertThat(penalty.getString("penalty.arithmetic"))
                .isEqualTo("2026-01-22 to 2026-02-02: 12 days × 100000.00 CNY = 1200000.00 CNY");
        assertThat(penalty.getList("violationIds")).isEqualTo(
                as(EEB_OFFICER).get("/api/v1/decisions/" + order).then().extract().jsonPath().getList("violationIds"));
        as(EEB_OFFICER).get("/api/v1/decisions/" + order).then().body("status", is("issued"));

        // the next follow-up is scheduled by itself, 14 days (enforcement.follow-up.interval-days) after 2 February,
        // to the same inspectors; found continuing again on 16 February it counts on from the day after the last
        // counted day: 3 to 16 February, 14 days, 14 x 100000.00 = 1400000.00
        String next = scheduledFollowUp(uscc, "2026-02-16", List.of(INSPECTOR_LI, INSPECTOR_WANG));
        complete(next, "2026-02-16T15:00:00+08:00", "continuing");
        JsonPath second = penaltyOf(caseId, next);
        assertThat(second.getString("penalty.arithmetic"))
                .isEqualTo("2026-02-03 to 2026-02-16: 14 days × 100000.00 CNY = 1400000.00 CNY");

        // 16 February + 14 days is 2 March (February 2026 has 28 days); found corrected then: no further penalty, no
        // further follow-up, the order executed. Counted in all: 12 + 14 = 26 days, 2600000.00 CNY
        String third = scheduledFollowUp(uscc, "2026-03-02", List.of(INSPECTOR_LI, INSPECTOR_WANG));
        complete(third, "2026-03-02T09:00:00+08:00", "corrected");
        as(EEB_OFFICER).get("/api/v1/decisions/" + order).then().body("status", is("executed"));
        JsonPath c = as(EEB_OFFICER).get("/api/v1/cases/" + caseId).then().extract().jsonPath();
        assertThat(c.getList("decisions.findAll { it.kind == 'daily-continuing-penalty' }.amount"))
                .containsExactlyInAnyOrder("1200000.00", "1400000.00");
        assertThat(followUps(uscc).getList("items")).hasSize(3);
    }

    @Test
    void aLeapDayIsCountedAndTheCountGoesOnFromTheLastCountedDayUntilCorrected() {
        SettableClock.INSTANCE.set(Instant.parse("2028-02-10T02:00:00Z"));
        String uscc = enterpriseIn(TOWN_A);
        String caseId = openCase(uscc).getString("id");
        String fine = propose(caseId, Map.of("kind", "fine", "description", "Fine", "amount", "50000.50"));
        approveAndIssue(fine, "2028-02-10", null);
        String order = propose(caseId, Map.of("kind", "rectification-order", "description", "Correct",
                "rectificationDeadline", "2028-02-15", "fineDecisionId", fine));
        approveAndIssue(order, "2028-02-10", List.of(INSPECTOR_LI));
        String first = scheduledFollowUp(uscc, "2028-02-15", List.of(INSPECTOR_LI));

        // 11 to 15 February 2028: 5 days x 50000.50 = 250002.50
        complete(first, "2028-02-15T09:30:00+08:00", "continuing");
        assertThat(penaltyOf(caseId, first).getString("penalty.arithmetic"))
                .isEqualTo("2028-02-11 to 2028-02-15: 5 days × 50000.50 CNY = 250002.50 CNY");

        // the next follow-up falls on the leap day itself (15 February + 14 days); 16 to 29 February: 14 days
        String second = scheduledFollowUp(uscc, "2028-02-29", List.of(INSPECTOR_LI));
        complete(second, "2028-02-29T09:30:00+08:00", "continuing");
        JsonPath counted = penaltyOf(caseId, second);
        assertThat(counted.getString("penalty.from")).isEqualTo("2028-02-16");
        assertThat(counted.getString("penalty.to")).isEqualTo("2028-02-29");
        assertThat(counted.getString("penalty.arithmetic"))
                .isEqualTo("2028-02-16 to 2028-02-29: 14 days × 50000.50 CNY = 700007.00 CNY");

        // a follow-up assigned by hand before the one scheduled for 14 March counts on (1 to 4 March, 4 days) and
        // schedules nothing more, since the 14 March one is still to be done
        scheduledFollowUp(uscc, "2028-03-14", List.of(INSPECTOR_LI));
        Map<String, Object> byHand = routine(uscc, INSPECTOR_LI);
        byHand.put("kind", "follow-up");
        byHand.put("decisionId", order);
        String again = as(EEB_OFFICER).body(byHand).post("/api/v1/inspections").then().statusCode(201).extract().path("id");
        complete(again, "2028-03-04T09:30:00+08:00", "continuing");
        assertThat(penaltyOf(caseId, again).getString("penalty.arithmetic"))
                .isEqualTo("2028-03-01 to 2028-03-04: 4 days × 50000.50 CNY = 200002.00 CNY");
        assertThat(followUps(uscc).getList("items")).hasSize(4);

        // the scheduled one finds it corrected: the count stops at 5 + 14 + 4 = 23 days, 1150011.50 CNY in all
        complete(scheduledFollowUp(uscc, "2028-03-14", List.of(INSPECTOR_LI)), "2028-03-14T09:30:00+08:00", "corrected");
        as(EEB_OFFICER).get("/api/v1/decisions/" + order).then().body("status", is("executed"));
        JsonPath c = as(EEB_OFFICER).get("/api/v1/cases/" + caseId).then().extract().jsonPath();
        assertThat(c.getList("decisions.findAll { it.kind == 'daily-continuing-penalty' }.penalty.days"))
                .containsExactlyInAnyOrder(5, 14, 4);
        assertThat(followUps(uscc).getList("items")).hasSize(4);
    }

    @Test
    void aFollowUpNotStartedWhenItsOrderIsExecutedOrItsCaseClosedIsCancelledAndItsInspectorsToldSo() {
        SettableClock.INSTANCE.set(Instant.parse("2026-03-02T02:00:00Z"));
        String uscc = enterpriseIn(TOWN_A);
        JsonPath opened = openCase(uscc);
        String caseId = opened.getString("id");
        String fine = propose(caseId, Map.of("kind", "fine", "description", "Fine", "amount", "20000.00"));
        approveAndIssue(fine, "2026-03-02", null);
        String order = propose(caseId, Map.of("kind", "rectification-order", "description", "Correct",
                "rectificationDeadline", "2026-03-20", "fineDecisionId", fine));
        approveAndIssue(order, "2026-03-02", List.of(INSPECTOR_LI, INSPECTOR_WANG));
        String followUp = scheduledFollowUp(uscc, "2026-03-20", List.of(INSPECTOR_LI, INSPECTOR_WANG));

        // a photo of the follow-up named as a violation's evidence cannot be removed (409 naming the case)
        String photo = io.restassured.RestAssured.given().auth().oauth2(LI).contentType("application/pdf")
                .header("Idempotency-Key", java.util.UUID.randomUUID().toString()).queryParam("kind", "document")
                .queryParam("takenAt", "2026-03-02T09:30:00+08:00").body(EvidenceTest.pdf())
                .post("/api/v1/inspections/" + followUp + "/evidence").then().statusCode(201).extract().path("id");
        // (the served decisions' violation stands as it is; a new one names the photo)
        Map<String, Object> named = violation(null, "The discharge log not kept");
        named.put("evidence", List.of(photo));
        String caseTag = as(EEB_OFFICER).get("/api/v1/cases/" + caseId).then().statusCode(200).extract().header("ETag");
        as(EEB_OFFICER).header("If-Match", caseTag).body(Map.of("violations", List.of(opened.getMap("violations[0]"), named)))
                .put("/api/v1/cases/" + caseId + "/violations").then().statusCode(200);
        as(LI).header("If-Match", etag(LI, followUp)).delete("/api/v1/inspections/" + followUp + "/evidence/" + photo)
                .then().statusCode(409).body("type", is("/problems/evidence-referenced"))
                .body("detail", containsString(caseId));

        // the order executed by hand before the follow-up started: the follow-up is cancelled with the reason
        String cursor = as(WANG).get("/api/v1/inspections/changes").then().statusCode(200).extract().path("next");
        as(EEB_OFFICER).header("If-Match", "\"3\"").body(Map.of("outcome", "executed"))
                .post("/api/v1/decisions/" + order + "/outcome").then().statusCode(200);
        JsonPath cancelled = as(LI).get("/api/v1/inspections/" + followUp).then().statusCode(200).extract().jsonPath();
        assertThat(cancelled.getString("status")).isEqualTo("cancelled");
        assertThat(cancelled.getString("cancellationReason")).contains(order, "executed");
        // its inspectors' feed tells them; it is no longer among their assignments
        as(WANG).queryParam("since", cursor).get("/api/v1/inspections/changes").then().statusCode(200)
                .body("items.id", contains(followUp)).body("items[0].status", is("cancelled"));
        as(LI).queryParam("status", "assigned").queryParam("kind", "follow-up").get("/api/v1/inspections").then()
                .statusCode(200).body("items.id", not(hasItem(followUp)));
        // it no longer changes, nor is its evidence removed; a record cannot cancel an inspection
        Map<String, Object> onSite = onSite(LATITUDE, LONGITUDE);
        as(LI).header("If-Match", etag(LI, followUp)).body(onSite).put("/api/v1/inspections/" + followUp).then()
                .statusCode(409).body("type", is("/problems/inspection-closed"));
        as(LI).header("If-Match", etag(LI, followUp)).delete("/api/v1/inspections/" + followUp + "/evidence/" + photo)
                .then().statusCode(409).body("type", is("/problems/inspection-closed"));
        String other = routineInspection(uscc, INSPECTOR_LI);
        as(LI).header("If-Match", "\"1\"").body(Map.of("status", "cancelled")).put("/api/v1/inspections/" + other)
                .then().statusCode(409).body("type", is("/problems/invalid-inspection-transition"));
        assertThat(io.restassured.RestAssured.given().auth().oauth2(ADMIN).queryParam("entityId", followUp)
                .get("/api/v1/enforcement/audit-entries").then().statusCode(200).extract().jsonPath()
                .getList("items.action")).contains("inspection-cancelled");

        // a follow-up assigned by hand after the order was executed is cancelled when the case closes
        Map<String, Object> byHand = routine(uscc, INSPECTOR_LI);
        byHand.put("kind", "follow-up");
        byHand.put("decisionId", order);
        String late = as(EEB_OFFICER).body(byHand).post("/api/v1/inspections").then().statusCode(201).extract().path("id");
        as(EEB_OFFICER).header("If-Match", "\"3\"").body(Map.of("outcome", "executed"))
                .post("/api/v1/decisions/" + fine + "/outcome").then().statusCode(200);
        String closeTag = as(EEB_OFFICER).get("/api/v1/cases/" + caseId).then().statusCode(200).extract().header("ETag");
        as(EEB_OFFICER).header("If-Match", closeTag).body(Map.of("note", "All done"))
                .post("/api/v1/cases/" + caseId + "/closure").then().statusCode(200);
        JsonPath lateOne = as(LI).get("/api/v1/inspections/" + late).then().statusCode(200).extract().jsonPath();
        assertThat(lateOne.getString("status")).isEqualTo("cancelled");
        assertThat(lateOne.getString("cancellationReason")).contains(caseId, "closed");
    }

    @Test
    void anOpenCasesViolationsChangeUnderIfMatchUntilAnIssuedDecisionNamesThem() {
        String uscc = enterpriseIn(TOWN_A);
        JsonPath opened = openCase(uscc);
        String caseId = opened.getString("id");
        String url = "/api/v1/cases/" + caseId + "/violations";
        String cod = opened.getString("violations[0].id");
        assertThat(cod).matches("[0-9a-f-]{36}");

        // a new case's violations take no id from the caller
        Map<String, Object> withId = caseBody(uscc);
        withId.put("violations", List.of(violation(cod, "COD over the limit")));
        as(EEB_OFFICER).body(withId).post("/api/v1/cases").then().statusCode(400)
                .body("errors[0].field", is("violations[0].id"));

        // changed and added, under If-Match of the case
        Map<String, Object> change = Map.of("violations", List.of(violation(cod, "COD over the limit on 3 days"),
                violation(null, "Ammonia nitrogen over the limit")));
        as(EEB_OFFICER).body(change).put(url).then().statusCode(428);
        as(EEB_OFFICER).header("If-Match", "\"7\"").body(change).put(url).then().statusCode(412);
        as(TOWN_B_OFFICER).header("If-Match", "\"1\"").body(change).put(url).then().statusCode(404);
        as(EEB_OFFICER).header("If-Match", "\"1\"")
                .body(Map.of("violations", List.of(violation("00000000-0000-4000-8000-000000000000", "Unknown"))))
                .put(url).then().statusCode(400).body("errors[0].field", is("violations[0].id"));
        JsonPath changed = as(EEB_OFFICER).header("If-Match", "\"1\"").body(change).put(url).then().statusCode(200)
                .header("ETag", "\"2\"").extract().jsonPath();
        assertThat(changed.getString("violations[0].id")).isEqualTo(cod);
        assertThat(changed.getString("violations[0].description")).isEqualTo("COD over the limit on 3 days");
        String ammonia = changed.getString("violations[1].id");
        assertThat(ammonia).matches("[0-9a-f-]{36}").isNotEqualTo(cod);
        assertThat(Database.queryLong("select count(*) from audit_entry where entity_id = '" + caseId
                + "' and action = 'case-violations-changed'")).isEqualTo(1);

        // a decision names the violations it decides on, of its own case only
        String otherCasesViolation = openCase(enterpriseIn(TOWN_A)).getString("violations[0].id");
        as(EEB_OFFICER).body(Map.of("kind", "warning", "description", "Warned", "violationIds", List.of(otherCasesViolation)))
                .post("/api/v1/cases/" + caseId + "/decisions").then().statusCode(422)
                .body("type", is("/problems/decision-terms-invalid")).body("errors.field", contains("violationIds"));
        String warning = as(EEB_OFFICER).body(Map.of("kind", "warning", "description", "Warned about COD",
                        "violationIds", List.of(cod))).post("/api/v1/cases/" + caseId + "/decisions").then().statusCode(201)
                .body("violationIds", contains(cod)).extract().path("id");
        String seal = propose(caseId, Map.of("kind", "seal-up", "description", "Seal the bypass"));
        as(EEB_OFFICER).get("/api/v1/decisions/" + seal).then().body("violationIds", contains(cod, ammonia));

        // proposed, not issued: a named violation may change but not go
        as(EEB_OFFICER).header("If-Match", "\"2\"").body(Map.of("violations", List.of(violation(cod, "COD")))).put(url)
                .then().statusCode(409).body("type", is("/problems/violation-decided"))
                .body("errors[0].message", containsString(seal));
        as(EEB_OFFICER).header("If-Match", "\"1\"").body(Map.of("outcome", "closed", "reason", "Not needed"))
                .post("/api/v1/decisions/" + seal + "/outcome").then().statusCode(200);
        as(EEB_OFFICER).header("If-Match", "\"2\"").body(Map.of("violations", List.of(violation(cod, "COD over the limit"))))
                .put(url).then().statusCode(200).header("ETag", "\"3\"");

        // issued: the warning's violation stands; a violation no served decision names may still be added and changed
        approveAndIssue(warning, "2026-01-05", null);
        as(EEB_OFFICER).header("If-Match", "\"3\"").body(Map.of("violations", List.of(violation(cod, "COD, rewritten"))))
                .put(url).then().statusCode(409).body("type", is("/problems/violation-decided"))
                .body("errors[0].message", containsString(warning));
        as(EEB_OFFICER).header("If-Match", "\"3\"").body(Map.of("violations", List.of(violation(null, "Only this")))).put(url)
                .then().statusCode(409).body("type", is("/problems/violation-decided"));
        as(EEB_OFFICER).header("If-Match", "\"3\"").body(Map.of("violations", List.of(violation(cod, "COD over the limit"),
                violation(null, "Noise at night")))).put(url).then().statusCode(200).header("ETag", "\"4\"");
        assertThat(Database.queryLong("select count(*) from audit_entry where entity_id = '" + caseId
                + "' and action = 'case-violations-changed'")).isEqualTo(3);

        // the disclosure shows the violations the decision decided on, not the case's later ones
        as(TestTokens.reporter(uscc)).queryParam("enterpriseUscc", uscc).get("/api/v1/disclosed-decisions").then()
                .statusCode(200).body("items", hasSize(1)).body("items[0].violations", hasSize(1));
    }

    @Test
    void aCaseClosesOnlyWhenEveryDecisionIsExecutedOrClosedWithAReason() {
        String caseId = openCase(enterpriseIn(TOWN_A)).getString("id");
        String warning = propose(caseId, Map.of("kind", "warning", "description", "Warned"));
        String seal = propose(caseId, Map.of("kind", "seal-up", "description", "Seal the bypass pipe"));
        approveAndIssue(warning, "2026-01-05", null);

        as(EEB_OFFICER).header("If-Match", "\"1\"").body(Map.of()).post("/api/v1/cases/" + caseId + "/closure").then()
                .statusCode(409).body("type", is("/problems/case-has-open-decisions")).body("errors", hasSize(2));
        as(EEB_OFFICER).header("If-Match", "\"3\"").body(Map.of("outcome", "executed")).post("/api/v1/decisions/" + warning
                + "/outcome").then().statusCode(200).body("status", is("executed"));
        as(EEB_OFFICER).header("If-Match", "\"1\"").body(Map.of("outcome", "closed")).post("/api/v1/decisions/" + seal
                + "/outcome").then().statusCode(400).body("errors[0].field", is("reason"));
        as(EEB_OFFICER).header("If-Match", "\"1\"").body(Map.of("outcome", "executed")).post("/api/v1/decisions/" + seal
                + "/outcome").then().statusCode(409);
        as(EEB_OFFICER).header("If-Match", "\"1\"").body(Map.of("outcome", "closed", "reason", "The pipe was removed"))
                .post("/api/v1/decisions/" + seal + "/outcome").then().statusCode(200).body("status", is("closed"));

        as(EEB_OFFICER).header("If-Match", "\"1\"").body(Map.of("note", "All done")).post("/api/v1/cases/" + caseId
                + "/closure").then().statusCode(200).body("status", is("closed")).body("closingNote", is("All done"));
        as(EEB_OFFICER).body(Map.of("kind", "warning", "description", "Too late")).post("/api/v1/cases/" + caseId
                + "/decisions").then().statusCode(409).body("type", is("/problems/case-closed"));
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static Map<String, Object> caseBody(String uscc) {
        Map<String, Object> body = new HashMap<>();
        body.put("enterpriseUscc", uscc);
        body.put("violations", List.of(Map.of("legalBasis", "Water Pollution Prevention and Control Law art. 83(2)",
                "description", "COD discharged over the permitted concentration", "pollutantCode", "w01018",
                "outletCode", "DW001")));
        return body;
    }

    private static JsonPath openCase(String uscc) {
        return as(EEB_OFFICER).body(caseBody(uscc)).post("/api/v1/cases").then().statusCode(201).header("ETag", "\"1\"")
                .extract().jsonPath();
    }

    private static String propose(String caseId, Map<String, Object> body) {
        return as(EEB_OFFICER).body(body).post("/api/v1/cases/" + caseId + "/decisions").then().statusCode(201)
                .extract().path("id");
    }

    private static JsonPath approveAndIssue(String decision, String servedOn, List<String> followUpInspectors) {
        as(EEB_LEAD).header("If-Match", "\"1\"").body(Map.of()).post("/api/v1/decisions/" + decision + "/approval").then()
                .statusCode(200);
        Map<String, Object> issuance = new HashMap<>(Map.of("servedOn", servedOn));
        if (followUpInspectors != null) {
            issuance.put("followUpInspectors", followUpInspectors);
        }
        return as(EEB_OFFICER).header("If-Match", "\"2\"").body(issuance).post("/api/v1/decisions/" + decision + "/issuance")
                .then().statusCode(200).extract().jsonPath();
    }

    private static void complete(String inspection, String finding) {
        complete(inspection, "2026-01-10T10:00:00+08:00", finding);
    }

    private static void complete(String inspection, String arrivedAt, String finding) {
        Map<String, Object> record = new HashMap<>();
        record.put("status", "completed");
        record.put("arrivedAt", arrivedAt);
        record.put("leftAt", arrivedAt);
        record.put("location", Map.of("latitude", LATITUDE, "longitude", LONGITUDE));
        if (finding != null) {
            record.put("rectificationFinding", finding);
        }
        as(EEB_OFFICER).header("If-Match", etag(EEB_OFFICER, inspection)).body(record)
                .put("/api/v1/inspections/" + inspection).then().statusCode(200);
    }

    private static Map<String, Object> violation(String id, String description) {
        Map<String, Object> v = new HashMap<>();
        if (id != null) {
            v.put("id", id);
        }
        v.put("legalBasis", "Water Pollution Prevention and Control Law art. 83(2)");
        v.put("description", description);
        return v;
    }

    private static JsonPath followUps(String uscc) {
        return as(EEB_OFFICER).queryParam("enterpriseUscc", uscc).queryParam("kind", "follow-up")
                .get("/api/v1/inspections").then().statusCode(200).extract().jsonPath();
    }

    /** The follow-up scheduled for the day given, assigned to the inspectors given. */
    private static String scheduledFollowUp(String uscc, String day, List<String> inspectors) {
        JsonPath all = followUps(uscc);
        String id = all.getString("items.find { it.scheduledFor == '" + day + "' }.id");
        assertThat(id).as("a follow-up scheduled for " + day).isNotNull();
        assertThat(all.getList("items.find { it.scheduledFor == '" + day + "' }.inspectors"))
                .containsExactlyElementsOf(inspectors);
        return id;
    }

    private static JsonPath penaltyOf(String caseId, String followUp) {
        JsonPath c = as(EEB_OFFICER).get("/api/v1/cases/" + caseId).then().statusCode(200).extract().jsonPath();
        String id = c.getString("decisions.find { it.followUpInspectionId == '" + followUp + "' }.id");
        assertThat(id).as("a penalty proposed for follow-up " + followUp).isNotNull();
        return as(EEB_OFFICER).get("/api/v1/decisions/" + id).then().statusCode(200).extract().jsonPath();
    }
}
