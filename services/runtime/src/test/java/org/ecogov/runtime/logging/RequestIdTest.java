package org.ecogov.runtime.logging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.time.Duration;
import java.util.List;

import org.ecogov.testing.LogCapture;
import org.ecogov.testing.OidcTestKeyResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Every request's X-Request-Id is in the lines it causes, in the access log, and echoed on the answer. */
@QuarkusTest
@QuarkusTestResource(OidcTestKeyResource.class)
class RequestIdTest {

    private static final Duration PATIENCE = Duration.ofSeconds(5);
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    void linesLoggedWhileServingARequestCarryItsId() {
        try (LogCapture logs = LogCapture.start()) {
            given().header("X-Request-Id", "test-abc-123").get("/fixture/log").then()
                    .statusCode(200)
                    .header("X-Request-Id", "test-abc-123");

            LogCapture.Line served = logs.await(line -> line.message().equals("fixture serving a request"), PATIENCE)
                    .orElseThrow();
            assertThat(served.mdc(RequestIds.MDC_KEY)).isEqualTo("test-abc-123");
            LogCapture.Line onWorker = logs.await(line -> line.message().equals("fixture still serving it on a worker"),
                    PATIENCE).orElseThrow();
            assertThat(onWorker.mdc(RequestIds.MDC_KEY)).as("the id follows the request to another thread")
                    .isEqualTo("test-abc-123");
        }
    }

    @Test
    void theAccessLogHasALinePerRequestWithItsId() {
        try (LogCapture logs = LogCapture.start()) {
            given().header("X-Request-Id", "test-abc-123").get("/fixture/log").then().statusCode(200);

            LogCapture.Line access = logs.await(line -> line.logger().equals("io.quarkus.http.access-log")
                    && line.message().contains("/fixture/log"), PATIENCE).orElseThrow();
            assertThat(access.message()).contains("\"GET /fixture/log HTTP/1.1\" 200").endsWith("request-id=test-abc-123");
        }
    }

    @Test
    void errorsEchoTheIdToo() {
        given().header("X-Request-Id", "err-1").get("/fixture/caller").then()
                .statusCode(401)
                .header("X-Request-Id", "err-1");
        given().header("X-Request-Id", "err-2").get("/fixture/no-such-thing").then()
                .statusCode(404)
                .header("X-Request-Id", "err-2");
    }

    @Test
    void anUnexpectedFailureIsLoggedWithTheRequestsId() {
        try (LogCapture logs = LogCapture.start()) {
            given().header("X-Request-Id", "err-3").get("/fixture/failures/bug").then()
                    .statusCode(500)
                    .header("X-Request-Id", "err-3");

            LogCapture.Line error = logs.await(line -> line.level().intValue() >= java.util.logging.Level.SEVERE.intValue(),
                    PATIENCE).orElseThrow();
            assertThat(error.mdc(RequestIds.MDC_KEY)).isEqualTo("err-3");
        }
    }

    @Test
    void aRequestWithoutAnIdGetsOne() {
        String first = given().get("/fixture/log").then().statusCode(200)
                .header("X-Request-Id", matchesPattern(UUID)).extract().header("X-Request-Id");
        String second = given().get("/fixture/log").then().extract().header("X-Request-Id");
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void anIdTheContractDoesNotAllowIsReplaced() {
        for (String bad : List.of("", "has space", "semi;colon", "x".repeat(129), "zero\u00e9")) {
            given().header("X-Request-Id", bad).get("/fixture/log").then()
                    .header("X-Request-Id", matchesPattern(UUID));
        }
        given().header("X-Request-Id", "A-z.0_9:" + "x".repeat(120)).get("/fixture/log").then()
                .header("X-Request-Id", equalTo("A-z.0_9:" + "x".repeat(120)));
    }

    @Test
    void whatHandlesTheRequestLaterSeesTheIdDecidedHere() {
        String answered = given().header("X-Request-Id", "has space").get("/fixture/log/request-id").then()
                .statusCode(200).extract().header("X-Request-Id");
        given().header("X-Request-Id", "has space").get("/fixture/log/request-id").then()
                .body(matchesPattern(UUID));
        assertThat(given().get("/fixture/log/request-id").then().extract().body().asString()).matches(UUID);
        assertThat(answered).matches(UUID);
        given().header("X-Request-Id", "kept-1").get("/fixture/log/request-id").then().body(equalTo("kept-1"));
    }

    @Test
    void saneIdsAreThoseOfTheContract() {
        assertThat(RequestIds.sane("7f1c-42")).isEqualTo("7f1c-42");
        assertThat(RequestIds.sane(null)).matches(UUID);
        assertThat(RequestIds.sane("a\r\nforged log line")).matches(UUID);
    }

    @Test
    void freshIdsAreVersion4UuidsAndDiffer() {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < 1000; i++) {
            java.util.UUID id = java.util.UUID.fromString(RequestIds.fresh());
            assertThat(id.version()).isEqualTo(4);
            assertThat(id.variant()).isEqualTo(2);
            ids.add(id.toString());
        }
        assertThat(ids).hasSize(1000);
    }
}
