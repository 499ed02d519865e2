package org.ecogov.runtime.observability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.Duration;

import org.ecogov.runtime.logging.RequestIds;
import org.ecogov.testing.LogCapture;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What every service gets from the runtime for operators: Prometheus metrics per route template and status on the
 * management interface (not on the service's own port), and the caller's W3C trace context continued in its logs.
 */
@QuarkusTest
@QuarkusTestResource(OidcTestKeyResource.class)
class ObservabilityTest {

    private static final Duration PATIENCE = Duration.ofSeconds(5);

    @TestHTTPResource(value = "/metrics", management = true) // the management root is /q
    URL metrics;

    @Test
    void requestsAreMeasuredPerRouteTemplateAndStatus() {
        String token = TestTokens.officer("EEB-341702", "341702");
        given().auth().oauth2(token).get("/fixture/caller/can-see/341702999").then().statusCode(200);
        given().auth().oauth2(token).get("/fixture/caller/can-see/341799").then().statusCode(200);
        given().get("/fixture/caller/can-see/341702").then().statusCode(401);

        String text = given().get(metrics).then().statusCode(200).extract().asString();

        assertThat(text).containsPattern("http_server_requests_seconds_count\\{method=\"GET\",outcome=\"SUCCESS\","
                + "status=\"200\",uri=\"/fixture/caller/can-see/\\{division}\"} [2-9]");
        assertThat(text).containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"401\",uri=\"/fixture/caller/can-see/\\{division}\"}");
        assertThat(text).doesNotContain("341702999").doesNotContain("can-see/341799");
    }

    @Test
    void metricsAreOnTheManagementInterfaceOnly() {
        given().get("/q/metrics").then().statusCode(404);
        given().get(metrics).then().statusCode(200);
    }

    @Test
    void theCallersTraceContextIsContinuedAndInTheLogsWithTheRequestId() {
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        try (LogCapture logs = LogCapture.start()) {
            given().header("traceparent", "00-" + traceId + "-b7ad6b7169203331-01").header(RequestIds.HEADER, "trace-1")
                    .get("/fixture/log").then().statusCode(200);

            LogCapture.Line served = logs.await(line -> line.message().equals("fixture serving a request"), PATIENCE)
                    .orElseThrow();
            assertThat(served.mdc("traceId")).isEqualTo(traceId);
            assertThat(served.mdc(RequestIds.MDC_KEY)).isEqualTo("trace-1");
        }
    }
}
