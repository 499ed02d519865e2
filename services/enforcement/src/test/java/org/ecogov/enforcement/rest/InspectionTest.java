package org.ecogov.enforcement.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecogov.enforcement.Fixtures.*;
import static org.hamcrest.Matchers.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.ecogov.enforcement.Database;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.junit.jupiter.api.Test;

/** Inspections: the kinds and their references, the record on site and its rules, ETag and If-Match, the audit. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
class InspectionTest {

    @Test
    void eachKindCarriesItsOwnReference() {
        String uscc = enterpriseIn(TOWN_A);
        Map<String, String> references = Map.of("complaint-driven", "complaintId", "exceedance-driven", "exceedanceId",
                "follow-up", "decisionId");
        for (Map.Entry<String, String> kind : references.entrySet()) {
            Map<String, Object> body = routine(uscc, INSPECTOR_LI);
            body.put("kind", kind.getKey());
            body.put(kind.getValue(), "REF-42");
            as(EEB_OFFICER).body(body).post("/api/v1/inspections").then().statusCode(201)
                    .body("kind", is(kind.getKey())).body(kind.getValue(), is("REF-42"));

            body.remove(kind.getValue());
            as(EEB_OFFICER).body(body).post("/api/v1/inspections").then().statusCode(422)
                    .body("type", is("/problems/inspection-reference-mismatch"))
                    .body("errors.field", contains(kind.getValue()));
        }
        for (String kind : List.of("routine", "random")) {
            Map<String, Object> body = routine(uscc, INSPECTOR_LI);
            body.put("kind", kind);
            as(EEB_OFFICER).body(body).post("/api/v1/inspections").then().statusCode(201).body("kind", is(kind));
            body.put("complaintId", "C-1");
            body.put("decisionId", "D-1");
            as(EEB_OFFICER).body(body).post("/api/v1/inspections").then().statusCode(422)
                    .body("errors.field", containsInAnyOrder("complaintId", "decisionId"));
        }
    }

    @Test
    void anAssignedInspectionShowsTheEnterpriseAndAnETag() {
        String uscc = enterpriseIn(TOWN_A);
        Map<String, Object> body = routine(uscc, INSPECTOR_WANG, INSPECTOR_LI);
        body.put("scheduledFor", "2026-12-03");
        String id = as(EEB_OFFICER).body(body).post("/api/v1/inspections").then().statusCode(201)
                .header("ETag", "\"1\"").header("Location", containsString("/api/v1/inspections/"))
                .body("enterpriseName", is("Enterprise " + uscc)).body("divisionCode", is(TOWN_A))
                .body("status", is("assigned")).body("inspectors", contains(INSPECTOR_LI, INSPECTOR_WANG))
                .body("scheduledFor", is("2026-12-03")).body("audit.version", is(1))
                .extract().path("id");
        as(LI).get("/api/v1/inspections/" + id).then().statusCode(200).header("ETag", "\"1\"");
        assertThat(Database.queryLong("select count(*) from audit_entry where entity_id = '" + id + "'")).isEqualTo(1);
        assertThat(Database.queryLong("select count(*) from event_outbox where subject = 'inspections/" + id + "'"))
                .isEqualTo(1);
    }

    @Test
    void aRetriedCreateAnswersTheFirstAnswerAndAnotherBodyWithTheSameKeyIs409() {
        String uscc = enterpriseIn(TOWN_A);
        String key = java.util.UUID.randomUUID().toString();
        long before = Database.count("inspection");
        var first = io.restassured.RestAssured.given().auth().oauth2(EEB_OFFICER).contentType("application/json")
                .header("Idempotency-Key", key).body(routine(uscc, INSPECTOR_LI)).post("/api/v1/inspections");
        first.then().statusCode(201);
        var retry = io.restassured.RestAssured.given().auth().oauth2(EEB_OFFICER).contentType("application/json")
                .header("Idempotency-Key", key).body(routine(uscc, INSPECTOR_LI)).post("/api/v1/inspections");
        retry.then().statusCode(201).header("Idempotent-Replayed", "true").header("ETag", "\"1\"")
                .header("Location", is(first.header("Location")))
                .body("id", is((String) first.path("id")));
        assertThat(Database.count("inspection")).isEqualTo(before + 1);

        io.restassured.RestAssured.given().auth().oauth2(EEB_OFFICER).contentType("application/json")
                .header("Idempotency-Key", key).body(routine(uscc, INSPECTOR_WANG)).post("/api/v1/inspections").then()
                .statusCode(409).body("type", is("/problems/idempotency-key-reused"))
                .body("errors[0].field", is("Idempotency-Key"));
        io.restassured.RestAssured.given().auth().oauth2(EEB_OFFICER).contentType("application/json")
                .body(routine(uscc, INSPECTOR_WANG)).post("/api/v1/inspections").then()
                .statusCode(400).body("errors[0].field", is("Idempotency-Key"));
        io.restassured.RestAssured.given().auth().oauth2(EEB_OFFICER).contentType("application/json")
                .header("Idempotency-Key", "two words").body(routine(uscc, INSPECTOR_WANG)).post("/api/v1/inspections")
                .then().statusCode(400).body("errors[0].field", is("Idempotency-Key"));
        assertThat(Database.count("inspection")).isEqualTo(before + 1);
    }

    @Test
    void anEnterpriseTheServiceDoesNotHoldIs422() {
        as(EEB_OFFICER).body(routine(newUscc(), INSPECTOR_LI)).post("/api/v1/inspections").then().statusCode(422)
                .body("type", is("/problems/enterprise-unknown"));
    }

    @Test
    void theRecordTakesIfMatchAndChecksTheLocation() {
        String uscc = enterpriseIn(TOWN_A);
        String id = routineInspection(uscc, INSPECTOR_LI);
        String url = "/api/v1/inspections/" + id;

        as(LI).body(onSite(LATITUDE, LONGITUDE)).put(url).then().statusCode(428)
                .body("type", is("/problems/precondition-required"));
        as(LI).header("If-Match", "\"7\"").body(onSite(LATITUDE, LONGITUDE)).put(url).then().statusCode(412);

        // 0.0009 degrees of latitude north of the registered location: about 100 m
        as(LI).header("If-Match", "\"1\"").body(onSite(LATITUDE + 0.0009, LONGITUDE)).put(url).then().statusCode(200)
                .header("ETag", "\"2\"").body("status", is("on-site"))
                .body("arrivedAt", is("2026-11-30T01:00:00Z"))
                .body("locationCheck.distanceMetres", is(100)).body("locationCheck.thresholdMetres", is(500))
                .body("locationCheck.warning", is(false))
                .body("checklist[0].answer", is("yes")).body("findings[0].violation", is(true))
                .body("findings[0].pollutantCode", is("w01018")).body("audit.updatedBy", notNullValue());

        // the same stale ETag again: 412, nothing changed
        as(LI).header("If-Match", "\"1\"").body(onSite(LATITUDE, LONGITUDE)).put(url).then().statusCode(412);

        // 0.01 degrees off: 1112 m, flagged
        as(LI).header("If-Match", "\"2\"").body(onSite(LATITUDE + 0.01, LONGITUDE)).put(url).then().statusCode(200)
                .body("locationCheck.distanceMetres", is(1112)).body("locationCheck.warning", is(true));
        assertThat(Database.queryLong("select count(*) from audit_entry where entity_id = '" + id + "'")).isEqualTo(3);
    }

    @Test
    void completingNeedsTheTimesAndThePositionAndThenNothingChanges() {
        String id = routineInspection(enterpriseIn(TOWN_A), INSPECTOR_LI);
        String url = "/api/v1/inspections/" + id;
        Map<String, Object> complete = new HashMap<>(Map.of("status", "completed"));
        as(LI).header("If-Match", "\"1\"").body(complete).put(url).then().statusCode(400)
                .body("errors.field", containsInAnyOrder("arrivedAt", "leftAt", "location"));

        complete.put("arrivedAt", "2026-11-30T09:00:00+08:00");
        complete.put("leftAt", "2026-11-30T08:00:00+08:00");
        complete.put("location", Map.of("latitude", LATITUDE, "longitude", LONGITUDE));
        as(LI).header("If-Match", "\"1\"").body(complete).put(url).then().statusCode(400)
                .body("errors.field", contains("leftAt"));

        complete.put("leftAt", "2026-11-30T11:30:00+08:00");
        as(LI).header("If-Match", "\"1\"").body(complete).put(url).then().statusCode(200).body("status", is("completed"))
                .body("findings", empty());

        as(LI).header("If-Match", "\"2\"").body(onSite(LATITUDE, LONGITUDE)).put(url).then().statusCode(409)
                .body("type", is("/problems/inspection-closed"));
    }

    @Test
    void theStatusNeverGoesBack() {
        String id = routineInspection(enterpriseIn(TOWN_A), INSPECTOR_LI);
        String url = "/api/v1/inspections/" + id;
        as(LI).header("If-Match", "\"1\"").body(onSite(LATITUDE, LONGITUDE)).put(url).then().statusCode(200);
        as(LI).header("If-Match", "\"2\"").body(Map.of("status", "assigned")).put(url).then().statusCode(409)
                .body("type", is("/problems/invalid-inspection-transition")).body("errors[0].field", is("status"));
    }

    @Test
    void aChecklistCodeAppearsOnce() {
        String id = routineInspection(enterpriseIn(TOWN_A), INSPECTOR_LI);
        Map<String, Object> record = onSite(LATITUDE, LONGITUDE);
        Map<String, Object> item = Map.of("code", "W-1", "question", "Again?", "answer", "no");
        record.put("checklist", List.of(item, item));
        as(LI).header("If-Match", "\"1\"").body(record).put("/api/v1/inspections/" + id).then().statusCode(400)
                .body("errors.field", contains("checklist[1].code"));
    }

    @Test
    void theListFiltersAndPages() {
        String uscc = enterpriseIn(TOWN_A);
        for (int i = 0; i < 3; i++) {
            routineInspection(uscc, INSPECTOR_LI);
        }
        String first = as(EEB_OFFICER).queryParam("enterpriseUscc", uscc).queryParam("limit", 2).get("/api/v1/inspections")
                .then().statusCode(200).body("items", hasSize(2)).body("next", notNullValue()).extract().path("next");
        as(EEB_OFFICER).queryParam("enterpriseUscc", uscc).queryParam("limit", 2).queryParam("cursor", first)
                .get("/api/v1/inspections").then().statusCode(200).body("items", hasSize(1)).body("next", nullValue());
        as(EEB_OFFICER).queryParam("enterpriseUscc", uscc).queryParam("status", "completed").get("/api/v1/inspections")
                .then().statusCode(200).body("items", empty());
    }
}
