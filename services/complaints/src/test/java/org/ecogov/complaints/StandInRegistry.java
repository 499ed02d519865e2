package org.ecogov.complaints;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.ecogov.runtime.identifiers.DivisionCode;
import org.ecogov.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/**
 * The two things outside the service that intake needs, in one small HTTP server: the realm's token endpoint, which
 * hands the service its own token (client credentials of complaints-service, role registry-reader, signed with the
 * test key the service trusts), and the registry's two reads the service makes, {@code GET /api/v1/lead-agencies}
 * (the matrix below, walked up the division codes as the registry does) and {@code GET /api/v1/enterprises/{uscc}},
 * answered in the shapes of api-specs/registry.yaml. It records the Authorization of the last registry call, so a
 * test sees the call was made with the service's own identity, and can be switched off to stand for a registry
 * that is down. The real registry and Keycloak behind the service are deploy/local's system tests' business.
 */
public class StandInRegistry implements QuarkusTestResourceLifecycleManager {

    public static final String SERVICE_CLIENT = "complaints-service";
    public static final String SERVICE_TOKEN = TestTokens.builder().username("service-account-" + SERVICE_CLIENT)
            .clientId(SERVICE_CLIENT).roles("registry-reader").sign();

    /** matter type + division code → agency code, name */
    static final Map<String, String[]> MATRIX = new ConcurrentHashMap<>(Map.of(
            "odour/341702", new String[] {"EEB-341702", "Guichi District Ecology and Environment Bureau"},
            "air/341702", new String[] {"EEB-341702", "Guichi District Ecology and Environment Bureau"},
            "water/341702", new String[] {"EEB-341702", "Guichi District Ecology and Environment Bureau"},
            "noise/341702102", new String[] {"TG-341702102", "Wusha Town Government"},
            "noise/341700", new String[] {"EEB-341700", "Chizhou City Ecology and Environment Bureau"},
            "odour/341700", new String[] {"EEB-341700", "Chizhou City Ecology and Environment Bureau"}));

    /** USCC → division code of the registered enterprise */
    public static final Map<String, String> ENTERPRISES = new ConcurrentHashMap<>(Map.of(
            "91341702669392367N", "341702102"));

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
                "quarkus.oidc-client.service.auth-server-url", url,
                "quarkus.oidc-client.service.discovery-enabled", "false",
                "quarkus.oidc-client.service.token-path", "/token",
                "ecogov.service.client-secret", "test-secret",
                // a down registry is answered at once: the tests need not wait for the retry and the breaker
                "ecogov.clients.registry.read-retries", "0",
                "ecogov.clients.registry.breaker.failure-threshold", "100");
    }

    private void answer(HttpServerRequest request) {
        String path = request.path();
        if (path.equals("/token")) {
            request.response().putHeader("Content-Type", "application/json").end(new JsonObject()
                    .put("access_token", SERVICE_TOKEN).put("token_type", "Bearer").put("expires_in", 300).encode());
            return;
        }
        lastRegistryAuthorization.set(request.getHeader("Authorization"));
        if (down.get()) {
            problem(request, 503, "service-unavailable");
            return;
        }
        if (path.equals("/api/v1/lead-agencies")) {
            String type = request.getParam("matterType");
            String code = request.getParam("divisionCode");
            for (Optional<String> at = Optional.of(code); at.isPresent(); at = DivisionCode.parentOf(at.get())) {
                String[] agency = MATRIX.get(type + "/" + at.get());
                if (agency != null) {
                    json(request, new JsonObject().put("matterType", type).put("divisionCode", code).put("decidedAt", at.get())
                            .put("agency", new JsonObject().put("code", agency[0]).put("details", new JsonObject()
                                    .put("name", agency[1]).put("kind", "ecology-environment-bureau")
                                    .put("jurisdiction", at.get()))));
                    return;
                }
            }
            problem(request, 404, "lead-agency-not-found");
            return;
        }
        if (path.startsWith("/api/v1/enterprises/")) {
            String uscc = path.substring("/api/v1/enterprises/".length());
            String division = ENTERPRISES.get(uscc);
            if (division == null) {
                problem(request, 404, "enterprise-not-found");
                return;
            }
            json(request, new JsonObject().put("uscc", uscc).put("status", "operating").put("usccCheckOverridden", false)
                    .put("details", new JsonObject().put("name", "Acme Smelting").put("divisionCode", division)));
            return;
        }
        problem(request, 404, "not-found");
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

    static List<String> agencies() {
        return MATRIX.values().stream().map(a -> a[0]).distinct().toList();
    }
}
