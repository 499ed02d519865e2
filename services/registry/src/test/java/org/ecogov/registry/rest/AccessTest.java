package org.ecogov.registry.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.ecogov.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.ecogov.registry.Fixtures.*;
import static org.hamcrest.Matchers.*;

/** Roles and data scope (DESIGN §4): 401 without a valid token, 403 for a wrong role, 404 outside scope. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
class AccessTest {

    @BeforeEach
    void world() {
        ensureWorld();
    }

    @Test
    void anonymousCallersGet401ProblemJson() {
        given().get("/api/v1/enterprises").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", is("/problems/unauthenticated"));
    }

    @Test
    void forgedExpiredAndGarbageTokensGet401() {
        given().auth().oauth2(TestTokens.signedByStranger()).get("/api/v1/enterprises").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2(TestTokens.expired()).get("/api/v1/enterprises").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2("not-a-token").get("/api/v1/enterprises").then().statusCode(401)
                .contentType("application/problem+json");
        // a genuine token of the realm, but not issued for the platform's APIs
        given().auth().oauth2(TestTokens.builder().username("admin").roles("platform-admin").audience(null).sign())
                .get("/api/v1/enterprises").then().statusCode(401);
        given().auth().oauth2(TestTokens.builder().username("admin").roles("platform-admin").audience("account").sign())
                .get("/api/v1/enterprises").then().statusCode(401);
    }

    @Test
    void theWrongRoleGets403() {
        String uscc = enterpriseIn(TOWN_A);
        as(CITIZEN).get("/api/v1/enterprises/" + uscc).then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", is("/problems/forbidden"));
        as(INSPECTOR).header("If-Match", "\"1\"").body(Map.of("details", details("Inspector Was Here", TOWN_A)))
                .put("/api/v1/enterprises/" + uscc).then().statusCode(403);
        as(EEB_OFFICER).body(Map.of("code", "X-1", "details", Map.of("name", "X", "kind", "other", "jurisdiction", DISTRICT)))
                .post("/api/v1/agencies").then().statusCode(403);
        as(EEB_LEAD).get("/api/v1/registry/audit-entries/verification").then().statusCode(403);
        as(EEB_LEAD).get("/api/v1/registry/audit-checkpoints/gateway").then().statusCode(403);
        as(EEB_LEAD).get("/api/v1/registry/audit-checkpoints/gateway/head").then().statusCode(403);
    }

    /**
     * Another service's own token (its Keycloak client's service account, role registry-reader, no jurisdiction)
     * reads enterprises, outlets and permits in every jurisdiction and changes nothing.
     */
    @Test
    void aServiceReadingForItselfReadsEverywhereAndChangesNothing() {
        String emissions = TestTokens.builder().username("service-account-emissions-service").clientId("emissions-service")
                .roles("registry-reader").sign();
        String inTownA = enterpriseIn(TOWN_A);
        String inTownB = enterpriseIn(TOWN_B);
        as(ADMIN).body(airOutlet("DA001")).post("/api/v1/enterprises/" + inTownA + "/outlets").then().statusCode(201);

        as(emissions).get("/api/v1/enterprises/" + inTownA).then().statusCode(200).body("uscc", is(inTownA));
        as(emissions).queryParam("limit", 100).get("/api/v1/enterprises").then().statusCode(200)
                .body("items.uscc", hasItems(inTownA, inTownB));
        as(emissions).get("/api/v1/enterprises/" + inTownA + "/outlets").then().statusCode(200)
                .body("items.code", hasItem("DA001"));
        as(emissions).get("/api/v1/enterprises/" + inTownA + "/outlets/DA001").then().statusCode(200);
        as(emissions).get("/api/v1/enterprises/" + inTownB + "/permits").then().statusCode(200);

        as(emissions).body(Map.of("uscc", newUscc(), "details", details("Service-registered", TOWN_A)))
                .post("/api/v1/enterprises").then().statusCode(403).body("type", is("/problems/forbidden"));
        as(emissions).header("If-Match", "\"1\"").body(Map.of("details", details("Renamed by a service", TOWN_A)))
                .put("/api/v1/enterprises/" + inTownA).then().statusCode(403);
        as(emissions).body(airOutlet("DA002")).post("/api/v1/enterprises/" + inTownA + "/outlets").then().statusCode(403);
        as(emissions).get("/api/v1/enterprises/" + inTownA + "/versions").then().statusCode(403);
        as(emissions).get("/api/v1/registry/audit-entries").then().statusCode(403);
        as(ADMIN).get("/api/v1/enterprises/" + inTownA).then().body("details.name", is("Enterprise " + inTownA));
    }

    @Test
    void townOfficerSeesTheirTownOnlyAndOutsideIs404() {
        String inTownA = enterpriseIn(TOWN_A);
        String inTownB = enterpriseIn(TOWN_B);

        as(TOWN_B_OFFICER).get("/api/v1/enterprises/" + inTownB).then().statusCode(200);
        as(TOWN_B_OFFICER).get("/api/v1/enterprises/" + inTownA).then().statusCode(404)
                .body("type", is("/problems/enterprise-not-found"));
        as(TOWN_B_OFFICER).get("/api/v1/enterprises/" + inTownA + "/outlets").then().statusCode(404);
        as(TOWN_B_OFFICER).get("/api/v1/enterprises/" + inTownA + "/versions").then().statusCode(404);
        as(TOWN_B_OFFICER).header("If-Match", "\"1\"").body(Map.of("details", details("Hijacked", TOWN_A)))
                .put("/api/v1/enterprises/" + inTownA).then().statusCode(404);

        as(TOWN_B_OFFICER).queryParam("limit", 100).get("/api/v1/enterprises").then().statusCode(200)
                .body("items.uscc", hasItem(inTownB))
                .body("items.uscc", not(hasItem(inTownA)))
                .body("items.details.divisionCode", everyItem(startsWith(TOWN_B)));

        // the district officer sees both towns
        as(EEB_OFFICER).get("/api/v1/enterprises/" + inTownA).then().statusCode(200);
        as(EEB_OFFICER).get("/api/v1/enterprises/" + inTownB).then().statusCode(200);
    }

    @Test
    void officerCannotRegisterOrMoveAnEnterpriseOutsideTheirJurisdiction() {
        registerEnterprise(TOWN_B_OFFICER, newUscc(), "Elsewhere Ltd.", TOWN_A).then().statusCode(403)
                .body("type", is("/problems/outside-jurisdiction"))
                .body("errors[0].field", is("details.divisionCode"));

        String inTownB = enterpriseIn(TOWN_B);
        as(TOWN_B_OFFICER).header("If-Match", "\"1\"").body(Map.of("details", details("Moved", TOWN_A)))
                .put("/api/v1/enterprises/" + inTownB).then().statusCode(403)
                .body("type", is("/problems/outside-jurisdiction"));
        as(EEB_OFFICER).get("/api/v1/enterprises/" + inTownB).then().body("details.divisionCode", is(TOWN_B));
    }

    @Test
    void enterpriseReporterSeesOnlyTheirOwnEnterprise() {
        String own = enterpriseIn(TOWN_A);
        String other = enterpriseIn(TOWN_A);
        String reporter = TestTokens.reporter(own);

        as(reporter).get("/api/v1/enterprises/" + own).then().statusCode(200);
        as(reporter).get("/api/v1/enterprises/" + own + "/permits").then().statusCode(200);
        as(reporter).get("/api/v1/enterprises/" + other).then().statusCode(404);
        as(reporter).get("/api/v1/enterprises").then().statusCode(200).body("items.uscc", contains(own));
        as(reporter).header("If-Match", "\"1\"").body(Map.of("details", details("Self-renamed", TOWN_A)))
                .put("/api/v1/enterprises/" + own).then().statusCode(403);
    }

    @Test
    void anyoneSignedInMayReadWhoLeadsButOnlyAdminsChangeIt() {
        as(CITIZEN).get("/api/v1/agencies/" + EEB).then().statusCode(200);
        as(CITIZEN).get("/api/v1/pollutants").then().statusCode(200).body("items", hasSize(10));
        as(EEB_OFFICER).body(Map.of("agencyCode", EEB)).put("/api/v1/responsibilities/water/" + DISTRICT)
                .then().statusCode(403);
    }
}
