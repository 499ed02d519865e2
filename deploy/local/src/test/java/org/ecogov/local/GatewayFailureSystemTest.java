package org.ecogov.local;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A slow or stopped service behind the door: 504 after the service's timeout (HTTP/1.1 and HTTP/2), 503 at once
 * for a stopped one, the health that says which, and recovery once it is back.
 */
class GatewayFailureSystemTest extends ThroughTheGateway {

    private static final String SILENT_PATH = SystemStack.SILENT_PATH;
    private static final Duration SILENT_TIMEOUT = SystemStack.SILENT_TIMEOUT;
    /** The gateway's default wait for the registry, which the stack leaves as it is. */
    private static final Duration REGISTRY_TIMEOUT = Duration.ofSeconds(10);

    @Test
    void aServiceThatNeverAnswersIs504AfterItsTimeout() throws Exception {
        // over HTTP/1.1; the same over HTTP/2 is the next test
        long started = System.nanoTime();
        Reply reply = send(HTTP_1_1, stack.gateway().baseUrl(), "GET", SILENT_PATH, bearer(user("eeb.officer")), null);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(reply.status()).as(reply.text()).isEqualTo(504);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("type").asText()).isEqualTo("/problems/service-timeout");
        assertThat(took).isBetween(SILENT_TIMEOUT.minusMillis(100), SILENT_TIMEOUT.plusSeconds(3));
    }

    /**
     * The same over HTTP/2 (h2c upgrade or prior knowledge, as the JDK's client and curl --http2 do). A bodiless
     * HTTP/2 request has ended when it arrives; the gateway once tried to resume it and never answered.
     */
    @Test
    void aServiceThatNeverAnswersIs504AfterItsTimeoutForHttp2ClientsToo() throws Exception {
        HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        long started = System.nanoTime();
        Reply reply = send(http2, stack.gateway().baseUrl(), "GET", SILENT_PATH, bearer(user("eeb.officer")), null);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(reply.status()).as(reply.text()).isEqualTo(504);
        assertThat(took).isLessThan(SILENT_TIMEOUT.plusSeconds(3));
    }

    @Test
    void aStoppedRegistryIs503AtOnceAndTheHealthSaysWhich() throws Exception {
        String token = user("eeb.officer");
        GatewayApiKeys.Issued key = issue("SYSTEST-DOWN", List.of("registry:read"), 100);
        assertThat(registryHealth().get("status").asText()).isEqualTo("UP");
        assertThat(gateway("GET", "/q/health", Map.of()).status()).isEqualTo(200);

        stack.stopService(REGISTRY);
        try {
            long started = System.nanoTime();
            Reply read = gateway("GET", "/api/v1/enterprises", bearer(token));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(read.status()).as(read.text()).isEqualTo(503);
            assertThat(read.contentType()).startsWith("application/problem+json");
            assertThat(read.json().get("type").asText()).isEqualTo("/problems/service-unavailable");
            assertThat(read.header("Retry-After")).isPresent();
            assertThat(took).as("a refused connection is answered at once, not after the timeout")
                    .isLessThan(REGISTRY_TIMEOUT.dividedBy(5));

            started = System.nanoTime();
            Reply profile = gateway("GET", "/api/v1/enterprises/" + ACME + "/profile", bearer(token));
            took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(profile.status()).as("the registry decides who may see the profile: " + profile.text()).isEqualTo(503);
            assertThat(profile.contentType()).startsWith("application/problem+json");
            assertThat(took).isLessThan(REGISTRY_TIMEOUT.dividedBy(5));

            Reply keyed = gateway("GET", "/api/v1/enterprises", apiKey(key.key()));
            assertThat(keyed.status()).isEqualTo(503);
            assertThat(keyed.header("RateLimit-Remaining")).isPresent();

            Reply health = gateway("GET", "/q/health", Map.of());
            assertThat(health.status()).isEqualTo(503);
            assertThat(registryHealth().get("status").asText()).isEqualTo("DOWN");
            Reply ready = gateway("GET", "/q/health/ready", Map.of());
            assertThat(ready.status()).as("a dead service does not take the door out of service").isEqualTo(200);
            assertThat(ready.json().get("status").asText()).isEqualTo("UP");
        } finally {
            stack.restart(REGISTRY);
        }
        // the circuit closes again once the registry is back
        Reply back = eventually(Duration.ofSeconds(20), () -> gatewayUnchecked("GET", "/api/v1/enterprises", bearer(token)),
                r -> r.status() == 200);
        assertThat(back.status()).isEqualTo(200);
        assertThat(registryHealth().get("status").asText()).isEqualTo("UP");
    }

    private static JsonNode registryHealth() throws Exception {
        Reply health = gateway("GET", "/q/health", Map.of());
        for (JsonNode check : health.json().get("checks")) {
            if (check.get("name").asText().contains("registry")) {
                return check;
            }
        }
        throw new AssertionError("no registry check in " + health.text());
    }
}
