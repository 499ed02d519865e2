package org.ecogov.registry.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecogov.registry.Fixtures.EEB_OFFICER;
import static org.ecogov.registry.Fixtures.TOWN_A;
import static org.ecogov.registry.Fixtures.details;
import static org.ecogov.registry.Fixtures.enterpriseIn;
import static org.ecogov.registry.Fixtures.newUscc;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.ecogov.registry.Database;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * One officer's crafted requests must not take the registry from everyone (issue 9: an enterprise name of 60,000
 * {@code a} and one U+0001 took the registry 10 s, and four such requests held an unrelated read up for 20.8 s).
 * Eight of the requests go in parallel; a read sent while
 * they are in flight must not take more than 100 ms longer than the same read takes in the same test without them
 * (medians over seven rounds, the reads alone taken between them, so a loaded machine's hiccup is not mistaken for
 * the registry's), and each crafted request must itself be refused, naming the field, within a bound.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
class CraftedInputTest {

    private static final int CRAFTED = 8;
    private static final int ROUNDS = 7;
    private static final long MAX_DELAY_MILLIS = 100;
    private static final long MAX_CRAFTED_MILLIS = 2_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = Logger.getLogger(CraftedInputTest.class);

    @TestHTTPResource("/")
    URI registry;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ExecutorService senders = Executors.newFixedThreadPool(CRAFTED);

    @AfterEach
    void stopSenders() {
        senders.shutdownNow();
    }

    @Test
    void eightCraftedRequestsInParallelDoNotHoldUpAConcurrentRead() throws Exception {
        enterpriseIn(TOWN_A);
        long enterprises = Database.count("enterprise");
        List<HttpRequest> crafted = new ArrayList<>();
        for (int i = 0; i < CRAFTED; i++) {
            crafted.add(craftedRegistration("a".repeat(60_000) + "\u0001"));
        }
        for (int i = 0; i < 5; i++) {
            millis(read(), 200);
        }
        // a first round unmeasured: the client opens its connections, the JIT compiles the paths
        round(crafted, new ArrayList<>());

        // each round: three reads alone, then one while the eight crafted requests are in flight; the reads alone are
        // taken between the rounds, so both kinds see the same machine, however busy it is at the moment
        List<Long> alone = new ArrayList<>();
        List<Long> alongside = new ArrayList<>();
        List<Long> craftedMillis = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < 3; i++) {
                alone.add(millis(read(), 200));
            }
            alongside.add(round(crafted, craftedMillis));
        }

        long usual = median(alone);
        long delay = median(alongside) - usual;
        LOG.infof("the read alone: %d ms (median of %s); beside eight crafted requests: %s ms; the crafted requests: %s ms",
                usual, alone, alongside, craftedMillis);
        assertThat(delay).as("the read took %d ms alone (median), %s ms beside the crafted requests", usual, alongside)
                .isLessThanOrEqualTo(MAX_DELAY_MILLIS);
        assertThat(craftedMillis).as("each crafted request's own time, ms").allSatisfy(
                millis -> assertThat(millis).isLessThanOrEqualTo(MAX_CRAFTED_MILLIS));
        assertThat(Database.count("enterprise")).isEqualTo(enterprises);
    }

    @Test
    void aNameAsLongAsTheBodyLimitAllowsIsRefusedWithinTheBound() throws Exception {
        HttpRequest request = asLongAsTheBodyLimitAllows();
        millis(request, 400);
        assertThat(millis(request, 400)).as("ms").isLessThanOrEqualTo(MAX_CRAFTED_MILLIS);
    }

    /**
     * Sends the crafted requests in parallel and, while they are in flight, the read; how long the read took. Each
     * crafted request's time goes to {@code craftedMillis}.
     */
    private long round(List<HttpRequest> crafted, List<Long> craftedMillis) throws InterruptedException {
        CountDownLatch sending = new CountDownLatch(CRAFTED);
        List<CompletableFuture<Long>> inFlight = new ArrayList<>();
        for (HttpRequest request : crafted) {
            inFlight.add(CompletableFuture.supplyAsync(() -> {
                sending.countDown();
                return millis(request, 400);
            }, senders));
        }
        sending.await();
        Thread.sleep(20);
        long read = millis(read(), 200);
        for (CompletableFuture<Long> request : inFlight) {
            craftedMillis.add(request.join());
        }
        return read;
    }

    /** The body limit's worth: the longest name that still fits into one request. */
    private HttpRequest asLongAsTheBodyLimitAllows() throws Exception {
        long limit = ConfigProvider.getConfig().getValue("quarkus.http.limits.max-body-size", MemorySize.class)
                .asLongValue();
        String around = body("\u0001");
        // the name is the body's only non-ASCII character, written as the six bytes of \u0001
        return craftedRegistration("a".repeat((int) (limit - around.length())) + "\u0001");
    }

    private HttpRequest craftedRegistration(String name) throws Exception {
        return HttpRequest.newBuilder(registry.resolve("/api/v1/enterprises"))
                .header("Authorization", "Bearer " + EEB_OFFICER).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body(name))).build();
    }

    private String body(String name) throws Exception {
        return JSON.writeValueAsString(Map.of("uscc", newUscc(), "details", details(name, TOWN_A)));
    }

    private HttpRequest read() {
        return HttpRequest.newBuilder(registry.resolve("/api/v1/enterprises?limit=1"))
                .header("Authorization", "Bearer " + EEB_OFFICER).timeout(Duration.ofSeconds(10)).GET().build();
    }

    /** Sends the request, checks the answer, and says how long it took. */
    private long millis(HttpRequest request, int status) {
        long started = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(request.method() + " " + request.uri() + " got no answer: " + e, e);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        if (status == 400) {
            try {
                JsonNode problem = JSON.readTree(response.body());
                assertThat(problem.path("type").asText()).isEqualTo("/problems/validation-failed");
                assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("details.name");
                assertThat(problem.path("errors").get(0).path("message").asText())
                        .isEqualTo("size must be between 1 and 200");
            } catch (java.io.IOException e) {
                throw new AssertionError(response.body(), e);
            }
        }
        return millis;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
