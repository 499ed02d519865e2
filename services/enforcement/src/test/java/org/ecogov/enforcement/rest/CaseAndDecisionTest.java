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
    void aCaseListsItsViolationsWithTheirLegalBasis() {
        String uscc = enterpriseIn(TOWN_A);
        JsonPath c = openCase(uscc);
        assertThat(c.getString("status")).isEqualTo("open");
        assertThat(c.getString("violations[0].legalBasis")).isEqualTo("Water Pollution Prevention and Control Law art. 83(2)");
        assertThat(c.getString("violations[0].pollutantCode")).isEqualTo("w01018");
        assertThat(c.getString("violations[0].outletCode")).isEqualTo("DW001");
        assertThat(c.getList("violations[0].evidence")).containsExactly("F-1");
        as(TOWN_B_OFFICER).get("/api/v1/cases/" + c.getString("id")).then().statusCode(404)
                .body("type", is("/problems/case-not-found"));
        as(LI).get("/api/v1/cases/" + c.getString("id")).then().statusCode(403);
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
        as(reporter).get("/api/v1/decisions/" + warning).then().statusCode(404);
        approveAndIssue(warning, "2026-01-05", null);
        as(reporter).get("/api/v1/decisions/" + warning).then().statusCode(200).body("status", is("issued"));
        as(TestTokens.reporter(enterpriseIn(TOWN_A))).get("/api/v1/decisions/" + warning).then().statusCode(404);
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
        JsonPath followUps = as(EEB_OFFICER).queryParam("enterpriseUscc", uscc).queryParam("kind", "follow-up")
                .get("/api/v1/inspections").then().statusCode(200).extract().jsonPath();
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
        as(EEB_OFFICER).get("/api/v1/decisions/" + order).then().body("status", is("issued"));

        // a second follow-up, assigned by hand, finds it corrected: no further penalty, the order executed
        Map<String, Object> second = routine(uscc, INSPECTOR_LI);
        second.put("kind", "follow-up");
        second.put("decisionId", order);
        String again = as(EEB_OFFICER).body(second).post("/api/v1/inspections").then().statusCode(201).extract().path("id");
        complete(again, "2026-02-09T10:00:00+08:00", "corrected");
        as(EEB_OFFICER).get("/api/v1/decisions/" + order).then().body("status", is("executed"));
        assertThat(as(EEB_OFFICER).get("/api/v1/cases/" + caseId).then().extract().jsonPath()
                .getList("decisions.findAll { it.kind == 'daily-continuing-penalty' }")).hasSize(1);
    }

    @Test
    void aLeapDayIsCountedAndAFurtherFollowUpCountsOnFromTheLastCountedDay() {
        SettableClock.INSTANCE.set(Instant.parse("2028-02-20T02:00:00Z"));
        String uscc = enterpriseIn(TOWN_A);
        String caseId = openCase(uscc).getString("id");
        String fine = propose(caseId, Map.of("kind", "fine", "description", "Fine", "amount", "50000.50"));
        approveAndIssue(fine, "2028-02-20", null);
        String order = propose(caseId, Map.of("kind", "rectification-order", "description", "Correct",
                "rectificationDeadline", "2028-02-28", "fineDecisionId", fine));
        SettableClock.INSTANCE.set(Instant.parse("2028-02-27T02:00:00Z"));
        approveAndIssue(order, "2028-02-27", List.of(INSPECTOR_LI));
        String followUp = as(EEB_OFFICER).queryParam("enterpriseUscc", uscc).queryParam("kind", "follow-up")
                .get("/api/v1/inspections").then().extract().path("items[0].id");

        // 28 and 29 February and 1 March 2028
        complete(followUp, "2028-03-01T09:30:00+08:00", "continuing");
        JsonPath first = penaltyOf(caseId, followUp);
        assertThat(first.getInt("penalty.days")).isEqualTo(3);
        assertThat(first.getString("penalty.total")).isEqualTo("150001.50");

        Map<String, Object> next = routine(uscc, INSPECTOR_LI);
        next.put("kind", "follow-up");
        next.put("decisionId", order);
        String again = as(EEB_OFFICER).body(next).post("/api/v1/inspections").then().statusCode(201).extract().path("id");
        complete(again, "2028-03-04T09:30:00+08:00", "continuing");
        JsonPath second = penaltyOf(caseId, again);
        assertThat(second.getString("penalty.from")).isEqualTo("2028-03-02");
        assertThat(second.getString("penalty.to")).isEqualTo("2028-03-04");
        assertThat(second.getInt("penalty.days")).isEqualTo(3);
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
                "outletCode", "DW001", "evidence", List.of("F-1"))));
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

    private static JsonPath penaltyOf(String caseId, String followUp) {
        JsonPath c = as(EEB_OFFICER).get("/api/v1/cases/" + caseId).then().statusCode(200).extract().jsonPath();
        String id = c.getString("decisions.find { it.followUpInspectionId == '" + followUp + "' }.id");
        assertThat(id).as("a penalty proposed for follow-up " + followUp).isNotNull();
        return as(EEB_OFFICER).get("/api/v1/decisions/" + id).then().statusCode(200).extract().jsonPath();
    }
}
