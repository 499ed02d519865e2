package org.ecogov.complaints.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ecogov.complaints.Fixtures.*;
import static org.hamcrest.Matchers.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.ecogov.complaints.Database;
import org.ecogov.complaints.TestRegistry;
import org.ecogov.testing.Contracts;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.ecogov.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;

/**
 * Anonymous intake (issue 11 "Intake", the service's side): filing is the one operation the contract opens without a
 * credential (the empty security requirement, which the gateway honours counting calls per address); the service
 * files such a complaint as the anonymous public (web or mobile only, the receipt only), and every other operation
 * still answers 401 without a token.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
@WithTestResource(TestRegistry.class)
class AnonymousIntakeTest {

    @Test
    void anAnonymousComplaintIsFiledRoutedAndTrackedWithoutATokenAndLeaksNothing() {
        String code = given().contentType(ContentType.JSON).body(odourComplaint()).post("/api/v1/complaints").then()
                .statusCode(201)
                .header("Location", is(notNullValue()))
                .body("trackingCode", matchesPattern("[0-9A-HJKMNP-TV-Z]{10}"))
                .body("owner.agencyCode", is(EEB))
                .body("status", is("submitted"))
                .body("$", not(hasKey("contact")))
                .body("$", not(hasKey("description")))
                .extract().path("trackingCode");
        String id = idOf(code);
        assertThat(Database.queryString("select created_by from complaint where id = '" + id + "'")).isEqualTo("anonymous");
        assertThat(Database.queryString("select actor_subject from audit_entry where entity_id = '" + id + "'"))
                .isEqualTo("anonymous");
        // the handling agency sees the contact details the anonymous complainant chose to give
        as(EEB_OFFICER).get("/api/v1/complaints/" + id).then().statusCode(200).body("contact.name", is("Zhang Wei"));
        // without contact details at all
        given().contentType(ContentType.JSON).body(with(odourComplaint(), "contact", null)).post("/api/v1/complaints")
                .then().statusCode(201);
    }

    @Test
    void anAnonymousRetryWithAnIdempotencyKeyFilesOnce() {
        String key = java.util.UUID.randomUUID().toString();
        long before = Database.count("complaint");
        Map<String, Object> complaint = odourComplaint();
        String first = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(complaint)
                .post("/api/v1/complaints").then().statusCode(201).extract().path("trackingCode");
        given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(complaint)
                .post("/api/v1/complaints").then().statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("trackingCode", is(first));
        assertThat(Database.count("complaint")).isEqualTo(before + 1);
    }

    @Test
    void anAnonymousCallerFilesOnlyAsThePublicAndAForgedTokenIsNoAnonymousCall() {
        long before = Database.count("complaint");
        given().contentType(ContentType.JSON).body(with(odourComplaint(), "channel", "hotline"))
                .post("/api/v1/complaints").then().statusCode(403).body("type", is("/problems/channel-not-allowed"));
        given().contentType(ContentType.JSON).body(with(odourComplaint(), "channel", "app"))
                .post("/api/v1/complaints").then().statusCode(403).body("type", is("/problems/channel-not-allowed"));
        given().auth().oauth2(TestTokens.signedByStranger()).contentType(ContentType.JSON).body(odourComplaint())
                .post("/api/v1/complaints").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.expired()).contentType(ContentType.JSON).body(odourComplaint())
                .post("/api/v1/complaints").then().statusCode(401);
        // a signed-in caller is still held to the rule: an enterprise reporter may not file
        as(TestTokens.reporter(SMELTER)).body(odourComplaint()).post("/api/v1/complaints").then().statusCode(403);
        assertThat(Database.count("complaint")).isEqualTo(before);
    }

    @Test
    void theContractOpensFilingAndOpen311sReadsAloneAndEveryOtherOperationAnswers401WithoutAToken() {
        String code = filed(CITIZEN, odourComplaint());
        String id = idOf(code);
        OpenAPI api = Contracts.spec("complaints.yaml");
        List<String> open = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getValue().readOperationsMap().entrySet()) {
                Operation operation = entry.getValue();
                boolean anonymous = operation.getSecurity() != null
                        && operation.getSecurity().stream().anyMatch(Map::isEmpty);
                if (anonymous) {
                    open.add(operation.getOperationId());
                    continue;
                }
                String url = path.getKey().replace("{complaintId}", id).replace("{trackingCode}", code)
                        .replace("{transferId}", "5e0c8a9e-2b1d-4c5e-9f7a-0a1b2c3d4e5f").replace("{chain}", "gateway")
                        .replace("{sha256}", "0".repeat(64));
                // a body of the first media type the operation takes (a photo's is an image)
                String mediaType = operation.getRequestBody() == null ? "application/json"
                        : operation.getRequestBody().getContent().keySet().iterator().next();
                int status = (mediaType.endsWith("x-www-form-urlencoded") ? given().contentType(mediaType).body("{}")
                        : given().contentType(mediaType).body("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                        .header("If-Match", "\"1\"")
                        .request(entry.getKey().name(), url).then().extract().statusCode();
                checked++;
                if (status != 401) {
                    wrong.add(operation.getOperationId() + " answered " + status);
                }
            }
        }
        // filing, what the tracking code opens, and Open311's reads (the disclosed view in GeoReport's shape, a token's request id)
        assertThat(open).containsExactlyInAnyOrder("submitComplaint", "trackComplaint", "giveComplaintFeedback",
                "addComplaintPhoto", "getOpen311Discovery", "listOpen311Services",
                "getOpen311Service", "listOpen311Requests", "getOpen311Request", "getOpen311Token");
        assertThat(wrong).as("operations that answered an anonymous caller with anything but 401").isEmpty();
        assertThat(checked).isGreaterThan(12);
    }
}
