package org.ecogov.runtime.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URL;

import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.RawHttp;
import org.ecogov.testing.RawHttp.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What a fuzzer sends in the request line and the header fields, over a raw socket: every request that reaches a route
 * is answered with a problem and its X-Request-Id (MalformedRequests); what Netty refuses while decoding is answered
 * by Vert.x with a bare status and a closed connection, never a success, a 5xx or a stack trace (the limit
 * services/runtime/README.md describes).
 */
@QuarkusTest
@QuarkusTestResource(OidcTestKeyResource.class)
class MalformedRequestTest {

    private static final String RAW_BRACES = "/fixture/enterprises?name=v~xx{~y{|";

    @TestHTTPResource("/")
    URL server;

    @Test
    void rawBracesAndBarsInTheQueryAreAMalformedRequestProblemWithTheRequestsId() throws IOException {
        Answer answer = send("GET " + RAW_BRACES + " HTTP/1.1\r\nHost: localhost\r\nX-Request-Id: fuzz-1\r\n\r\n");

        assertProblem(answer, 400, "malformed-request");
        assertThat(answer.header("X-Request-Id")).isEqualTo("fuzz-1");
        assertThat(answer.body()).contains("Illegal character in query at index 30", "must be percent-encoded");
    }

    @Test
    void theSameCharactersPercentEncodedAreServed() throws IOException {
        Answer answer = send("GET /fixture/enterprises?name=v~xx%7B~y%7B%7C HTTP/1.1\r\nHost: localhost\r\n\r\n");

        assertThat(answer.status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = { "/fixture/a\"b", "/fixture/<script>", "/fixture\\enterprises", "/fixture/a^b", "/fixture/a`b",
            "/fixture/%zz", "/fixture/enterprises?name=%zz", "/fixture/enterprises?name=%4", "/fixture/a%", "/fixture/\u0001",
            "/fixture/\u007f", "/fixture/#fragment#twice", "//fixture/enterprises" })
    void aTargetThatIsNotAUriOrNotAPathIsAMalformedRequestProblem(String target) throws IOException {
        Answer answer = send("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n\r\n");

        assertProblem(answer, 400, "malformed-request");
    }

    @Test
    void anAsteriskARelativeOrAnAuthorityTargetIsANotFoundProblem() throws IOException {
        assertProblem(send("OPTIONS * HTTP/1.1\r\nHost: localhost\r\n\r\n"), 404, "not-found");
        assertProblem(send("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n"), 404, "not-found");
        assertProblem(send("GET fixture/enterprises HTTP/1.1\r\nHost: localhost\r\n\r\n"), 404, "not-found");
    }

    @ParameterizedTest
    @ValueSource(strings = { "GET /fixture/enterprises HTTP/1.1\r\n\r\n", "GET /fixture/enterprises HTTP/1.0\r\n\r\n",
            "GET /fixture/enterprises HTTP/1.1\r\nHost:\r\n\r\n",
            "GET /fixture/enterprises HTTP/1.1\r\nHost: exa mple\r\n\r\n", "GET /fixture/enterprises HTTP/1.1\r\nHost: a:b:c\r\n\r\n",
            "GET /fixture/enterprises HTTP/1.1\r\nHost: a/b\r\n\r\n" })
    void aMissingOrBrokenHostIsAMalformedRequestProblem(String request) throws IOException {
        Answer answer = send(request);

        assertProblem(answer, 400, "malformed-request");
        assertThat(answer.body()).contains("Host");
    }

    /**
     * Two Host headers are refused where the forwarding headers are not read (the gateway: GatewayMalformedRequestTest);
     * a service, which reads them from the gateway, sees one Host, as Quarkus keeps the first whoever calls.
     */
    @Test
    void aServiceTakesTheFirstOfTwoHostHeaders() throws IOException {
        Answer answer = send("GET /fixture/enterprises HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n");

        assertThat(answer.status()).isEqualTo(200);
    }

    @Test
    void anUnknownHttpVersionIs505() throws IOException {
        assertProblem(send("GET /fixture/enterprises HTTP/9.9\r\nHost: localhost\r\n\r\n"), 505, "http-version-not-supported");
    }

    @Test
    void aTargetOverTheLimitIsA414Problem() throws IOException {
        Answer answer = send("GET /fixture/enterprises?name=" + "a".repeat(4100) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");

        assertProblem(answer, 414, "request-target-too-long");
        assertThat(answer.body()).contains("at most 4096 characters");
    }

    @Test
    void headerFieldsOverTheLimitAreA431Problem() throws IOException {
        Answer answer = send("GET /fixture/enterprises HTTP/1.1\r\nHost: localhost\r\nCookie: " + "a".repeat(21 * 1024)
                + "\r\n\r\n");

        assertProblem(answer, 431, "request-headers-too-large");
    }

    /**
     * Netty refuses these before any route runs, and Quarkus 3.33 gives no way to answer them ourselves: Vert.x's
     * default invalid-request handler answers a bare status and closes the connection.
     */
    @ParameterizedTest
    @ValueSource(strings = { "HELLO\r\n\r\n", "GET /fixture/enterprises HTTP/1.1\nHost: localhost\n\n",
            "GET /fixture/ent erprises HTTP/1.1\r\nHost: localhost\r\n\r\n",
            "GET /fixture/enterprises HTTP/1.1\r\nHost: localhost\r\nBad Name: x\r\n\r\n",
            "GET /fixture/enterprises HTTP/1.1\r\nHost: localhost\r\nX-A: a\u0001b\r\n\r\n",
            "POST /fixture/enterprises HTTP/1.1\r\nHost: localhost\r\nContent-Length: abc\r\n\r\n",
            "POST /fixture/enterprises HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}" })
    void whatNettyCannotDecodeIsABare400AndTheConnectionIsClosed(String request) throws IOException {
        Answer answer = send(request);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.body()).isEmpty();
        assertThat(answer.closed()).isTrue();
    }

    @Test
    void overNettysOwnLimitsTheAnswerIsABare414Or431AndTheConnectionIsClosed() throws IOException {
        Answer longLine = send("GET /fixture/enterprises?name=" + "a".repeat(9000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertThat(longLine.status()).isEqualTo(414);
        assertThat(longLine.closed()).isTrue();

        Answer bigHeaders = send("GET /fixture/enterprises HTTP/1.1\r\nHost: localhost\r\nCookie: " + "a".repeat(40 * 1024)
                + "\r\n\r\n");
        assertThat(bigHeaders.status()).isEqualTo(431);
        assertThat(bigHeaders.closed()).isTrue();
    }

    /** From 127.0.0.2: a client, not the trusted proxy (127.0.0.1) whose forwarding headers a service reads. */
    private Answer send(String request) throws IOException {
        return RawHttp.send(server, request, InetAddress.getByName("127.0.0.2"));
    }

    private static void assertProblem(Answer answer, int status, String type) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).isEqualTo(Problem.MEDIA_TYPE);
        assertThat(answer.header("X-Request-Id")).isNotBlank();
        assertThat(answer.body()).contains("\"type\":\"/problems/" + type + "\"", "\"status\":" + status)
                .doesNotContain("Exception", "\tat ", "stack");
    }
}
