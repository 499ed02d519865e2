package org.ecogov.runtime.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The Caller a service sees, built from a real, verified token. */
@QuarkusTest
@QuarkusTestResource(OidcTestKeyResource.class)
class CallerInjectionTest {

    @Test
    void officerClaimsReachTheCaller() {
        given().auth().oauth2(TestTokens.builder().subject("f3a1").username("wang.officer").clientId("ecogov-web")
                .roles(Roles.AGENCY_OFFICER).agency("eeb-341702").jurisdiction("341702").sign())
                .get("/fixture/caller").then()
                .statusCode(200)
                .body("subject", equalTo("f3a1"))
                .body("username", equalTo("wang.officer"))
                .body("clientId", equalTo("ecogov-web"))
                .body("roles", contains(Roles.AGENCY_OFFICER))
                .body("agency", equalTo("eeb-341702"))
                .body("jurisdiction", equalTo("341702"))
                .body("uscc", nullValue())
                .body("anonymous", equalTo(false));
    }

    @Test
    void reporterClaimsReachTheCaller() {
        given().auth().oauth2(TestTokens.reporter("91341702669392367N")).get("/fixture/caller").then()
                .statusCode(200)
                .body("roles", contains(Roles.ENTERPRISE_REPORTER))
                .body("uscc", equalTo("91341702669392367N"));
    }

    /** The resource is a singleton: the injected Caller must still be each request's own. */
    @Test
    void eachRequestSeesItsOwnCaller() {
        given().auth().oauth2(TestTokens.officer("eeb", "341702")).get("/fixture/caller").then()
                .body("username", equalTo("officer-eeb"));
        given().auth().oauth2(TestTokens.inspector("town-a", "341702102")).get("/fixture/caller").then()
                .body("username", equalTo("inspector-town-a"))
                .body("jurisdiction", equalTo("341702102"));
        given().auth().oauth2(TestTokens.platformAdmin()).get("/fixture/caller").then()
                .body("roles", contains(Roles.PLATFORM_ADMIN));
    }

    @Test
    void jurisdictionDecidesWhatAnOfficerSees() {
        String officer = TestTokens.officer("eeb", "341700");
        given().auth().oauth2(officer).get("/fixture/caller/can-see/341702102").then().body(equalTo("true"));
        given().auth().oauth2(officer).get("/fixture/caller/can-see/341800").then().body(equalTo("false"));
        given().auth().oauth2(TestTokens.platformAdmin()).get("/fixture/caller/can-see/650000").then()
                .body(equalTo("true"));
        given().auth().oauth2(TestTokens.citizen()).get("/fixture/caller/can-see/341702").then()
                .body(equalTo("false"));
    }

    @Test
    void unsecuredEndpointResolvesAnAnonymousCallerWithoutBlocking() {
        given().get("/fixture/caller/public").then()
                .statusCode(200)
                .body("anonymous", equalTo(true))
                .body("roles.size()", equalTo(0));
    }

    @Test
    void unsecuredEndpointResolvesATokenWhenOneIsSent() {
        given().auth().oauth2(TestTokens.lead("eeb", "341702")).get("/fixture/caller/public").then()
                .statusCode(200)
                .body("roles", contains(Roles.AGENCY_LEAD))
                .body("anonymous", equalTo(false));
    }
}
