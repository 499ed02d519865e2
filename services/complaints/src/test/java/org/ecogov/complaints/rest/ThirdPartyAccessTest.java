package org.ecogov.complaints.rest;

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
 * Third parties (an API key, through the gateway, as the gateway's signed token): {@code complaints:write} files on
 * the app channel, {@code complaints:read} follows by tracking code; nothing else is open to any key, and each refusal
 * is 403 insufficient-scope naming the scope.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
@WithTestResource(TestRegistry.class)
class ThirdPartyAccessTest {

    private static final String WRITER = TestTokens.thirdParty("CIVICAPP", "complaints:write");
    private static final String READER = TestTokens.thirdParty("CIVICAPP", "complaints:read");
    private static final String REGISTRY_ONLY = TestTokens.thirdParty("GREENWATCH", "registry:read", "disclosure:read");

    @Test
    void aWriteKeyFilesOnTheAppChannelOnly() {
        String code = submit(WRITER, with(odourComplaint(), "channel", "app")).then().statusCode(201)
                .body("owner.agencyCode", is(EEB)).extract().path("trackingCode");
        submit(WRITER, odourComplaint()).then().statusCode(403).body("type", is("/problems/channel-not-allowed"));
        as(WRITER).get("/api/v1/complaint-tracking/" + code).then().statusCode(403)
                .body("type", is("/problems/insufficient-scope"))
                .body("detail", containsString("complaints:read"));
        as(ADMIN).get("/api/v1/complaints/" + idOf(code)).then().statusCode(200)
                .body("channel", is("app"))
                .body("audit.createdBy", startsWith("apikey:"));
    }

    @Test
    void aReadKeyFollowsByCodeAndReadsNothingElse() {
        String code = filed(CITIZEN, odourComplaint());
        as(READER).get("/api/v1/complaint-tracking/" + code).then().statusCode(200).body("status", is("submitted"));
        submit(READER, with(odourComplaint(), "channel", "app")).then().statusCode(403)
                .body("type", is("/problems/insufficient-scope")).body("detail", containsString("complaints:write"));
        as(READER).get("/api/v1/complaints").then().statusCode(403)
                .body("type", is("/problems/insufficient-scope")).body("detail", containsString("complaints:handle"));
        as(READER).get("/api/v1/complaints/" + idOf(code)).then().statusCode(403)
                .body("type", is("/problems/insufficient-scope"));
        as(READER).get("/api/v1/complaints/audit-entries").then().statusCode(403)
                .body("type", is("/problems/insufficient-scope"));
    }

    @Test
    void otherScopesOpenNothing() {
        as(REGISTRY_ONLY).get("/api/v1/complaint-tracking/0000000000").then().statusCode(403)
                .body("type", is("/problems/insufficient-scope"));
        submit(REGISTRY_ONLY, with(odourComplaint(), "channel", "app")).then().statusCode(403)
                .body("type", is("/problems/insufficient-scope"));
    }
}
