package org.ecogov.complaints.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecogov.complaints.Fixtures.*;
import static org.hamcrest.Matchers.*;

import java.util.Map;

import org.ecogov.complaints.TestRegistry;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.ecogov.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The disclosed view (issue 11, "Access"): category, the place rounded to about 100 m, status, dates, owning agency
 * and resolution; no description, no exact point, no tracking code, no contact, no filer. For complaints:read keys
 * and anyone signed in.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
@WithTestResource(TestRegistry.class)
class DisclosureTest {

    private static final String READER = TestTokens.thirdParty("GREENWATCH", "complaints:read");

    @Test
    void theDisclosedViewRoundsThePlaceAndLeavesOutEverythingPersonal() {
        Map<String, Object> body = with(with(odourComplaint(), "location",
                Map.of("point", Map.of("latitude", 30.65784, "longitude", 117.48536), "divisionCode", WUSHA)),
                "description", "Marker-QX7 smell of burnt plastic behind the smelter fence.");
        String code = filed(CITIZEN, body);
        String page = as(READER).queryParam("under", WUSHA).queryParam("limit", 100).get("/api/v1/complaint-disclosures")
                .then().statusCode(200).extract().asString();
        JsonPath json = JsonPath.from(page);
        assertThat(json.getList("items")).isNotEmpty();
        Map<String, Object> first = json.getMap("items[0]");
        assertThat(first).containsOnlyKeys("category", "place", "status", "ownerAgency", "submittedAt", "deadlines");
        assertThat(json.getDouble("items[0].place.point.latitude")).isEqualTo(30.658);
        assertThat(json.getDouble("items[0].place.point.longitude")).isEqualTo(117.485);
        assertThat(json.getString("items[0].place.divisionCode")).isEqualTo(WUSHA);
        // other tests' complaints are on the page too (their findings are disclosed); none carries this one's words
        assertThat(page).doesNotContain(code, "Zhang", "example.cn", "Marker-QX7", "30.6578", "117.4853", "citizen");
    }

    @Test
    void aResolvedComplaintShowsItsFindingsAndWhoMayReadIt() {
        String id = idOf(filed(CITIZEN, with(odourComplaint(), "category", "air")));
        for (Map.Entry<Long, Map<String, Object>> step : Map.of(
                1L, Map.<String, Object>of("status", "accepted"),
                2L, Map.<String, Object>of("status", "in-progress"),
                3L, Map.<String, Object>of("status", "resolved", "findings", "Stack emissions within limits; flare repaired.")).entrySet()
                .stream().sorted(Map.Entry.comparingByKey()).toList()) {
            as(EEB_OFFICER).header("If-Match", "\"" + step.getKey() + "\"").body(step.getValue())
                    .post("/api/v1/complaints/" + id + "/status-changes").then().statusCode(200);
        }
        as(CITIZEN).queryParam("category", "air").queryParam("limit", 100).get("/api/v1/complaint-disclosures").then()
                .statusCode(200)
                .body("items.findings", hasItem("Stack emissions within limits; flare repaired."))
                .body("items.find { it.findings != null }.resolvedAt", notNullValue());
        as(TestTokens.thirdParty("CIVICAPP", "complaints:write")).get("/api/v1/complaint-disclosures").then()
                .statusCode(403).body("type", is("/problems/insufficient-scope"));
        org.ecogov.complaints.Fixtures.as("garbage").get("/api/v1/complaint-disclosures").then().statusCode(401);
    }
}
