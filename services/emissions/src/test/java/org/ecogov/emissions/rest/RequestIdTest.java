package org.ecogov.emissions.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.ecogov.testing.LogCapture;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ecogov.emissions.Fixtures.*;
import static org.hamcrest.Matchers.is;

/** The gateway's X-Request-Id reaches the service's logs and comes back on the answer. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
class RequestIdTest {

    private static final Duration PATIENCE = Duration.ofSeconds(5);
    private static final String AUDIT = "/api/v1/emissions/audit-entries";

    @Test
    void aRequestsIdIsLoggedAndEchoed() {
        try (LogCapture logs = LogCapture.start()) {
            as(ADMIN).header("X-Request-Id", "test-abc-123").get(AUDIT).then()
                    .statusCode(200)
                    .header("X-Request-Id", "test-abc-123");

            LogCapture.Line access = logs.await(line -> line.message().contains("test-abc-123"), PATIENCE).orElseThrow();
            assertThat(access.logger()).isEqualTo("io.quarkus.http.access-log");
            assertThat(access.message()).contains("\"GET " + AUDIT + " HTTP/1.1\" 200");
            assertThat(access.mdc("requestId")).isEqualTo("test-abc-123");
        }
    }

    @Test
    void aRefusedRequestIsLoggedAndEchoedToo() {
        try (LogCapture logs = LogCapture.start()) {
            given().header("X-Request-Id", "test-refused-1").get(AUDIT).then()
                    .statusCode(401)
                    .header("X-Request-Id", "test-refused-1")
                    .body("type", is("/problems/unauthenticated"));

            assertThat(logs.await(line -> line.message().contains("request-id=test-refused-1"), PATIENCE)).isPresent();
        }
    }

    @Test
    void theConsoleFormatPrintsTheRequestId() {
        assertThat(ConfigProvider.getConfig().getValue("quarkus.log.console.format", String.class))
                .contains("%X{requestId}");
    }
}
