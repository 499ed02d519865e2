package org.ecogov.complaints.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.ecogov.testing.LogCapture;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.ecogov.testing.RawHttp;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URL;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ecogov.complaints.Fixtures.*;
import org.ecogov.complaints.TestRegistry;
import static org.hamcrest.Matchers.is;

/** The gateway's X-Request-Id reaches the complaints service's logs and comes back on the answer. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
@WithTestResource(TestRegistry.class)
class RequestIdTest {

    @TestHTTPResource("/")
    URL service;

    private static final Duration PATIENCE = Duration.ofSeconds(5);

    @Test
    void aRequestsIdIsLoggedAndEchoed() {
        try (LogCapture logs = LogCapture.start()) {
            as(EEB_OFFICER).header("X-Request-Id", "test-abc-123").get("/api/v1/complaints").then()
                    .statusCode(200)
                    .header("X-Request-Id", "test-abc-123");

            LogCapture.Line access = logs.await(line -> line.message().contains("test-abc-123"), PATIENCE).orElseThrow();
            assertThat(access.logger()).isEqualTo("io.quarkus.http.access-log");
            assertThat(access.message()).contains("\"GET /api/v1/complaints HTTP/1.1\" 200");
            assertThat(access.mdc("requestId")).isEqualTo("test-abc-123");
        }
    }

    @Test
    void aRefusedRequestIsLoggedAndEchoedToo() {
        try (LogCapture logs = LogCapture.start()) {
            given().header("X-Request-Id", "test-refused-1").get("/api/v1/complaints").then()
                    .statusCode(401)
                    .header("X-Request-Id", "test-refused-1")
                    .body("type", is("/problems/unauthenticated"));

            assertThat(logs.await(line -> line.message().contains("request-id=test-refused-1"), PATIENCE)).isPresent();
        }
    }

    /** Issue 9's request: raw { | } in a filter answered a bare 400 without an X-Request-Id. */
    @Test
    void aRequestTargetThatIsNotAUriIsAProblemWithTheRequestsId() throws Exception {
        RawHttp.Answer answer = RawHttp.send(service, "GET /api/v1/complaints?owner=v~xx{~y{| HTTP/1.1\r\n"
                + "Host: localhost\r\nAuthorization: Bearer " + EEB_OFFICER + "\r\nX-Request-Id: test-raw-1\r\n\r\n",
                InetAddress.getByName("127.0.0.2"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(answer.header("X-Request-Id")).isEqualTo("test-raw-1");
        assertThat(answer.body()).contains("\"type\":\"/problems/malformed-request\"", "percent-encoded");
    }

    @Test
    void theConsoleFormatPrintsTheRequestId() {
        assertThat(ConfigProvider.getConfig().getValue("quarkus.log.console.format", String.class))
                .contains("%X{requestId}");
    }
}
