package org.ecogov.runtime.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.ecogov.runtime.problem.Problem;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Tokens the gateway signs for API keys, verified by the "gateway" OIDC tenant that the runtime configures for
 * every service (META-INF/microprofile-config.properties), next to the realm's tokens.
 */
@QuarkusTest
@QuarkusTestResource(OidcTestKeyResource.class)
class GatewayTokenTest {

    private static final String SECURED = "/fixture/caller";

    private static ValidatableResponse unauthenticated(String token) {
        return given().auth().oauth2(token).get(SECURED).then()
                .statusCode(401)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("/problems/unauthenticated"));
    }

    @Test
    void aGatewayTokenMakesAThirdPartyCaller() {
        given().auth().oauth2(TestTokens.gateway().keyId("ecok_7kq2m9xa4d").organisation("GREENWATCH")
                        .scopes("registry:read", "disclosure:read").sign())
                .get(SECURED).then()
                .statusCode(200)
                .body("subject", equalTo("apikey:ecok_7kq2m9xa4d"))
                .body("clientId", equalTo("ecok_7kq2m9xa4d"))
                .body("actor", equalTo("apikey:ecok_7kq2m9xa4d"))
                .body("roles", containsInAnyOrder(Roles.THIRD_PARTY))
                .body("organisation", equalTo("GREENWATCH"))
                .body("scopes", containsInAnyOrder("registry:read", "disclosure:read"))
                .body("thirdParty", equalTo(true))
                .body("agency", nullValue())
                .body("jurisdiction", nullValue());
    }

    @Test
    void rolesAllowedAdmitsThirdPartiesWhereNamed() {
        given().auth().oauth2(TestTokens.thirdParty("GREENWATCH", "registry:read")).get(SECURED + "/third-parties-only")
                .then().statusCode(200).body("organisation", equalTo("GREENWATCH"));
        given().auth().oauth2(TestTokens.thirdParty("GREENWATCH", "registry:read")).get(SECURED + "/officers-only")
                .then().statusCode(403).body("type", equalTo("/problems/forbidden"));
        given().auth().oauth2(TestTokens.officer("eeb", "341702")).get(SECURED + "/third-parties-only")
                .then().statusCode(403);
    }

    @Test
    void realmTokensKeepWorkingAlongside() {
        given().auth().oauth2(TestTokens.officer("eeb-341702", "341702")).get(SECURED).then()
                .statusCode(200)
                .body("thirdParty", equalTo(false))
                .body("organisation", nullValue())
                .body("scopes.size()", equalTo(0));
    }

    @Test
    void aRealmTokensScopeClaimGrantsNoScopes() {
        given().auth().oauth2(TestTokens.builder().roles(Roles.AGENCY_OFFICER).claim("scope", "openid registry:read")
                        .claim("org", "GREENWATCH").sign())
                .get(SECURED).then()
                .statusCode(200)
                .body("scopes.size()", equalTo(0))
                .body("organisation", nullValue());
    }

    @Test
    void aTokenClaimingTheGatewayButSignedByAStrangerIs401() {
        unauthenticated(TestTokens.gateway().scopes("registry:read").signedByStranger().sign());
    }

    @Test
    void anExpiredGatewayTokenIs401() {
        unauthenticated(TestTokens.gateway().scopes("registry:read").expired().sign());
    }

    @Test
    void aGatewayTokenForAnotherAudienceOrNoneIs401() {
        unauthenticated(TestTokens.gateway().scopes("registry:read").audience("ecogov-gateway").sign());
        unauthenticated(TestTokens.gateway().scopes("registry:read").audience(null).sign());
    }

    @Test
    void theGatewaysKeyDoesNotMakeARealmTokenNorTheRealmsKeyAGatewayToken() {
        // signed by the gateway, claiming the realm: verified against the realm's key
        unauthenticated(TestTokens.gateway().issuer(TestTokens.ISSUER).scopes("registry:read").sign());
        // signed by the realm's key, claiming the gateway: verified against the gateway's key
        unauthenticated(TestTokens.builder().issuer(TestTokens.GATEWAY_ISSUER).roles(Roles.THIRD_PARTY).sign());
    }

    @Test
    void theGatewayVouchesForThirdPartiesOnly() {
        unauthenticated(TestTokens.gateway().roles(Roles.PLATFORM_ADMIN).sign());
        unauthenticated(TestTokens.gateway().roles(Roles.THIRD_PARTY, Roles.PLATFORM_ADMIN).sign());
        unauthenticated(TestTokens.gateway().roles().sign());
    }

    @Test
    void theRealmNeverVouchesForAThirdParty() {
        unauthenticated(TestTokens.builder().roles(Roles.THIRD_PARTY).claim("org", "GREENWATCH")
                .claim("scope", "registry:read").sign());
    }
}
