package org.ecogov.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.util.UUID;

import org.ecogov.gateway.support.GatewayTestResource;
import org.ecogov.gateway.support.Keys;
import org.ecogov.gateway.support.TestUpstream;
import org.ecogov.runtime.logging.RequestIds;
import org.ecogov.testing.LogCapture;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.ecogov.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * What operators see of the gateway: Prometheus metrics on the management interface (per route template and
 * owning service, per API key), the W3C trace context carried on to the service, and the request id on every
 * line the gateway logs for a request.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = PostgresTestResource.DATABASE_ARG, value = "gateway"))
@WithTestResource(OidcTestKeyResource.class)
@WithTestResource(GatewayTestResource.class)
@WithTestResource(TestUpstream.class)
class ObservabilityTest {

    private static final Duration PATIENCE = Duration.ofSeconds(5);
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @TestHTTPResource(value = "/metrics", management = true) // the management root is /q
    URL metrics;

    @Test
    void proxiedRequestsAreMeasuredByRouteTemplateAndServiceNeverByRawPath() {
        String raw = "probe-" + UUID.randomUUID();
        given().auth().oauth2(TestTokens.platformAdmin()).get("/api/v1/echo/" + raw).then().statusCode(200);
        given().auth().oauth2(TestTokens.platformAdmin()).get("/api/v1/nobody-owns/" + raw).then().statusCode(404);

        String text = scrape();

        assertThat(text).contains("ecogov_gateway_requests_seconds_count{method=\"GET\",route=\"/api/v1/echo/**\","
                + "service=\"echo\",status=\"200\"}");
        assertThat(text).containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/api/v1/echo/\\*\\*\"");
        assertThat(text).as("no series is named by a path a client made up").doesNotContain(raw);
        // the gateway's own JAX-RS operations by their templates, as Quarkus names them
        given().auth().oauth2(TestTokens.platformAdmin()).get("/api/v1/api-keys/ecok_aaaaaaaaaa").then().statusCode(404);
        assertThat(scrape()).containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/api/v1/api-keys/\\{keyId}\"");
    }

    @Test
    void callsPerKeyAreCountedByOrganisationAndKey() {
        JsonPath issued = Keys.issue("METRICS-ORG", "emissions:read");
        String key = issued.getString("key");
        String id = issued.getString("apiKey.id");
        given().header("X-API-Key", key).get("/api/v1/echo/a").then().statusCode(200);
        given().header("X-API-Key", key).get("/api/v1/echo/b").then().statusCode(200);
        given().header("X-API-Key", key).contentType("application/json").body("{}").post("/api/v1/echo/c").then().statusCode(403);

        String text = scrape();

        assertThat(text).contains("ecogov_gateway_key_requests_total{key=\"" + id + "\",organisation=\"METRICS-ORG\",outcome=\"served\"} 2.0");
        assertThat(text).contains("ecogov_gateway_key_requests_total{key=\"" + id + "\",organisation=\"METRICS-ORG\",outcome=\"refused\"} 1.0");
    }

    @Test
    void metricsAreNotServedOnThePublicPort() {
        given().get("/q/metrics").then().statusCode(404);
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void theTraceContextIsCarriedToTheServiceAsAChildOfTheCallersSpan() {
        String parent = "00f067aa0ba902b7";
        JsonPath echo = given().auth().oauth2(TestTokens.platformAdmin())
                .header("traceparent", "00-" + TRACE_ID + "-" + parent + "-01")
                .get("/api/v1/echo/traced").then().statusCode(200).extract().jsonPath();

        String forwarded = echo.getString("headers.traceparent");
        // sampled (01) by the caller, but not by the gateway: it decides by the trace id and its own ratio (0 unless
        // export is switched on), not by a flag any client can set
        assertThat(forwarded).matches("00-" + TRACE_ID + "-[0-9a-f]{16}-00");
        assertThat(forwarded).as("the gateway's own span in between").doesNotContain(parent);

        String started = given().auth().oauth2(TestTokens.platformAdmin()).get("/api/v1/echo/untraced").then()
                .statusCode(200).extract().jsonPath().getString("headers.traceparent");
        assertThat(started).as("a request without one starts a trace at the door").matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]")
                .doesNotContain(TRACE_ID);
    }

    @Test
    void everyLineTheGatewayLogsForARequestCarriesItsId() {
        try (LogCapture logs = LogCapture.start()) {
            given().auth().oauth2(TestTokens.platformAdmin()).header(RequestIds.HEADER, "gw-log-1")
                    .get("/api/v1/stopped/x").then().statusCode(503).header(RequestIds.HEADER, "gw-log-1");

            LogCapture.Line warning = logs.await(line -> line.message().contains("unreachable for GET /api/v1/stopped/x"),
                    PATIENCE).orElseThrow();
            assertThat(warning.mdc(RequestIds.MDC_KEY)).as("the proxy's own line, written in a client callback")
                    .isEqualTo("gw-log-1");
            LogCapture.Line access = logs.await(line -> line.logger().equals("io.quarkus.http.access-log")
                    && line.message().contains("/api/v1/stopped/x"), PATIENCE).orElseThrow();
            assertThat(access.message()).endsWith("request-id=gw-log-1");
            assertThat(access.mdc(RequestIds.MDC_KEY)).isEqualTo("gw-log-1");
            assertThat(logs.lines()).filteredOn(line -> line.message().contains("/api/v1/stopped/x"))
                    .allSatisfy(line -> assertThat(line.mdc(RequestIds.MDC_KEY)).as(line.message()).isEqualTo("gw-log-1"));
        }
    }

    private String scrape() {
        return given().get(metrics).then().statusCode(200).extract().asString();
    }
}
