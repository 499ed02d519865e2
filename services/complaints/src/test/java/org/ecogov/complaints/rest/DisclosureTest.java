package org.ecogov.complaints.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecogov.complaints.Fixtures.*;
import static org.hamcrest.Matchers.*;

import java.util.Map;

import org.ecogov.complaints.Database;
import org.ecogov.complaints.TestRegistry;
import org.ecogov.runtime.identifiers.Uscc;
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

    /**
     * The complaints about one enterprise in the disclosed view (an enterprise's profile for those who hold it): the
     * filter narrows the page to them, and the answer still does not say which enterprise a complaint names.
     */
    @Test
    void theDisclosedViewListsTheComplaintsAboutOneEnterprise() {
        filed(CITIZEN, with(odourComplaint(), "suspectedEnterprise", SMELTER));
        filed(CITIZEN, odourComplaint());
        long about = Database.queryLong("select count(*) from complaint where suspected_uscc = '" + SMELTER + "'");
        assertThat(about).isBetween(1L, 100L);
        String page = as(READER).queryParam("suspectedUscc", SMELTER).queryParam("limit", 100)
                .get("/api/v1/complaint-disclosures").then().statusCode(200)
                .body("items", hasSize((int) about)).extract().asString();
        assertThat(page).doesNotContain(SMELTER);
        // without the filter the page holds more (the other complaint at least)
        as(READER).queryParam("limit", 100).get("/api/v1/complaint-disclosures").then().statusCode(200)
                .body("items.size()", greaterThan((int) about));
        as(CITIZEN).queryParam("suspectedUscc", SMELTER).get("/api/v1/complaint-disclosures").then().statusCode(200)
                .body("items", not(empty()));
        String none = "91341702MA2N00000" + Uscc.checkCharacter("91341702MA2N00000");
        as(READER).queryParam("suspectedUscc", none).get("/api/v1/complaint-disclosures").then().statusCode(200)
                .body("items", empty());
        String wrongCheck = SMELTER.substring(0, 17) + (SMELTER.endsWith("N") ? "P" : "N");
        as(READER).queryParam("suspectedUscc", wrongCheck).get("/api/v1/complaint-disclosures").then().statusCode(400)
                .body("errors[0].field", is("suspectedUscc"));
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
