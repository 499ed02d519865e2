package org.ecogov.enforcement.rest;

import static io.restassured.RestAssured.given;
import static org.ecogov.enforcement.Fixtures.*;
import static org.hamcrest.Matchers.*;

import java.util.Map;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.ecogov.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * Roles and data scope (DESIGN §4): 401 without a valid token, 403 for a wrong role, 404 outside scope; an inspector
 * sees only the inspections they are assigned to, an officer what lies in their jurisdiction.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
class AccessTest {

    @Test
    void anonymousForgedAndExpiredCallersGet401ProblemJson() {
        given().get("/api/v1/inspections").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer")).body("type", is("/problems/unauthenticated"));
        given().auth().oauth2(TestTokens.signedByStranger()).get("/api/v1/inspections").then().statusCode(401);
        given().auth().oauth2(TestTokens.expired()).get("/api/v1/inspections").then().statusCode(401);
        given().auth().oauth2("not-a-token").get("/api/v1/inspections").then().statusCode(401);
    }

    @Test
    void theWrongRoleGets403() {
        String uscc = enterpriseIn(TOWN_A);
        String inspection = routineInspection(uscc, INSPECTOR_LI);
        as(CITIZEN).get("/api/v1/inspections/" + inspection).then().statusCode(403)
                .contentType("application/problem+json").body("type", is("/problems/forbidden"));
        as(TestTokens.reporter(uscc)).get("/api/v1/inspections/" + inspection).then().statusCode(403);
        as(LI).body(routine(uscc, INSPECTOR_LI)).post("/api/v1/inspections").then().statusCode(403);
        as(EEB_OFFICER).get("/api/v1/inspections/changes").then().statusCode(403);
        as(EEB_LEAD).get("/api/v1/enforcement/audit-entries").then().statusCode(403);
        as(EEB_LEAD).get("/api/v1/enforcement/audit-entries/verification").then().statusCode(403);
        as(EEB_LEAD).get("/api/v1/enforcement/audit-checkpoints/gateway").then().statusCode(403);
    }

    @Test
    void anInspectorSeesOnlyTheirAssignmentsAndOthersAre404() {
        String uscc = enterpriseIn(TOWN_A);
        String lis = routineInspection(uscc, INSPECTOR_LI, INSPECTOR_WANG);
        String zhaos = routineInspection(uscc, INSPECTOR_ZHAO);

        as(LI).get("/api/v1/inspections/" + lis).then().statusCode(200).body("inspectors", hasItems(INSPECTOR_LI, INSPECTOR_WANG));
        as(WANG).get("/api/v1/inspections/" + lis).then().statusCode(200);
        as(LI).get("/api/v1/inspections/" + zhaos).then().statusCode(404).body("type", is("/problems/inspection-not-found"));
        as(LI).header("If-Match", "\"1\"").body(onSite(LATITUDE, LONGITUDE)).put("/api/v1/inspections/" + zhaos).then()
                .statusCode(404);
        as(LI).queryParam("limit", 100).get("/api/v1/inspections").then().statusCode(200)
                .body("items.id", hasItem(lis)).body("items.id", not(hasItem(zhaos)))
                .body("items.inspectors.flatten()", everyItem(anyOf(is(INSPECTOR_LI), is(INSPECTOR_WANG))));
    }

    @Test
    void anOfficerSeesTheirJurisdictionOnlyAndCannotAssignOutsideIt() {
        String inTownA = enterpriseIn(TOWN_A);
        String inTownB = enterpriseIn(TOWN_B);
        String a = routineInspection(inTownA, INSPECTOR_LI);
        String b = routineInspection(inTownB, INSPECTOR_LI);

        as(TOWN_B_OFFICER).get("/api/v1/inspections/" + b).then().statusCode(200);
        as(TOWN_B_OFFICER).get("/api/v1/inspections/" + a).then().statusCode(404);
        as(TOWN_B_OFFICER).header("If-Match", "\"1\"").body(onSite(LATITUDE, LONGITUDE)).put("/api/v1/inspections/" + a)
                .then().statusCode(404);
        as(TOWN_B_OFFICER).queryParam("limit", 100).get("/api/v1/inspections").then().statusCode(200)
                .body("items.id", hasItem(b)).body("items.id", not(hasItem(a)))
                .body("items.divisionCode", everyItem(startsWith(TOWN_B)));
        as(TOWN_B_OFFICER).body(routine(inTownA, INSPECTOR_LI)).post("/api/v1/inspections").then().statusCode(422)
                .body("type", is("/problems/enterprise-unknown")).body("errors[0].field", is("enterpriseUscc"));
        as(EEB_LEAD).get("/api/v1/inspections/" + a).then().statusCode(200);
        as(EEB_LEAD).body(routine(inTownB, INSPECTOR_WANG)).post("/api/v1/inspections").then().statusCode(201);
        as(ADMIN).get("/api/v1/enforcement/audit-entries").then().statusCode(200);
    }

    @Test
    void anOfficialOfAnotherDistrictSeesNothingOfThisOne() {
        String uscc = enterpriseIn(TOWN_A);
        String inspection = routineInspection(uscc, INSPECTOR_LI);
        String elsewhere = TestTokens.officer("EEB-341721", "341721");
        as(elsewhere).get("/api/v1/inspections/" + inspection).then().statusCode(404);
        as(elsewhere).queryParam("enterpriseUscc", uscc).get("/api/v1/inspections").then().statusCode(200)
                .body("items", empty());
        as(elsewhere).body(Map.of("kind", "routine", "enterpriseUscc", uscc, "inspectors", java.util.List.of(INSPECTOR_LI)))
                .post("/api/v1/inspections").then().statusCode(422);
    }
}
