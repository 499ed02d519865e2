package org.ecogov.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeAll;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the gateway's system tests share: the one {@link SystemStack} of the run, the demo park's enterprises, and
 * the calls a client makes (real tokens, real API keys, the JDK's HTTP client). Each test class covers one flow.
 */
abstract class ThroughTheGateway {

    static final String ACME = "91341702669392367N";            // Wusha Town, in the park
    static final String NIUTOUSHAN_FERROALLOY = "91341702470155873W"; // outside Wusha Town
    /** The service that holds the demo park, and the one the failure tests stop. */
    static final String REGISTRY = DemoData.SERVICE;

    static final ObjectMapper JSON = new ObjectMapper();
    /** The JDK's client: HTTP/2 over plain HTTP (h2c upgrade) where the server takes it, as the gateway does. */
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final HttpClient HTTP_1_1 = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    static SystemStack stack;
    static LocalConfig config;
    static Tokens tokens;
    static GatewayApiKeys keys;

    @BeforeAll
    static void useTheStack() {
        stack = SystemStack.get();
        config = stack.config;
        tokens = stack.tokens;
        keys = stack.keys();
    }

    static GatewayApiKeys.Issued issue(String organisation, List<String> scopes, int requestsPerMinute) {
        return keys.create(new GatewayApiKeys.Request(organisation, organisation + " (system test)", "system test key",
                scopes, Instant.now().plus(Duration.ofDays(1)), requestsPerMinute, 60));
    }

    static String user(String name) {
        return tokens.login(name, "demo").value();
    }

    static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    static Map<String, String> apiKey(String key) {
        return Map.of("X-API-Key", key);
    }

    static void assertUnauthenticated(Reply reply) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(401);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("type").asText()).isEqualTo("/problems/unauthenticated");
    }

    static List<String> usccs(JsonNode page) {
        List<String> result = new ArrayList<>();
        page.get("items").forEach(e -> result.add(e.get("uscc").asText()));
        return result;
    }

    static boolean eventuallyInLog(Path log, String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isRegularFile(log) && Files.readString(log, StandardCharsets.UTF_8).contains(text)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    static <T> T eventually(Duration timeout, ThrowingSupplier<T> attempt, Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = attempt.get();
        while (!done.test(last) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            last = attempt.get();
        }
        return last;
    }

    @FunctionalInterface
    interface ThrowingSupplier<T> {
        T get() throws Exception;
    }

    // ---- HTTP ------------------------------------------------------------------------------------------

    record Reply(int status, String text, HttpResponse<String> response) {

        JsonNode json() {
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + text, e);
            }
        }

        String contentType() {
            return header("Content-Type").orElse("");
        }

        Optional<String> header(String name) {
            return response.headers().firstValue(name);
        }
    }

    static Reply gateway(String method, String path, Map<String, String> headers) throws Exception {
        return send(HTTP, stack.gateway().baseUrl(), method, path, headers, null);
    }

    static Reply gateway(String method, String path, Map<String, String> headers, Object body) throws Exception {
        return send(HTTP, stack.gateway().baseUrl(), method, path, headers, body);
    }

    static Reply gatewayUnchecked(String method, String path, Map<String, String> headers) {
        try {
            return gateway(method, path, headers);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Straight to a service, past the gateway. */
    static Reply direct(String service, String method, String path, Map<String, String> headers) throws Exception {
        return send(HTTP, stack.service(service).baseUrl(), method, path, headers, null);
    }

    static Reply send(HttpClient client, URI base, String method, String path, Map<String, String> headers, Object body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body(), response);
    }
}
