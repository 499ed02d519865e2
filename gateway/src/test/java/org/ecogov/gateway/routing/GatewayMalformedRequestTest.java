package org.ecogov.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.util.stream.Stream;

import org.ecogov.gateway.support.GatewayTestResource;
import org.ecogov.gateway.support.TestUpstream;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.ecogov.testing.RawHttp;
import org.ecogov.testing.RawHttp.Answer;
import org.ecogov.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What a fuzzer sends to the door, over a raw socket: a problem with its X-Request-Id, and nothing reaches a service
 * (services/runtime's MalformedRequests runs before the proxy route). The classes of input are the runtime's
 * MalformedRequestTest's; here the ones a proxy must not pass on.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = PostgresTestResource.DATABASE_ARG, value = "gateway"))
@WithTestResource(OidcTestKeyResource.class)
@WithTestResource(GatewayTestResource.class)
@WithTestResource(TestUpstream.class)
class GatewayMalformedRequestTest {

    @TestHTTPResource("/")
    URL gateway;

    /** The request of issue 9, which answered a bare 400 without an X-Request-Id. */
    @Test
    void rawBracesInAListsQueryAreAProblemWithTheRequestsId() throws IOException {
        Answer answer = send("GET /api/v1/enterprises?nameContains=v~xx{~y{| HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + TestTokens.platformAdmin() + "\r\nX-Request-Id: fuzz-gw-1\r\n\r\n");

        assertProblem(answer, 400, "malformed-request");
        assertThat(answer.header("X-Request-Id")).isEqualTo("fuzz-gw-1");
    }

    @ParameterizedTest
    @ValueSource(strings = { "GET /api/v1/echo/x?q=v~xx{~y{| HTTP/1.1\r\nHost: localhost\r\n",
            "GET /api/v1/echo/a%zz HTTP/1.1\r\nHost: localhost\r\n", "GET /api/v1/echo/x HTTP/1.1\r\n",
            "GET /api/v1/echo/x HTTP/1.1\r\nHost: a\r\nHost: b\r\n", "GET /api/v1/echo/x HTTP/1.1\r\nHost: a b\r\n",
            "GET /api/v1/echo/\\x HTTP/1.1\r\nHost: localhost\r\n" })
    void aMalformedRequestIsAProblemAndNeverReachesTheService(String head) throws IOException {
        long before = TestUpstream.requests.get();

        Answer answer = send(head + "Authorization: Bearer " + TestTokens.platformAdmin() + "\r\n\r\n");

        assertProblem(answer, 400, "malformed-request");
        assertThat(TestUpstream.requests.get()).as("requests the service received").isEqualTo(before);
    }

    /**
     * What Vert.x refuses before any route runs (services/runtime/README.md): a bare status, the connection closed, and
     * nothing for the service.
     */
    @ParameterizedTest
    @MethodSource("undecodable")
    void whatVertxRefusesWhileDecodingIsABareErrorAndNeverReachesTheService(String request) throws IOException {
        long before = TestUpstream.requests.get();

        Answer answer = send(request);

        assertThat(answer.status()).as(answer.toString()).isIn(400, 414, 501);
        assertThat(answer.body()).isEmpty();
        assertThat(answer.closed()).isTrue();
        assertThat(TestUpstream.requests.get()).isEqualTo(before);
    }

    static Stream<String> undecodable() {
        return Stream.of("GET /api/v1/echo/x HTTP/9.9\r\nHost: localhost\r\n\r\n",
                "GET /api/v1/echo/x HTTP/1.1\r\nHost: localhost\r\nBad Name: x\r\n\r\n", "HELLO\r\n\r\n",
                "GET /api/v1/echo/x?q=" + "a".repeat(9000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
    }

    @Test
    void aTargetOrHeadersOverTheLimitsAreProblemsToo() throws IOException {
        assertProblem(send("GET /api/v1/echo/x?q=" + "a".repeat(5000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n"), 414,
                "request-target-too-long");
        assertProblem(send("GET /api/v1/echo/x HTTP/1.1\r\nHost: localhost\r\nCookie: " + "a".repeat(25_000) + "\r\n\r\n"),
                431, "request-headers-too-large");
    }

    @Test
    void theGatewaysOwnOperationsAnswerTheSame() throws IOException {
        assertProblem(send("GET /api/v1/api-keys?organisation={x} HTTP/1.1\r\nHost: localhost\r\n\r\n"), 400,
                "malformed-request");
        assertProblem(send("GET /q/openapi?x=| HTTP/1.1\r\nHost: localhost\r\n\r\n"), 400, "malformed-request");
    }

    private Answer send(String request) throws IOException {
        return RawHttp.send(gateway, request);
    }

    private static void assertProblem(Answer answer, int status, String type) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(answer.header("X-Request-Id")).isNotBlank();
        assertThat(answer.body()).contains("\"type\":\"/problems/" + type + "\"").doesNotContain("Exception", "\tat ");
    }
}
