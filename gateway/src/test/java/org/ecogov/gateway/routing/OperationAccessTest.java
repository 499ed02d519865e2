package org.ecogov.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.ecogov.gateway.support.FromAddress;
import org.ecogov.gateway.support.GatewayTestResource;
import org.ecogov.gateway.support.Keys;
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

/**
 * Who may call each operation, as the specs say operation by operation (api-specs' GatewayRoutes writes it; here
 * TestUpstream's "open" service is described the same way): a key needs one of its operation's scopes and is refused
 * where none is named; an operation whose security holds {@code {}} lets a request without any credential through,
 * counted per address; Open311's {@code api_key} form field is a key like one in a header, and never reaches the
 * service. The clock stands a minute into an hour, so no rate window ends during a test.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = PostgresTestResource.DATABASE_ARG, value = "gateway"))
@WithTestResource(OidcTestKeyResource.class)
@WithTestResource(GatewayTestResource.class)
@WithTestResource(TestUpstream.class)
class OperationAccessTest {

    @BeforeEach
    void standAMinuteIntoAnHour() {
        SettableClock.INSTANCE.set(Instant.now().truncatedTo(ChronoUnit.HOURS).plusSeconds(60));
    }

    @AfterEach
    void resetTheClock() {
        SettableClock.INSTANCE.reset();
    }

    @Test
    void anOperationOpenToEveryoneIsCalledWithoutACredentialAndTheServiceGetsNone() {
        given().contentType("application/json").body("{\"category\":\"odour\"}")
                .post("/api/v1/open/reports").then().statusCode(200)
                .header("RateLimit-Limit", "60")
                .body("path", equalTo("/api/v1/open/reports"))
                .body("headers.authorization", nullValue())
                .body("body", equalTo("{\"category\":\"odour\"}"));
        // a credential sent there is still checked, not ignored
        given().auth().oauth2("not-a-token").contentType("application/json").body("{}")
                .post("/api/v1/open/reports").then().statusCode(401).contentType("application/problem+json");
        // and a valid one goes on as always
        given().auth().oauth2(TestTokens.platformAdmin()).contentType("application/json").body("{}")
                .post("/api/v1/open/reports").then().statusCode(200).body("headers.authorization", startsWith("Bearer "));
        // the service's other operations still need one
        given().get("/api/v1/open/reports/R1").then().statusCode(401).contentType("application/problem+json");
        given().get("/api/v1/open/internal").then().statusCode(401);
    }

    @Test
    void anAddressGets429OnceItHasSpentItsRequestsWithoutACredential() {
        int port = RestAssured.port;
        String address = "127.0.0.31";
        for (int i = 1; i <= 60; i++) {
            FromAddress.Answer answer = FromAddress.get(address, port, "/api/v1/open/notices", Map.of());
            assertThat(answer.status()).as("request " + i).isEqualTo(200);
            assertThat(answer.header("RateLimit-Remaining")).contains(Integer.toString(60 - i));
        }
        FromAddress.Answer refused = FromAddress.get(address, port, "/api/v1/open/notices", Map.of());
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body()).contains("/problems/rate-limited").contains(address);
        assertThat(refused.header("Retry-After")).contains("60");
        // another address is not held back, nor is this one's signed-in user
        assertThat(FromAddress.get("127.0.0.32", port, "/api/v1/open/notices", Map.of()).status()).isEqualTo(200);
        assertThat(FromAddress.get(address, port, "/api/v1/open/notices",
                Map.of("Authorization", "Bearer " + TestTokens.platformAdmin())).status()).isEqualTo(200);
    }

    @Test
    void aKeyNeedsOneOfItsOperationsScopesAndNoneOpensAnOperationThatNamesNone() {
        String disclosure = Keys.issue("NGO-OPS", "disclosure:read").getString("key");
        String emissions = Keys.issue("VENDOR-OPS", "emissions:read", "complaints:write").getString("key");
        String everything = Keys.issue("ALL-OPS", "complaints:read", "complaints:write", "disclosure:read",
                "emissions:read").getString("key");

        given().header("X-API-Key", disclosure).get("/api/v1/open/reports/R1").then().statusCode(200)
                .body("headers.authorization", startsWith("Bearer "));
        given().header("X-API-Key", emissions).get("/api/v1/open/reports/R1").then().statusCode(403)
                .contentType("application/problem+json")
                .body("type", containsString("insufficient-scope"))
                .body("detail", containsString("complaints:read or disclosure:read"));
        // the service's read scope is not enough where the operation names none
        given().header("X-API-Key", everything).get("/api/v1/open/internal").then().statusCode(403)
                .body("detail", containsString("API keys may not call GET /api/v1/open/internal"));
        // an open operation with a key scope: the key is checked, and counted as the key's
        given().header("X-API-Key", disclosure).contentType("application/json").body("{}")
                .post("/api/v1/open/reports").then().statusCode(403);
        given().header("X-API-Key", emissions).contentType("application/json").body("{}")
                .post("/api/v1/open/reports").then().statusCode(200).header("RateLimit-Limit", "1000");
        // HEAD is GET's operation
        given().header("X-API-Key", disclosure).head("/api/v1/open/reports/R1").then().statusCode(200);
    }

    @Test
    void open311sApiKeyFieldIsAKeyAndNeverReachesTheService() {
        String writer = Keys.issue("APP-311", "complaints:write").getString("key");
        String reader = Keys.issue("NGO-311", "complaints:read").getString("key");

        given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .body("service_code=odour&description=smell+at+night&api_key=" + encoded(writer) + "&lat=30.1")
                .post("/open311/test/requests.json").then().statusCode(200)
                .body("body", equalTo("service_code=odour&description=smell+at+night&lat=30.1"))
                .body("bodyLength", equalTo(54))
                .body("headers.authorization", startsWith("Bearer "))
                .body("headers.content-length", equalTo("54"));
        // a key that may not, a key that is not one, the field twice, and no key at all
        given().contentType("application/x-www-form-urlencoded").body("api_key=" + encoded(reader) + "&service_code=odour")
                .post("/open311/test/requests.json").then().statusCode(403)
                .body("detail", containsString("complaints:write"));
        given().contentType("application/x-www-form-urlencoded").body("api_key=ecok_0123456789_" + "A".repeat(43))
                .post("/open311/test/requests.json").then().statusCode(401).contentType("application/problem+json");
        given().contentType("application/x-www-form-urlencoded")
                .body("api_key=" + encoded(writer) + "&api_key=" + encoded(writer))
                .post("/open311/test/requests.json").then().statusCode(401);
        given().contentType("application/x-www-form-urlencoded").body("service_code=odour")
                .post("/open311/test/requests.json").then().statusCode(401);
        // a key in the header is as good, and the form then goes on untouched
        given().header("X-API-Key", writer).contentType("application/x-www-form-urlencoded").body("service_code=odour")
                .post("/open311/test/requests.json").then().statusCode(200).body("body", equalTo("service_code=odour"));
        // the form is read whole only up to its limit
        given().contentType("application/x-www-form-urlencoded")
                .body("api_key=" + encoded(writer) + "&description=" + "x".repeat(ProxyRoute.FORM_LIMIT))
                .post("/open311/test/requests.json").then().statusCode(413).contentType("application/problem+json");
        // Open311's reads open to everyone are routed under /open311 too
        given().get("/open311/test/requests/ECO7H3K9QX.json").then().statusCode(200)
                .body("path", equalTo("/open311/test/requests/ECO7H3K9QX.json"));
    }

    private static String encoded(String key) {
        return java.net.URLEncoder.encode(key, java.nio.charset.StandardCharsets.UTF_8);
    }
}
