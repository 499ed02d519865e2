package org.ecogov.complaints.rest;

import static io.restassured.RestAssured.given;
import static org.ecogov.complaints.Fixtures.*;
import static org.hamcrest.Matchers.*;

import org.ecogov.complaints.TestRegistry;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.ecogov.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Roles and data scope (DESIGN §4, issue 11 "Access"): 401 without a valid token (filing aside, AnonymousIntakeTest); the public files and follows by
 * code but reads no complaint whole; officials see their agency's and their jurisdiction's complaints, others 404;
 * the contact details only to the owning agency; the audit log to platform-admins.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
@WithTestResource(TestRegistry.class)
class AccessTest {

    @Test
    void anonymousAndForgedCallersGet401ProblemJson() {
        // filing, what the tracking code opens and Open311's reads are open without a token (AnonymousIntakeTest,
        // AnonymousTrackingTest); reading complaints whole is not
        given().get("/api/v1/complaints").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", is("/problems/unauthenticated"));
        given().auth().oauth2(TestTokens.signedByStranger()).get("/api/v1/complaint-tracking/0000000000").then()
                .statusCode(401);
        given().auth().oauth2(TestTokens.expired()).get("/api/v1/complaints").then().statusCode(401);
    }

    @Test
    void thePublicFilesAndFollowsButReadsNoComplaintWhole() {
        String code = filed(CITIZEN, odourComplaint());
        as(CITIZEN).get("/api/v1/complaint-tracking/" + code).then().statusCode(200);
        as(CITIZEN).get("/api/v1/complaints/" + idOf(code)).then().statusCode(403)
                .body("type", is("/problems/forbidden"));
        as(CITIZEN).get("/api/v1/complaints").then().statusCode(403);
        String reporter = TestTokens.reporter(SMELTER);
        as(reporter).get("/api/v1/complaints/" + idOf(code)).then().statusCode(403);
        as(reporter).body(odourComplaint()).post("/api/v1/complaints").then().statusCode(403);
    }

    @Test
    void theOwningAgencySeesTheContactTheJurisdictionSeesTheComplaintWithoutItOthersGet404() {
        String code = filed(CITIZEN, odourComplaint());
        String id = idOf(code);
        // owned by the district EEB; placed in Wusha Town
        as(EEB_OFFICER).get("/api/v1/complaints/" + id).then().statusCode(200)
                .header("ETag", is("\"1\""))
                .body("owner.agencyCode", is(EEB))
                .body("description", containsString("sulphur"))
                .body("contact.name", is("Zhang Wei"))
                .body("contact.phone", is("+86 138 0000 1234"));
        as(WUSHA_OFFICER).get("/api/v1/complaints/" + id).then().statusCode(200)
                .body("description", containsString("sulphur"))
                .body("contact", nullValue());
        as(OTHER_TOWN_OFFICER).get("/api/v1/complaints/" + id).then().statusCode(404)
                .body("type", is("/problems/complaint-not-found"));
        as(ADMIN).get("/api/v1/complaints/" + id).then().statusCode(200).body("contact.email", is("zhang.wei@example.cn"));
        as(EEB_OFFICER).get("/api/v1/complaints/00000000-0000-4000-8000-000000000000").then().statusCode(404);

        as(EEB_OFFICER).queryParam("limit", 100).get("/api/v1/complaints").then().statusCode(200)
                .body("items.id", hasItem(id));
        as(WUSHA_OFFICER).queryParam("limit", 100).get("/api/v1/complaints").then().statusCode(200)
                .body("items.id", hasItem(id))
                .body("items.contact", everyItem(nullValue()));
        as(OTHER_TOWN_OFFICER).queryParam("limit", 100).get("/api/v1/complaints").then().statusCode(200)
                .body("items.id", not(hasItem(id)));
    }

    @Test
    void theAuditLogIsForPlatformAdmins() {
        as(EEB_LEAD).get("/api/v1/complaints/audit-entries").then().statusCode(403);
        as(EEB_LEAD).get("/api/v1/complaints/audit-entries/verification").then().statusCode(403);
        as(EEB_LEAD).get("/api/v1/complaints/audit-checkpoints/gateway").then().statusCode(403);
        filed(CITIZEN, odourComplaint());
        as(ADMIN).get("/api/v1/complaints/audit-entries").then().statusCode(200)
                .body("items.action", hasItem("submitted"))
                .body("items.entityType", everyItem(is("complaint")));
    }
}
