package org.ecogov.gateway.support;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

/**
 * A small HTTP server standing in for "a service" in the gateway's routing tests, where what is under test
 * is the proxy's own behaviour (streaming, headers, timeouts, circuit breaking), which no real service can
 * be made to exercise on demand. The real registry behind the real gateway is tested in deploy/local's
 * system tests.
 * <ul>
 * <li>{@code /api/v1/echo/**}: answers with what it received (method, path, headers), after reading the
 * whole body, whose length it reports; {@code /api/v1/echo/stream} also signals when the first body bytes
 * arrive, so a test can prove the gateway forwards a body before the client has finished sending it;</li>
 * <li>{@code /api/v1/slow/**} and {@code /api/v1/guarded/**}: answer after {@code ?ms=} milliseconds (at once without);</li>
 * <li>{@code /api/v1/trickle/**}: answers at once and then sends a byte of its body every 100 ms, for ever;</li>
 * <li>{@code /api/v1/early/**}: answers at once, without waiting for the body;</li>
 * <li>{@code /api/v1/bare/413}: a 413 with no body, as a framework gives for an over-long chunked body;</li>
 * <li>{@code /api/v1/broken/**}: answers 503 (for the circuit breaker);</li>
 * <li>{@code /api/v1/open/**} and {@code /open311/**}: as echo, with the body's text too (small forms);</li>
 * <li>{@code /q/health/live}: 200.</li>
 * </ul>
 * For trickle and early, {@link #held} completes with how long the gateway kept the connection open (ms).
 */
public class TestUpstream implements QuarkusTestResourceLifecycleManager {

    /** Completed when the first body bytes of a /stream request arrive. */
    public static volatile CompletableFuture<Long> firstBytes = new CompletableFuture<>();
    public static final AtomicLong requests = new AtomicLong();
    public static final AtomicReference<JsonObject> lastHeaders = new AtomicReference<>();
    /** How long (ms) the last trickle or early request's connection stayed open. */
    public static volatile CompletableFuture<Long> held = new CompletableFuture<>();

    private Vertx vertx;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        CountDownLatch started = new CountDownLatch(1);
        server = vertx.createHttpServer().requestHandler(request -> {
            requests.incrementAndGet();
            String path = request.path();
            JsonObject headers = new JsonObject();
            request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
            lastHeaders.set(headers);
            if (path.equals("/q/health/live")) {
                request.response().end("{\"status\":\"UP\"}");
            } else if (path.startsWith("/api/v1/trickle") || path.startsWith("/api/v1/early")) {
                long arrived = System.nanoTime();
                CompletableFuture<Long> closed = held;
                if (path.startsWith("/api/v1/early")) {
                    request.connection().closeHandler(v -> closed.complete((System.nanoTime() - arrived) / 1_000_000));
                    request.response().putHeader("Content-Type", "application/json").end("{}");
                } else {
                    request.response().setChunked(true).putHeader("Content-Type", "text/plain");
                    request.response().write("t");
                    long timer = vertx.setPeriodic(100, t -> request.response().write("t"));
                    request.connection().closeHandler(v -> {
                        vertx.cancelTimer(timer);
                        closed.complete((System.nanoTime() - arrived) / 1_000_000);
                    });
                }
            } else if (path.startsWith("/api/v1/slow") || path.startsWith("/api/v1/guarded")) {
                long ms = Long.parseLong(request.getParam("ms", "0"));
                vertx.setTimer(Math.max(1, ms), t -> request.response().putHeader("Content-Type", "application/json").end("{}"));
            } else if (path.equals("/api/v1/bare/413")) {
                request.response().setStatusCode(413).putHeader("Content-Length", "0").end();
            } else if (path.startsWith("/api/v1/broken") || path.startsWith("/api/v1/flaky")) {
                request.response().setStatusCode(503).putHeader("Content-Type", "application/problem+json")
                        .end("{\"type\":\"/problems/service-unavailable\",\"title\":\"x\",\"status\":503}");
            } else if (path.startsWith("/api/v1/echo") || path.startsWith("/api/v1/open") || path.startsWith("/open311")) {
                AtomicLong length = new AtomicLong();
                // the forms of the operation-access tests are small: their text comes back too
                StringBuilder form = new StringBuilder();
                boolean echoBody = !path.startsWith("/api/v1/echo");
                request.handler(chunk -> {
                    if (length.get() == 0 && path.endsWith("/stream")) {
                        firstBytes.complete(System.nanoTime());
                    }
                    length.addAndGet(chunk.length());
                    if (echoBody) {
                        form.append(chunk.toString(java.nio.charset.StandardCharsets.UTF_8));
                    }
                });
                request.endHandler(v -> {
                    JsonObject echo = new JsonObject().put("method", request.method().name()).put("path", path)
                            .put("query", request.query()).put("headers", headers).put("bodyLength", length.get());
                    if (echoBody) {
                        echo.put("body", form.toString());
                    }
                    request.response().putHeader("Content-Type", "application/json")
                            .putHeader("X-Upstream", "echo").putHeader("Keep-Alive", "timeout=5")
                            .putHeader("Connection", "keep-alive, X-Private-Hop").putHeader("X-Private-Hop", "secret")
                            .end(echo.encode());
                });
            } else {
                request.response().setStatusCode(404).end();
            }
        });
        server.listen(0, "127.0.0.1").onComplete(r -> started.countDown());
        try {
            if (!started.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("test upstream did not start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        String url = "http://127.0.0.1:" + server.actualPort();
        return Map.ofEntries(
                Map.entry("ecogov.gateway.services.echo.url", url),
                Map.entry("ecogov.gateway.services.echo.paths",
                        "/api/v1/echo/**,/api/v1/slow/**,/api/v1/bare/**,/api/v1/broken/**,/api/v1/trickle/**,/api/v1/early/**"),
                Map.entry("ecogov.gateway.services.echo.timeout", "1s"),
                Map.entry("ecogov.gateway.services.echo.read-scope", "emissions:read"),
                Map.entry("ecogov.gateway.services.echo.write-scope", "emissions:write"),
                Map.entry("ecogov.gateway.services.echo.breaker.failure-threshold", "1000"),
                // a service whose operations are described one by one, as the specs describe every real one
                // (OperationAccessTest): who may call each, and Open311's key in a form field
                Map.entry("ecogov.gateway.services.open.url", url),
                Map.entry("ecogov.gateway.services.open.paths", "/api/v1/open/reports,/api/v1/open/reports/{id},"
                        + "/api/v1/open/notices,/api/v1/open/internal,/open311/test/requests.json,/open311/test/requests/{id}.json"),
                Map.entry("ecogov.gateway.services.open.read-scope", "complaints:read"),
                Map.entry("ecogov.gateway.services.open.write-scope", "complaints:write"),
                Map.entry("ecogov.gateway.services.open.operations.fileReport.route", "POST /api/v1/open/reports"),
                Map.entry("ecogov.gateway.services.open.operations.fileReport.anonymous", "true"),
                Map.entry("ecogov.gateway.services.open.operations.fileReport.key-scopes", "complaints:write"),
                Map.entry("ecogov.gateway.services.open.operations.getReport.route", "GET /api/v1/open/reports/{id}"),
                Map.entry("ecogov.gateway.services.open.operations.getReport.key-scopes", "complaints:read,disclosure:read"),
                Map.entry("ecogov.gateway.services.open.operations.listNotices.route", "GET /api/v1/open/notices"),
                Map.entry("ecogov.gateway.services.open.operations.listNotices.anonymous", "true"),
                Map.entry("ecogov.gateway.services.open.operations.readInternal.route", "GET /api/v1/open/internal"),
                Map.entry("ecogov.gateway.services.open.operations.postRequest.route", "POST /open311/test/requests.json"),
                Map.entry("ecogov.gateway.services.open.operations.postRequest.key-scopes", "complaints:write"),
                Map.entry("ecogov.gateway.services.open.operations.postRequest.api-key-field", "api_key"),
                Map.entry("ecogov.gateway.services.open.operations.getRequest.route", "GET /open311/test/requests/{id}.json"),
                Map.entry("ecogov.gateway.services.open.operations.getRequest.anonymous", "true"),
                Map.entry("ecogov.gateway.services.open.breaker.failure-threshold", "1000"),
                // the 20 MB uploads go to the same server under a deadline of their own, as a bulk-ingest route would
                // have: echo's 1 s is for the timeout tests, and a loaded machine may take longer to move 20 MB
                Map.entry("ecogov.gateway.services.upload.url", url),
                Map.entry("ecogov.gateway.services.upload.paths", "/api/v1/echo/stream"),
                Map.entry("ecogov.gateway.services.upload.timeout", "15s"),
                Map.entry("ecogov.gateway.services.upload.read-scope", "emissions:read"),
                Map.entry("ecogov.gateway.services.upload.write-scope", "emissions:write"),
                Map.entry("ecogov.gateway.services.upload.breaker.failure-threshold", "1000"),
                // a breaker that opens after three failures, behind a short deadline: for one caller's slow requests
                Map.entry("ecogov.gateway.services.guarded.url", url),
                Map.entry("ecogov.gateway.services.guarded.paths", "/api/v1/guarded/**"),
                Map.entry("ecogov.gateway.services.guarded.timeout", "500ms"),
                Map.entry("ecogov.gateway.services.guarded.breaker.failure-threshold", "3"),
                Map.entry("ecogov.gateway.services.guarded.breaker.open-for", "30s"),
                Map.entry("ecogov.gateway.services.flaky.url", url),
                Map.entry("ecogov.gateway.services.flaky.paths", "/api/v1/flaky/**"),
                Map.entry("ecogov.gateway.services.flaky.breaker.failure-threshold", "3"),
                Map.entry("ecogov.gateway.services.flaky.breaker.open-for", "30s"),
                // a port nothing listens on: a stopped service
                Map.entry("ecogov.gateway.services.stopped.url", "http://127.0.0.1:" + FreePort.find()),
                Map.entry("ecogov.gateway.services.stopped.paths", "/api/v1/stopped/**"),
                Map.entry("ecogov.gateway.services.stopped.breaker.failure-threshold", "1000"));
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        }
    }
}
