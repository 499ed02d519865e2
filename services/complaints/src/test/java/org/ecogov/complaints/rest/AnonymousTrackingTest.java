package org.ecogov.complaints.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ecogov.complaints.Fixtures.*;
import static org.hamcrest.Matchers.*;

import java.util.Map;

import org.ecogov.complaints.Database;
import org.ecogov.complaints.TestRegistry;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.ecogov.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The tracking code is the secret an anonymous complainant holds: with it and no token they follow the complaint,
 * rate it and (PhotosTest) add photos, as the anonymous public; the code shows that one complaint only, an unknown
 * code is 404, and a forged token is still 401. (The gateway counts these calls per address, as anonymous intake.)
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
@WithTestResource(TestRegistry.class)
class AnonymousTrackingTest {

    private static String fileAnonymously(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/complaints").then().statusCode(201)
                .extract().path("trackingCode");
    }

    @Test
    void anAnonymousComplainantFollowsTheirComplaintByItsCodeAndSeesNoOtherOne() {
        String mine = fileAnonymously(odourComplaint());
        String theirs = fileAnonymously(with(with(odourComplaint(), "category", "air"), "description",
                "Black smoke from the kiln chimney every morning, Wang Fang."));

        String body = given().get("/api/v1/complaint-tracking/" + mine).then().statusCode(200)
                .body("trackingCode", is(mine))
                .body("category", is("odour"))
                .body("owner.agencyCode", is(EEB))
                .body("updates", hasSize(1))
                .extract().asString();
        assertThat(body).doesNotContain(theirs, "Zhang", "sulphur", "Wang Fang", "kiln", "anonymous", "description",
                "contact");
        given().get("/api/v1/complaint-tracking/" + theirs).then().statusCode(200).body("category", is("air"))
                .body("trackingCode", is(theirs));
        // a code that is no complaint's: 404, and nothing of anyone's
        given().get("/api/v1/complaint-tracking/0000000000").then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", is("/problems/tracking-code-not-found"))
                .body("detail", not(containsString(mine)));
        // a credential that is sent is checked: forged or expired is 401, never treated as anonymous
        given().auth().oauth2(TestTokens.signedByStranger()).get("/api/v1/complaint-tracking/" + mine).then()
                .statusCode(401);
        given().auth().oauth2(TestTokens.expired()).get("/api/v1/complaint-tracking/" + mine).then().statusCode(401);
    }

    @Test
    void anAnonymousComplainantRatesTheResolvedComplaintAndItCloses() {
        String code = fileAnonymously(odourComplaint());
        String id = idOf(code);
        Map<String, Object> rating = Map.of("rating", 4, "reopen", false);
        // not resolved yet: refused, nothing changes
        given().contentType(ContentType.JSON).body(rating).post("/api/v1/complaint-tracking/" + code + "/feedback")
                .then().statusCode(409).body("type", is("/problems/invalid-status-transition"));

        step(id, 1, Map.of("status", "accepted"));
        step(id, 2, Map.of("status", "in-progress"));
        step(id, 3, Map.of("status", "resolved", "findings", "The scrubber was repaired; readings are normal."));
        // another complaint's code does not reach this one
        String other = fileAnonymously(odourComplaint());
        given().contentType(ContentType.JSON).body(rating).post("/api/v1/complaint-tracking/" + other + "/feedback")
                .then().statusCode(409);
        given().contentType(ContentType.JSON).body(rating).post("/api/v1/complaint-tracking/0000000000/feedback")
                .then().statusCode(404);
        assertThat(Database.queryString("select status from complaint where id = '" + id + "'")).isEqualTo("resolved");

        given().contentType(ContentType.JSON).body(rating).post("/api/v1/complaint-tracking/" + code + "/feedback")
                .then().statusCode(200)
                .body("status", is("closed"))
                .body("trackingCode", is(code));
        assertThat(Database.queryString("select actor_subject from audit_entry where entity_id = '" + id + "'"
                + " order by sequence desc limit 1")).isEqualTo("anonymous");
        // a key that may only read may not rate
        given().auth().oauth2(TestTokens.thirdParty("CIVICAPP", "complaints:read")).contentType(ContentType.JSON)
                .body(rating).post("/api/v1/complaint-tracking/" + code + "/feedback").then().statusCode(403);
    }

    private static void step(String id, long version, Map<String, Object> body) {
        as(EEB_OFFICER).header("If-Match", "\"" + version + "\"").body(body)
                .post("/api/v1/complaints/" + id + "/status-changes").then().statusCode(200);
    }
}
