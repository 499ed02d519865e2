package org.ecogov.runtime.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.ecogov.runtime.problem.Problem;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * Authentication failures reach the mappers only with quarkus.http.auth.proactive=false (set in the test
 * application.properties, as every service must); with proactive authentication Quarkus answers them below
 * JAX-RS with an empty 401.
 */
@QuarkusTest
@QuarkusTestResource(OidcTestKeyResource.class)
class AuthenticationProblemsTest {

    private static final String SECURED = "/fixture/caller";
    private static final String OFFICERS_ONLY = "/fixture/caller/officers-only";

    private static ValidatableResponse unauthenticated(ValidatableResponse response) {
        return response.statusCode(401)
                .contentType(Problem.MEDIA_TYPE)
                .header("WWW-Authenticate", equalTo("Bearer"))
                .body("type", equalTo("/problems/unauthenticated"))
                .body("status", equalTo(401));
    }

    private static RequestSpecification bearer(String token) {
        return given().auth().oauth2(token);
    }

    @Test
    void noTokenIsUnauthenticated() {
        unauthenticated(given().get(SECURED).then()).body("instance", equalTo(SECURED));
    }

    @Test
    void garbageTokenIsUnauthenticated() {
        unauthenticated(bearer("garbage").get(SECURED).then());
    }

    @Test
    void expiredTokenIsUnauthenticated() {
        unauthenticated(bearer(TestTokens.expired()).get(SECURED).then());
    }

    @Test
    void tokenSignedByAStrangerIsUnauthenticated() {
        unauthenticated(bearer(TestTokens.signedByStranger()).get(SECURED).then());
    }

    @Test
    void tokenFromAnotherIssuerIsUnauthenticated() {
        unauthenticated(bearer(TestTokens.builder().roles(Roles.PLATFORM_ADMIN).issuer("https://evil.example/realms/ecogov")
                .sign()).get(SECURED).then());
    }

    @Test
    void garbageTokenOnAPublicEndpointIsStillUnauthenticated() {
        unauthenticated(bearer("garbage").get("/fixture/caller/public").then());
    }

    @Test
    void validTokenIsAccepted() {
        bearer(TestTokens.officer("eeb-341702", "341702")).get(SECURED).then().statusCode(200);
    }

    @Test
    void missingRoleIsForbidden() {
        bearer(TestTokens.citizen()).get(OFFICERS_ONLY).then()
                .statusCode(403)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("/problems/forbidden"))
                .body("instance", equalTo(OFFICERS_ONLY));
    }

    @Test
    void anonymousOnARoleProtectedEndpointIsUnauthenticatedNotForbidden() {
        unauthenticated(given().get(OFFICERS_ONLY).then());
    }

    @Test
    void securityExceptionsThrownByServicesAreMappedToo() {
        unauthenticated(given().get("/fixture/failures/unauthorized").then());
        unauthenticated(given().get("/fixture/failures/authentication-failed").then());
        unauthenticated(given().get("/fixture/failures/authentication-completion").then());
        given().get("/fixture/failures/forbidden").then().statusCode(403).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("/problems/forbidden"));
    }
}
