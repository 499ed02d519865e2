package org.ecogov.enforcement.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ecogov.enforcement.Fixtures.*;
import static org.hamcrest.Matchers.is;

import java.time.Duration;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.ecogov.testing.LogCapture;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.junit.jupiter.api.Test;

/** The gateway's X-Request-Id reaches the service's logs and comes back on the answer. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
class RequestIdTest {

    private static final Duration PATIENCE = Duration.ofSeconds(5);

    @Test
    void aRequestsIdIsLoggedAndEchoed() {
        try (LogCapture logs = LogCapture.start()) {
            as(EEB_OFFICER).header("X-Request-Id", "enf-abc-123").get("/api/v1/inspections").then()
                    .statusCode(200)
                    .header("X-Request-Id", "enf-abc-123");

            LogCapture.Line access = logs.await(line -> line.message().contains("enf-abc-123"), PATIENCE).orElseThrow();
            assertThat(access.logger()).isEqualTo("io.quarkus.http.access-log");
            assertThat(access.message()).contains("\"GET /api/v1/inspections HTTP/1.1\" 200");
            assertThat(access.mdc("requestId")).isEqualTo("enf-abc-123");
        }
    }

    @Test
    void aRefusedRequestIsEchoedToo() {
        given().header("X-Request-Id", "enf-refused-1").get("/api/v1/inspections").then()
                .statusCode(401)
                .header("X-Request-Id", "enf-refused-1")
                .body("type", is("/problems/unauthenticated"));
    }
}
