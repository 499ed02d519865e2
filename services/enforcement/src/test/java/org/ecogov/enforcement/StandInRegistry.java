package org.ecogov.enforcement;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import org.ecogov.testing.TestTokens;

/**
 * What a random plan's draw needs outside the service, in one small HTTP server: the realm's token endpoint, handing
 * the service its own token (client credentials of enforcement-service, role registry-reader, signed with the test
 * key), and the registry's enterprise list ({@code GET /api/v1/enterprises?divisionCode=&cursor=&limit=}, ordered by
 * USCC, paged, in the shape of api-specs/registry.yaml) over the enterprises a test puts in {@link #ENTERPRISES}. It
 * records the Authorization of the last registry call and can stand for a registry that is down. The real registry
 * and Keycloak are deploy/local's system tests' business.
 */
public class StandInRegistry implements QuarkusTestResourceLifecycleManager {

    public static final String SERVICE_CLIENT = "enforcement-service";
    public static final String SERVICE_TOKEN = TestTokens.builder().username("service-account-" + SERVICE_CLIENT)
            .clientId(SERVICE_CLIENT).roles("registry-reader").sign();

    /** An enterprise as the registry lists it. */
    public record Listed(String divisionCode, boolean keyMonitored, String status) {
    }

    /** USCC → the enterprise, as the registry holds it. */
    public static final Map<String, Listed> ENTERPRISES = java.util.Collections.synchronizedMap(new TreeMap<>());

    public static final AtomicReference<String> lastRegistryAuthorization = new AtomicReference<>();
    public static final AtomicBoolean down = new AtomicBoolean();

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(this::answer)
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        String url = "http://127.0.0.1:" + server.actualPort();
        return Map.of(
                "quarkus.rest-client.registry.url", url,
                "ecogov.service.client-id", SERVICE_CLIENT,
                "ecogov.service.client-secret", "test-secret",
                "quarkus.oidc-client.service.auth-server-url", url,
                "quarkus.oidc-client.service.discovery-enabled", "false",
                "quarkus.oidc-client.service.token-path", "/token",
                // a down registry is answered at once: the tests need not wait for the retry and the breaker
                "ecogov.clients.registry.read-retries", "0",
                "ecogov.clients.registry.breaker.failure-threshold", "100");
    }

    private void answer(HttpServerRequest request) {
        if (request.path().equals("/token")) {
            json(request, new JsonObject().put("access_token", SERVICE_TOKEN).put("token_type", "Bearer")
                    .put("expires_in", 300));
            return;
        }
        lastRegistryAuthorization.set(request.getHeader("Authorization"));
        if (down.get()) {
            problem(request, 503, "service-unavailable");
            return;
        }
        if (!request.path().equals("/api/v1/enterprises")) {
            problem(request, 404, "not-found");
            return;
        }
        String prefix = request.getParam("divisionCode", "");
        int limit = Integer.parseInt(request.getParam("limit", "20"));
        int from = Integer.parseInt(request.getParam("cursor", "0"));
        List<Map.Entry<String, Listed>> matching;
        synchronized (ENTERPRISES) {
            matching = ENTERPRISES.entrySet().stream().filter(e -> e.getValue().divisionCode().startsWith(prefix))
                    .map(e -> Map.entry(e.getKey(), e.getValue())).toList();
        }
        JsonArray items = new JsonArray();
        for (Map.Entry<String, Listed> e : matching.subList(Math.min(from, matching.size()),
                Math.min(from + limit, matching.size()))) {
            items.add(new JsonObject().put("uscc", e.getKey()).put("status", e.getValue().status())
                    .put("usccCheckOverridden", false)
                    .put("details", new JsonObject().put("name", "Enterprise " + e.getKey())
                            .put("divisionCode", e.getValue().divisionCode())
                            .put("keyMonitored", e.getValue().keyMonitored())
                            .put("location", new JsonObject().put("latitude", Fixtures.LATITUDE)
                                    .put("longitude", Fixtures.LONGITUDE))));
        }
        JsonObject page = new JsonObject().put("items", items).put("limit", limit);
        if (from + limit < matching.size()) {
            page.put("next", Integer.toString(from + limit));
        }
        json(request, page);
    }

    private static void json(HttpServerRequest request, JsonObject body) {
        request.response().putHeader("Content-Type", "application/json").end(body.encode());
    }

    private static void problem(HttpServerRequest request, int status, String type) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json")
                .end(new JsonObject().put("type", "/problems/" + type).put("title", type).put("status", status).encode());
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        }
    }
}
