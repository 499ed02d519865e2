package org.ecogov.runtime.problem;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.ecogov.testing.OidcTestKeyResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The fixture sets quarkus.http.limits.max-body-size=16K. */
@QuarkusTest
@QuarkusTestResource(OidcTestKeyResource.class)
class BodySizeLimitTest {

    private static final int LIMIT = 16 * 1024;

    @TestHTTPResource("/fixture/enterprises")
    URL enterprises;

    @Test
    void bodyOverTheLimitIsABodyTooLargeProblem() {
        given().contentType("application/json").body(nameOfLength(LIMIT + 1))
                .post("/fixture/enterprises")
                .then().statusCode(413)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("/problems/body-too-large"))
                .body("status", equalTo(413))
                .body("detail", equalTo("The request body may be at most 16384 bytes."))
                .body("instance", equalTo("/fixture/enterprises"));
    }

    @Test
    void bodyJustUnderTheLimitIsRead() {
        String body = nameOfLength(LIMIT);
        assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(LIMIT);
        // read, then rejected by validation (name longer than 200): the limit let it through
        given().contentType("application/json").body(body)
                .post("/fixture/enterprises")
                .then().statusCode(400)
                .body("type", equalTo("/problems/validation-failed"));
    }

    /**
     * Without a Content-Length nothing can be decided up front, and Quarkus cuts the upload off with a bare 413
     * mid-read (not problem+json: see the README); pinned here so a Quarkus upgrade that changes it is noticed.
     */
    @Test
    void chunkedBodyOverTheLimitIsStillRefused() throws Exception {
        byte[] body = nameOfLength(LIMIT * 4).getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(enterprises.toString()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(413);
        } catch (java.io.IOException closedWhileSending) {
            // Quarkus answers 413 and closes the connection while the client is still sending; whether the
            // client reads the answer before it notices the closed socket is a race. Either way the upload
            // was refused: what must never happen is a response that accepted or processed the body.
        }
    }

    /** A JSON body of exactly {@code length} bytes. */
    private static String nameOfLength(int length) {
        String prefix = "{\"uscc\":\"91341702669392367N\",\"name\":\"";
        String suffix = "\"}";
        return prefix + "x".repeat(length - prefix.length() - suffix.length()) + suffix;
    }
}
