package org.ecogov.gateway.identity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.ecogov.gateway.support.FromAddress;
import org.ecogov.gateway.support.GatewayTestResource;
import org.ecogov.gateway.support.TestUpstream;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.ecogov.testing.SettableClock;
import org.ecogov.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;

/**
 * Rate limits of the callers without a key, with small limits of their own (GatewayTestResource's small-limits: 3 per
 * subject, 5 for the client rate-client, 3 per address, each per hour): realm tokens per subject and per client,
 * requests without a valid credential per address, on routed calls and the gateway's own operations alike. The
 * clock stands a minute into an hour, so no window ends during a test.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = PostgresTestResource.DATABASE_ARG, value = "gateway"))
@WithTestResource(OidcTestKeyResource.class)
@WithTestResource(value = GatewayTestResource.class, initArgs = @ResourceArg(name = GatewayTestResource.SMALL_LIMITS, value = "true"))
@WithTestResource(TestUpstream.class)
class RateLimitTest {

    @BeforeEach
    void standAMinuteIntoAnHour() {
        SettableClock.INSTANCE.set(Instant.now().truncatedTo(ChronoUnit.HOURS).plusSeconds(60));
    }

    @AfterEach
    void resetTheClock() {
        SettableClock.INSTANCE.reset();
    }

    @Test
    void aTokensSubjectHasItsLimitOnRoutedCallsAndTheGatewaysOwnOperationsAlike() {
        String subject = UUID.randomUUID().toString();
        String token = TestTokens.builder().subject(subject).username("busy-admin").roles("platform-admin").sign();

        given().auth().oauth2(token).get("/api/v1/echo/a").then().statusCode(200)
                .header("RateLimit-Limit", "3").header("RateLimit-Remaining", "2").header("RateLimit-Reset", "3540");
        given().auth().oauth2(token).get("/api/v1/api-keys").then().statusCode(200)
                .header("RateLimit-Limit", "3").header("RateLimit-Remaining", "1");
        given().auth().oauth2(token).get("/api/v1/enterprises/91341702669392367N/profile").then()
                .header("RateLimit-Remaining", "0");
        assertRateLimited(given().auth().oauth2(token).get("/api/v1/api-keys").then(), "3")
                .body("detail", containsString(subject));
        assertRateLimited(given().auth().oauth2(token).get("/api/v1/echo/b").then(), "3");
        // another token of the same subject is the same caller
        String another = TestTokens.builder().subject(subject).username("busy-admin").roles("platform-admin")
                .claim("nonce", "2").sign();
        assertRateLimited(given().auth().oauth2(another).get("/api/v1/echo/c").then(), "3");
        // another subject is not
        given().auth().oauth2(TestTokens.builder().subject(UUID.randomUUID().toString()).roles("platform-admin").sign())
                .get("/api/v1/echo/d").then().statusCode(200).header("RateLimit-Remaining", "2");
    }

    @Test
    void aClientHasItsLimitAcrossAllItsSubjects() {
        String first = TestTokens.builder().subject(UUID.randomUUID().toString()).clientId("rate-client").sign();
        String second = TestTokens.builder().subject(UUID.randomUUID().toString()).clientId("rate-client").sign();
        String third = TestTokens.builder().subject(UUID.randomUUID().toString()).clientId("rate-client").sign();

        // the headers show whichever has fewer left: the subject's 3 at first, the client's 5 in the end
        given().auth().oauth2(first).get("/api/v1/echo/a").then().statusCode(200)
                .header("RateLimit-Limit", "3").header("RateLimit-Remaining", "2");
        given().auth().oauth2(first).get("/api/v1/echo/a").then().statusCode(200).header("RateLimit-Remaining", "1");
        // the second subject and the client have as many left: 2, then 1
        given().auth().oauth2(second).get("/api/v1/echo/a").then().statusCode(200).header("RateLimit-Remaining", "2");
        given().auth().oauth2(second).get("/api/v1/echo/a").then().statusCode(200).header("RateLimit-Remaining", "1");
        given().auth().oauth2(third).get("/api/v1/echo/a").then().statusCode(200)
                .header("RateLimit-Limit", "5").header("RateLimit-Remaining", "0");
        assertRateLimited(given().auth().oauth2(third).get("/api/v1/echo/a").then(), "5")
                .body("detail", containsString("rate-client"));
        // a subject of another client is not held back by rate-client's
        given().auth().oauth2(TestTokens.builder().subject(UUID.randomUUID().toString()).sign())
                .get("/api/v1/echo/a").then().statusCode(200);
    }

    @Test
    void anAddressWithoutAValidCredentialGets429OnceItsLimitIsSpent() {
        int port = RestAssured.port;
        String address = "127.0.0.7";
        // a token the gateway verified before (from 127.0.0.1), and one it has never seen
        String remembered = TestTokens.builder().subject(UUID.randomUUID().toString()).roles("platform-admin").sign();
        given().auth().oauth2(remembered).get("/api/v1/echo/a").then().statusCode(200);
        String unseen = TestTokens.builder().subject(UUID.randomUUID().toString()).roles("platform-admin").sign();

        FromAddress.Answer none = FromAddress.get(address, port, "/api/v1/echo/a", Map.of());
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("RateLimit-Limit")).contains("3");
        assertThat(none.header("RateLimit-Remaining")).contains("2");
        FromAddress.Answer malformed = FromAddress.get(address, port, "/api/v1/api-keys",
                Map.of("Authorization", "Bearer not-a-token"));
        assertThat(malformed.status()).isEqualTo(401);
        assertThat(malformed.header("RateLimit-Remaining")).as(malformed.toString()).contains("1");
        assertThat(FromAddress.get(address, port, "/api/v1/echo/a", Map.of("X-API-Key", "ecok_0123456789_" + "A".repeat(43)))
                .status()).isEqualTo(401);

        for (Map<String, String> credential : java.util.List.of(Map.<String, String>of(),
                Map.of("X-API-Key", "ecok_0123456789_" + "A".repeat(43)),
                // a token this address sends now is not even verified
                Map.of("Authorization", "Bearer " + unseen))) {
            FromAddress.Answer refused = FromAddress.get(address, port, "/api/v1/echo/a", credential);
            assertThat(refused.status()).as(credential.toString()).isEqualTo(429);
            assertThat(refused.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(refused.body()).contains("/problems/rate-limited").contains(address);
            assertThat(refused.header("Retry-After")).contains("3540");
            assertThat(refused.header("RateLimit-Limit")).contains("3");
            assertThat(refused.header("RateLimit-Remaining")).contains("0");
            assertThat(refused.header("RateLimit-Reset")).contains("3540");
        }
        // a credential already known to be valid is never refused because of its address
        FromAddress.Answer known = FromAddress.get(address, port, "/api/v1/echo/a", Map.of("Authorization", "Bearer " + remembered));
        assertThat(known.status()).isEqualTo(200);
        // nor is another address held back
        assertThat(FromAddress.get("127.0.0.8", port, "/api/v1/echo/a", Map.of()).status()).isEqualTo(401);
    }

    private static ValidatableResponse assertRateLimited(ValidatableResponse response, String limit) {
        return response.statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("/problems/rate-limited"), "status", equalTo(429))
                .header("Retry-After", notNullValue()).header("RateLimit-Limit", limit)
                .header("RateLimit-Remaining", "0").header("RateLimit-Reset", notNullValue());
    }
}
