package org.ecogov.gateway.support;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.ecogov.testing.TestTokens;

import io.restassured.path.json.JsonPath;

/** Issues API keys through the gateway's own API, as a platform-admin would. */
public final class Keys {

    private Keys() {
    }

    public static JsonPath issue(String organisation, List<String> scopes, int requests, int windowSeconds,
            Instant expiresAt, List<String> allowedIps) {
        return given().auth().oauth2(TestTokens.platformAdmin()).contentType("application/json")
                .body(Map.of("organisation", organisation, "organisationName", organisation + " Ltd.",
                        "name", "test key", "scopes", scopes, "expiresAt", expiresAt.toString(),
                        "rateLimit", Map.of("requests", requests, "windowSeconds", windowSeconds),
                        "allowedIps", allowedIps))
                .post("/api/v1/api-keys")
                .then().statusCode(201).extract().jsonPath();
    }

    public static JsonPath issue(String organisation, String... scopes) {
        return issue(organisation, List.of(scopes), 1000, 60, Instant.now().plus(30, ChronoUnit.DAYS), List.of());
    }
}
