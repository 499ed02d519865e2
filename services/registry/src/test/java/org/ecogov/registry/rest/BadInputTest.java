package org.ecogov.registry.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.ecogov.registry.Database;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecogov.registry.Fixtures.*;
import static org.hamcrest.Matchers.*;

/**
 * Bad input of every kind from DESIGN §8 answers problem+json 4xx naming the field, and leaves
 * nothing written: after each case the registry's tables hold exactly what they held before.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
class BadInputTest {

    private Map<String, Long> before;

    @BeforeEach
    void snapshot() {
        ensureWorld();
        before = Database.rowCounts();
    }

    @AfterEach
    void nothingWasWritten() {
        assertThat(Database.rowCounts()).isEqualTo(before);
    }

    private static Map<String, Object> enterprise(Map<String, Object> detailChanges) {
        Map<String, Object> d = new HashMap<>(details("Bad Input Ltd.", TOWN_A));
        d.putAll(detailChanges);
        return Map.of("uscc", newUscc(), "details", d);
    }

    @Test
    void malformedJson() {
        as(EEB_OFFICER).body("{\"uscc\": \"91341702669392367N\",, }").post("/api/v1/enterprises").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", is("/problems/malformed-body"))
                .body("status", is(400))
                .body("detail", not(containsString("com.fasterxml")));
        // cut off in the middle of a value
        as(EEB_OFFICER).body("{\"uscc\": \"91341702").post("/api/v1/enterprises").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void emptyBody() {
        as(EEB_OFFICER).post("/api/v1/enterprises").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void wrongType() {
        as(EEB_OFFICER).body(enterprise(Map.of("location", Map.of("latitude", "north", "longitude", 117.4))))
                .post("/api/v1/enterprises").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("details.location.latitude"));
    }

    @Test
    void outOfRangeCoordinates() {
        as(EEB_OFFICER).body(enterprise(Map.of("location", Map.of("latitude", 91, "longitude", -181))))
                .post("/api/v1/enterprises").then().statusCode(400)
                .body("type", is("/problems/validation-failed"))
                .body("errors.field", hasItems("details.location.latitude", "details.location.longitude"));
    }

    @Test
    void unknownEnumValue() {
        String uscc = enterpriseIn(TOWN_A);
        before = Database.rowCounts();
        as(EEB_OFFICER).header("If-Match", "\"1\"").body(Map.of("status", "bankrupt", "reason", "Court order"))
                .post("/api/v1/enterprises/" + uscc + "/status-changes").then().statusCode(400)
                .body("errors.field", hasItem("status"));
    }

    @Test
    void unknownEnumValueInAQuery() {
        as(EEB_OFFICER).queryParam("status", "bankrupt").get("/api/v1/enterprises").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("status"));
    }

    @Test
    void aBooleanIsTrueOrFalseAndNothingElse() {
        // JAX-RS alone would read "perhaps" as false and answer a question the client did not ask
        as(EEB_OFFICER).queryParam("keyMonitored", "perhaps").get("/api/v1/enterprises").then().statusCode(400)
                .body("errors.field", contains("keyMonitored"));
    }

    @Test
    void unknownEnumValueInAPath() {
        as(ADMIN).body(Map.of("agencyCode", EEB)).put("/api/v1/responsibilities/weather/" + DISTRICT).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("matterType"))
                .body("errors[0].message", containsString("odour"));
    }

    @Test
    void unknownProperty() {
        as(EEB_OFFICER).body(enterprise(Map.of("ownerPhone", "13800000000")))
                .post("/api/v1/enterprises").then().statusCode(400)
                .body("errors.field", hasItem("details.ownerPhone"));
    }

    @Test
    void missingRequiredFields() {
        as(EEB_OFFICER).body(Map.of("uscc", newUscc(), "details", Map.of("name", "Half Ltd.")))
                .post("/api/v1/enterprises").then().statusCode(400)
                .body("errors.field", hasItem(startsWith("details.")));
    }

    @Test
    void badIdentifiers() {
        as(EEB_OFFICER).body(Map.of("uscc", "91341702IO0000000X", "details", details("Bad Id", TOWN_A)))
                .post("/api/v1/enterprises").then().statusCode(400)
                .body("errors.field", hasItem("uscc"));
        as(EEB_OFFICER).body(enterprise(Map.of("divisionCode", "34170")))
                .post("/api/v1/enterprises").then().statusCode(400)
                .body("errors.field", hasItem("details.divisionCode"));
        as(EEB_OFFICER).body(enterprise(Map.of("industryCode", "c3211")))
                .post("/api/v1/enterprises").then().statusCode(400)
                .body("errors.field", hasItem("details.industryCode"));
        as(EEB_OFFICER).get("/api/v1/enterprises/not-a-uscc").then().statusCode(400)
                .body("errors.field", hasItem("uscc"));
    }

    @Test
    void blankAndControlCharacterText() {
        as(EEB_OFFICER).body(enterprise(Map.of("name", "   "))).post("/api/v1/enterprises").then().statusCode(400)
                .body("errors.field", hasItem("details.name"));
        as(EEB_OFFICER).body(enterprise(Map.of("name", "Evil\u0000Name"))).post("/api/v1/enterprises").then().statusCode(400)
                .body("errors.field", hasItem("details.name"));
    }

    @Test
    void oversizedBody() {
        as(EEB_OFFICER).body(enterprise(Map.of("address", "x".repeat(400_000))))
                .post("/api/v1/enterprises").then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", is("/problems/body-too-large"));
    }

    @Test
    void wrongMediaType() {
        as(EEB_OFFICER).contentType(ContentType.XML).body("<enterprise/>").post("/api/v1/enterprises").then().statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void forgedCursorAndLimitOutOfRange() {
        as(EEB_OFFICER).queryParam("cursor", "bm90LWEtdXNjYw").get("/api/v1/enterprises").then().statusCode(400)
                .body("errors.field", hasItem("cursor"));
        as(EEB_OFFICER).queryParam("limit", 1000).get("/api/v1/enterprises").then().statusCode(400)
                .body("errors.field", hasItem("limit"));
        as(EEB_OFFICER).queryParam("limit", "many").get("/api/v1/enterprises").then().statusCode(400)
                .body("errors.field", hasItem("limit"));
    }

    @Test
    void malformedIfMatch() {
        String uscc = enterpriseIn(TOWN_A);
        before = Database.rowCounts();
        as(EEB_OFFICER).header("If-Match", "version-1").body(Map.of("details", details("X", TOWN_A)))
                .put("/api/v1/enterprises/" + uscc).then().statusCode(400)
                .body("errors.field", hasItem("If-Match"));
    }

    @Test
    void badOutletLeavesNothingHalfWritten() {
        String uscc = enterpriseIn(TOWN_A);
        before = Database.rowCounts();
        // the second pollutant is of the wrong medium: neither the outlet nor its first pollutant may stay
        as(EEB_OFFICER).body(Map.of("code", "DA001", "kind", "air", "details", Map.of(
                        "name", "Stack", "location", Map.of("latitude", 30.6, "longitude", 117.4),
                        "pollutants", List.of(Map.of("pollutant", "a21026", "limitMax", 100),
                                Map.of("pollutant", "w01018", "limitMax", 50)))))
                .post("/api/v1/enterprises/" + uscc + "/outlets").then().statusCode(400)
                .body("errors.field", contains("details.pollutants[1].pollutant"));
    }
}
