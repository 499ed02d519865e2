package org.ecogov.registry.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.ecogov.registry.Fixtures.*;
import static org.hamcrest.Matchers.*;

/** Agencies, the jurisdiction tree and the responsibility matrix with its walk up the tree. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
class JurisdictionTest {

    @BeforeEach
    void world() {
        ensureWorld();
        as(ADMIN).body(Map.of("agencyCode", EEB, "reason", "District default"))
                .put("/api/v1/responsibilities/noise/" + DISTRICT).then().statusCode(200);
    }

    @Test
    void divisionsKnowTheirLevelAndParent() {
        as(CITIZEN).get("/api/v1/divisions/" + TOWN_B).then().statusCode(200)
                .body("level", is("township"))
                .body("parentCode", is(DISTRICT));
        as(CITIZEN).get("/api/v1/divisions/" + DISTRICT).then().body("level", is("county"));
        as(CITIZEN).queryParam("under", DISTRICT).get("/api/v1/divisions").then().statusCode(200)
                .body("items.code", hasItems(DISTRICT, TOWN_A, TOWN_B))
                .body("items.code", everyItem(startsWith(DISTRICT)));
    }

    @Test
    void aChildMustLieInsideItsParent() {
        as(ADMIN).body(Map.of("code", "341802100", "name", "Wrong Town", "parentCode", DISTRICT))
                .post("/api/v1/divisions").then().statusCode(400)
                .body("errors.field", contains("parentCode"));
        as(ADMIN).body(Map.of("code", "341702199", "name", "Orphan", "parentCode", "341702198"))
                .post("/api/v1/divisions").then().statusCode(400)
                .body("errors.field", contains("parentCode"));
    }

    @Test
    void leadAgencyIsFoundByWalkingUpFromAnyPlace() {
        // a village that is not even in the tree still has an answer: the district entry
        as(CITIZEN).queryParam("matterType", "noise").queryParam("divisionCode", "341702101003")
                .get("/api/v1/lead-agencies").then().statusCode(200)
                .body("agency.code", is(EEB))
                .body("decidedAt", is(DISTRICT))
                .body("divisionCode", is("341702101003"));

        // a closer entry overrides it for that town only
        as(ADMIN).body(Map.of("agencyCode", TOWN_B_GOV)).put("/api/v1/responsibilities/noise/" + TOWN_B)
                .then().statusCode(200).body("agencyCode", is(TOWN_B_GOV));
        as(CITIZEN).queryParam("matterType", "noise").queryParam("divisionCode", TOWN_B + "007")
                .get("/api/v1/lead-agencies").then().statusCode(200)
                .body("agency.code", is(TOWN_B_GOV))
                .body("decidedAt", is(TOWN_B));
        as(CITIZEN).queryParam("matterType", "noise").queryParam("divisionCode", TOWN_A)
                .get("/api/v1/lead-agencies").then().body("agency.code", is(EEB));

        // restore the district default for the other tests
        as(ADMIN).body(Map.of("agencyCode", EEB)).put("/api/v1/responsibilities/noise/" + TOWN_B).then().statusCode(200);
    }

    @Test
    void placeWithNoEntryAboveItIs404() {
        as(CITIZEN).queryParam("matterType", "noise").queryParam("divisionCode", "110101")
                .get("/api/v1/lead-agencies").then().statusCode(404)
                .body("type", is("/problems/lead-agency-not-found"));
    }

    @Test
    void anAgencyLeadsOnlyInsideItsJurisdiction() {
        as(ADMIN).body(Map.of("agencyCode", TOWN_B_GOV)).put("/api/v1/responsibilities/odour/" + DISTRICT)
                .then().statusCode(400)
                .body("errors.field", contains("agencyCode"));
        as(ADMIN).body(Map.of("agencyCode", "NOPE-1")).put("/api/v1/responsibilities/odour/" + DISTRICT)
                .then().statusCode(400)
                .body("errors.field", contains("agencyCode"));
    }

    @Test
    void agencyChangesNeedTheCurrentVersionAndAKnownJurisdiction() {
        String code = "MS-" + (System.nanoTime() % 100000);
        as(ADMIN).body(Map.of("code", code, "details", Map.of("name", "Market Supervision", "kind", "market-supervision",
                        "jurisdiction", "349999")))
                .post("/api/v1/agencies").then().statusCode(400)
                .body("errors.field", contains("details.jurisdiction"));
        as(ADMIN).body(Map.of("code", code, "details", Map.of("name", "Market Supervision", "kind", "market-supervision",
                        "jurisdiction", DISTRICT)))
                .post("/api/v1/agencies").then().statusCode(201).header("ETag", "\"1\"");
        Map<String, Object> renamed = Map.of("details", Map.of("name", "Guichi Market Supervision Bureau",
                "kind", "market-supervision", "jurisdiction", DISTRICT));
        as(ADMIN).header("If-Match", "\"2\"").body(renamed).put("/api/v1/agencies/" + code).then().statusCode(412);
        as(ADMIN).header("If-Match", "\"1\"").body(renamed).put("/api/v1/agencies/" + code).then().statusCode(200)
                .body("details.name", is("Guichi Market Supervision Bureau"))
                .body("audit.version", is(2));
        as(CITIZEN).queryParam("jurisdiction", "3417").queryParam("limit", 100).get("/api/v1/agencies").then()
                .body("items.code", hasItems(EEB, code));
    }
}
