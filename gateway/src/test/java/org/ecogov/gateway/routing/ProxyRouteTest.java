package org.ecogov.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.ecogov.gateway.support.GatewayTestResource;
import org.ecogov.gateway.support.TestUpstream;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.ecogov.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = PostgresTestResource.DATABASE_ARG, value = "gateway"))
@WithTestResource(OidcTestKeyResource.class)
@WithTestResource(GatewayTestResource.class)
@WithTestResource(TestUpstream.class)
class ProxyRouteTest {

    @TestHTTPResource("/")
    URI gateway;

    private static String officer() {
        return TestTokens.officer("EEB-341702", "341702");
    }

    @Test
    void forwardsTheRequestAndRelaysTheAnswerWithoutHopByHopHeaders() {
        String token = officer();
        Response response = given().auth().oauth2(token)
                .header("Connection", "keep-alive, X-Client-Hop").header("X-Client-Hop", "1")
                .header("X-Custom", "kept")
                .get("/api/v1/echo/things?colour=green");
        response.then().statusCode(200)
                .header("X-Upstream", "echo")
                .header("X-Request-Id", notNullValue());
        assertThat(response.header("Keep-Alive")).isNull();
        assertThat(response.header("X-Private-Hop")).isNull();
        JsonObject echo = new JsonObject(response.asString());
        JsonObject headers = echo.getJsonObject("headers");
        assertThat(echo.getString("path")).isEqualTo("/api/v1/echo/things");
        assertThat(echo.getString("query")).isEqualTo("colour=green");
        assertThat(headers.getString("authorization")).isEqualTo("Bearer " + token);
        assertThat(headers.getString("x-custom")).isEqualTo("kept");
        assertThat(headers.containsKey("x-client-hop")).isFalse();
        assertThat(headers.getString("x-request-id")).isEqualTo(response.header("X-Request-Id"));
        assertThat(headers.getString("x-forwarded-for")).isEqualTo("127.0.0.1");
    }

    /**
     * A monitoring vendor's bulk ingest (emissions takes up to 16M) declares its length like any client: the gateway
     * forwards it whole to the service, which judges its own limit; past the largest any service takes, the gateway
     * refuses it itself before reading it.
     */
    @Test
    void aLargeBodyWithItsLengthDeclaredReachesTheServiceAndOnePastEveryServicesLimitDoesNot() throws java.io.IOException {
        byte[] bulk = new byte[3 * 1024 * 1024];
        java.util.Arrays.fill(bulk, (byte) 'x');
        given().auth().oauth2(officer()).contentType("text/csv").body(bulk).post("/api/v1/echo/bulk")
                .then().statusCode(200).body("bodyLength", equalTo(bulk.length));
        // declared past 16M: refused from the head alone, before a byte of the body is read
        org.ecogov.testing.RawHttp.Answer refused = org.ecogov.testing.RawHttp.send(gateway.toURL(),
                "POST /api/v1/echo/bulk HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + officer()
                        + "\r\nContent-Type: text/csv\r\nContent-Length: " + (16 * 1024 * 1024 + 1) + "\r\n\r\nx");
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.body()).contains("/problems/body-too-large");
    }

    /**
     * The services build their links from X-Forwarded-Host and -Proto and read the client's address from
     * X-Forwarded-For, trusting the gateway's address: so the gateway sends what it knows of the request, never what a
     * client wrote into those headers or any other X-Forwarded-* or Forwarded.
     */
    @Test
    void theForwardingHeadersAreTheGatewaysOwnNeverTheClients() {
        Response response = given().auth().oauth2(officer())
                .header("X-Forwarded-Host", "evil.example").header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Port", "6666").header("X-Forwarded-For", "203.0.113.9")
                .header("X-Forwarded-Prefix", "/evil").header("X-Forwarded-Ssl", "on").header("Forwarded", "host=evil.example")
                .get("/api/v1/echo/x");
        response.then().statusCode(200);
        JsonObject headers = new JsonObject(response.asString()).getJsonObject("headers");

        assertThat(headers.getString("x-forwarded-host")).isEqualTo(gateway.getHost() + ":" + gateway.getPort());
        assertThat(headers.getString("x-forwarded-proto")).isEqualTo("http");
        assertThat(headers.getString("x-forwarded-for")).isEqualTo("127.0.0.1");
        assertThat(headers.fieldNames()).doesNotContain("x-forwarded-port", "x-forwarded-prefix", "x-forwarded-ssl", "forwarded");
    }

    /** Nor are the gateway's own links taken from a client's forwarding headers. */
    @Test
    void theGatewaysOwnLocationIgnoresAClientsForwardingHeaders() {
        String location = given().auth().oauth2(TestTokens.platformAdmin()).contentType("application/json")
                .header("X-Forwarded-Host", "evil.example").header("X-Forwarded-Proto", "https").header("Forwarded", "host=evil.example")
                .body(java.util.Map.of("organisation", "LINKS", "organisationName", "Links Ltd.", "name", "links",
                        "scopes", java.util.List.of("registry:read"), "expiresAt",
                        java.time.Instant.now().plus(java.time.Duration.ofDays(1)).toString(),
                        "rateLimit", java.util.Map.of("requests", 10, "windowSeconds", 60)))
                .post("/api/v1/api-keys").then().statusCode(201).extract().header("Location");

        assertThat(location).startsWith("http://" + gateway.getHost() + ":" + gateway.getPort() + "/api/v1/api-keys/ecok_");
    }

    @Test
    void keepsASaneRequestIdAndReplacesOneThatCouldForgeLogLines() {
        given().auth().oauth2(officer()).header("X-Request-Id", "dept-eeb:batch-42")
                .get("/api/v1/echo/x").then().statusCode(200).header("X-Request-Id", "dept-eeb:batch-42");
        Response forged = given().auth().oauth2(officer()).header("X-Request-Id", "a b\" forged=1")
                .get("/api/v1/echo/x");
        String replaced = forged.then().statusCode(200).extract().header("X-Request-Id");
        assertThat(replaced).matches("[0-9a-f-]{36}");
        // the service sees the id decided at the door, never the forged one
        assertThat(new JsonObject(forged.asString()).getJsonObject("headers").getString("x-request-id")).isEqualTo(replaced);
    }

    @Test
    void refusesMissingExpiredAndForeignTokensBeforeAnyServiceSeesThem() {
        long before = TestUpstream.requests.get();
        given().get("/api/v1/echo/x").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("ApiKey"))
                .body("type", equalTo("/problems/unauthenticated"));
        given().auth().oauth2(TestTokens.expired()).get("/api/v1/echo/x").then().statusCode(401);
        given().auth().oauth2(TestTokens.signedByStranger()).get("/api/v1/echo/x").then().statusCode(401);
        given().header("Authorization", "Basic YWRtaW46ZGVtbw==").get("/api/v1/echo/x").then().statusCode(401)
                .body("detail", containsString("Bearer"));
        // a realm token for another audience, or from another issuer
        given().auth().oauth2(TestTokens.builder().roles("agency-officer").audience("account").sign())
                .get("/api/v1/echo/x").then().statusCode(401);
        given().auth().oauth2(TestTokens.builder().roles("agency-officer").issuer("http://127.0.0.1:1/realms/other").sign())
                .get("/api/v1/echo/x").then().statusCode(401);
        // a token the gateway signed for a service is no credential at the door, even with the key to check it
        given().auth().oauth2(TestTokens.thirdParty("GREENWATCH", "emissions:read")).get("/api/v1/echo/x").then()
                .statusCode(401);
        assertThat(TestUpstream.requests.get()).isEqualTo(before);
    }

    @Test
    void aRememberedTokenHelpsOnlyTheExactSameToken() {
        String token = officer();
        given().auth().oauth2(token).get("/api/v1/echo/x").then().statusCode(200);
        given().auth().oauth2(token).get("/api/v1/echo/x").then().statusCode(200);
        // the same signature with a changed payload (a wider jurisdiction, say) is verified, and fails
        String[] parts = token.split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"341702\"", "\"34\"");
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(forged).isNotEqualTo(token).endsWith(token.substring(token.length() - 48));
        given().auth().oauth2(forged).get("/api/v1/echo/x").then().statusCode(401);
    }

    @Test
    void anUnknownPathIsAProblemNotAGuess() {
        given().auth().oauth2(officer()).get("/api/v1/nothing-here").then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo("/problems/not-found"));
    }

    @Test
    void dotSegmentsCannotEscapeTheRouteTheyMatch() {
        // normalised to /api/v1/echo/x before matching, and forwarded so
        given().auth().oauth2(officer()).urlEncodingEnabled(false).get("/api/v1/stopped/../echo/x")
                .then().statusCode(200).body("path", equalTo("/api/v1/echo/x"));
    }

    @Test
    void aStoppedServiceIsAQuick503() {
        long start = System.nanoTime();
        given().auth().oauth2(officer()).get("/api/v1/stopped/anything").then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("type", equalTo("/problems/service-unavailable"), "detail", containsString("stopped"));
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1000);
    }

    @Test
    void aSlowServiceIsA504AfterItsTimeout() {
        long start = System.nanoTime();
        given().auth().oauth2(officer()).get("/api/v1/slow/x?ms=4000").then().statusCode(504)
                .contentType("application/problem+json").body("type", equalTo("/problems/service-timeout"));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(millis).isBetween(900L, 3000L);
        given().auth().oauth2(officer()).get("/api/v1/slow/x?ms=50").then().statusCode(200);
    }

    @Test
    void aSlowServiceIsA504ForHttp2ClientsToo() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            var client = vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions()
                    .setProtocolVersion(io.vertx.core.http.HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false));
            long start = System.nanoTime();
            var answer = client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost(gateway.getHost())
                            .setPort(gateway.getPort()).setURI("/api/v1/slow/x?ms=4000")
                            .putHeader("Authorization", "Bearer " + officer()))
                    .compose(request -> request.send())
                    .compose(r -> r.body().map(b -> java.util.Map.entry(r, b)))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(answer.getKey().version()).isEqualTo(io.vertx.core.http.HttpVersion.HTTP_2);
            assertThat(answer.getKey().statusCode()).isEqualTo(504);
            assertThat(answer.getValue().toJsonObject().getString("type")).isEqualTo("/problems/service-timeout");
            assertThat(millis).isBetween(900L, 3000L);
        } finally {
            vertx.close();
        }
    }

    @Test
    void anErrorWithoutABodyGetsAProblemBody() {
        given().auth().oauth2(officer()).get("/api/v1/bare/413").then().statusCode(413)
                .contentType("application/problem+json").body("type", equalTo("/problems/body-too-large"));
    }

    @Test
    void aFailingServiceHasItsCircuitOpened() {
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(officer()).get("/api/v1/flaky/x").then().statusCode(503)
                    .body("title", equalTo("x"));
        }
        long before = TestUpstream.requests.get();
        given().auth().oauth2(officer()).get("/api/v1/flaky/x").then().statusCode(503)
                .header("Retry-After", notNullValue())
                .body("detail", containsString("stopped calling"));
        assertThat(TestUpstream.requests.get()).isEqualTo(before);
    }

    @Test
    void aLargeUploadIsStreamedNotBuffered() throws Exception {
        uploadTwentyMegabytes(new HttpClientOptions());
    }

    /** An HTTP/2 body has neither Content-Length nor Transfer-Encoding: it must reach the service all the same. */
    @Test
    void aLargeHttp2UploadWithoutContentLengthIsStreamedToo() throws Exception {
        uploadTwentyMegabytes(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false));
    }

    private void uploadTwentyMegabytes(HttpClientOptions options) throws Exception {
        TestUpstream.firstBytes = new CompletableFuture<>();
        Vertx vertx = Vertx.vertx();
        try {
            var client = vertx.createHttpClient(options);
            HttpClientRequest request = client.request(new RequestOptions().setMethod(HttpMethod.POST)
                    .setHost(gateway.getHost()).setPort(gateway.getPort()).setURI("/api/v1/echo/stream")
                    .putHeader("Authorization", "Bearer " + officer())
                    .putHeader("Content-Type", "application/octet-stream"))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            request.setChunked(true);
            // the body handler is set as the answer arrives, not later from the test thread (data would be lost)
            CompletableFuture<java.util.Map.Entry<Integer, Buffer>> answer = request.response()
                    .compose(r -> r.body().map(b -> java.util.Map.entry(r.statusCode(), b)))
                    .toCompletionStage().toCompletableFuture();
            byte[] megabyte = new byte[1024 * 1024];
            request.write(Buffer.buffer(megabyte));
            // the service sees the first megabyte while the client still holds the other 19: nothing waits
            // for the whole body
            TestUpstream.firstBytes.get(10, TimeUnit.SECONDS);
            for (int i = 1; i < 20; i++) {
                request.write(Buffer.buffer(megabyte)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
            request.end();
            var response = answer.get(30, TimeUnit.SECONDS);
            Buffer body = response.getValue();
            assertThat(response.getKey()).as(body.toString()).isEqualTo(200);
            JsonObject echo = body.toJsonObject();
            assertThat(echo.getLong("bodyLength")).isEqualTo(20L * 1024 * 1024);
        } finally {
            vertx.close();
        }
    }
}
