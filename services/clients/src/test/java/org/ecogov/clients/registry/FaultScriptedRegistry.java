package org.ecogov.clients.registry;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * An HTTP server in the registry's place that answers what a test scripts, one answer per request in order (then
 * the record), and counts the requests: what is under test is what the client does with failures the real
 * registry cannot be made to produce on demand (503s, silence, a broken answer). The real registry behind the
 * client is exercised through the gateway's profile in deploy/local's system tests.
 */
public class FaultScriptedRegistry implements QuarkusTestResourceLifecycleManager {

    /** A scripted answer: status and body, after a pause. */
    public record Answer(int status, String body, long delayMillis) {
        static Answer of(int status, String body) {
            return new Answer(status, body, 0);
        }
    }

    static final String USCC = "91341702669392367N";
    static final String RECORD = "{\"uscc\":\"" + USCC + "\",\"details\":{\"name\":\"Acme\",\"divisionCode\":\"341702102\","
            + "\"newMemberTheClientDoesNotKnow\":1},\"status\":\"operating\",\"usccCheckOverridden\":false}";

    static final Queue<Answer> script = new ConcurrentLinkedQueue<>();
    static final AtomicInteger requests = new AtomicInteger();
    static final AtomicReference<String> lastAuthorization = new AtomicReference<>();
    static final AtomicReference<String> lastRequestId = new AtomicReference<>();
    static final AtomicReference<String> lastUri = new AtomicReference<>();

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            requests.incrementAndGet();
            lastAuthorization.set(request.getHeader("Authorization"));
            lastRequestId.set(request.getHeader("X-Request-Id"));
            lastUri.set(request.uri());
            Answer answer = script.poll();
            if (answer == null) {
                answer = Answer.of(200, request.path().endsWith("/outlets") ? "{\"items\":[]}" : RECORD);
            }
            Answer chosen = answer;
            String type = chosen.status() >= 400 ? "application/problem+json" : "application/json";
            vertx.setTimer(Math.max(1, chosen.delayMillis()), t -> request.response().setStatusCode(chosen.status())
                    .putHeader("Content-Type", type).end(chosen.body()));
        });
        server = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        return Map.of("quarkus.rest-client.registry.url", "http://127.0.0.1:" + server.actualPort());
    }

    @Override
    public void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }
}
