package org.ecogov.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;

/** The reference proxy must relay faithfully, or the floor it measures is not one. */
class BareProxyTest {

    private static Vertx vertx;
    private static int servicePort;
    private static int proxyPort;
    private static final AtomicReference<MultiMap> lastHeaders = new AtomicReference<>();
    private static final AtomicReference<String> lastBody = new AtomicReference<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        servicePort = vertx.createHttpServer().requestHandler(request -> {
            lastHeaders.set(MultiMap.caseInsensitiveMultiMap().addAll(request.headers()));
            request.body().onSuccess(body -> {
                lastBody.set(body.toString());
                request.response().setStatusCode(request.path().equals("/missing") ? 404 : 200)
                        .putHeader("Content-Type", "application/json")
                        .putHeader("ETag", "\"7\"")
                        .end("{\"path\":\"" + request.uri() + "\"}");
            });
        }).listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
        proxyPort = freePort();
        vertx.deployVerticle(() -> new BareProxy(proxyPort, "127.0.0.1", servicePort), new DeploymentOptions().setInstances(2))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void relaysTheServicesStatusHeadersAndBody() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(url("/api/v1/enterprises/X?x=1"))
                .header("Authorization", "Bearer abc").GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"path\":\"/api/v1/enterprises/X?x=1\"}");
        assertThat(answer.headers().firstValue("ETag")).hasValue("\"7\"");
        assertThat(lastHeaders.get().get("Authorization")).isEqualTo("Bearer abc");

        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(url("/missing")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(404);
    }

    @Test
    void passesARequestBodyOnAndDropsHopByHopHeaders() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(url("/api/v1/enterprises"))
                        .header("Content-Type", "application/json")
                        .header("Proxy-Connection", "keep-alive")
                        .header("TE", "trailers")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Qingjiang Chemicals\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(lastBody.get()).isEqualTo("{\"name\":\"Qingjiang Chemicals\"}");
        assertThat(lastHeaders.get().get("Content-Length")).isEqualTo("30");
        // the service is addressed as itself, and what concerns only the client's connection stays behind
        assertThat(lastHeaders.get().get("Host")).isEqualTo("127.0.0.1:" + servicePort);
        assertThat(lastHeaders.get().get("Content-Type")).isEqualTo("application/json");
        assertThat(lastHeaders.get().contains("Proxy-Connection")).isFalse();
        assertThat(lastHeaders.get().contains("TE")).isFalse();
    }

    private static URI url(String path) {
        return URI.create("http://127.0.0.1:" + proxyPort + path);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
