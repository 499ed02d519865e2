package org.ecogov.gateway.profile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.ecogov.gateway.support.GatewayTestResource;
import org.ecogov.gateway.support.Keys;
import org.ecogov.gateway.support.TestUpstream;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.ecogov.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * How the profile is put together when one of its calls fails: the registry here is a stand-in that
 * answers the record and the permits but is too slow with the outlets — a failure the real registry
 * cannot be made to produce on demand. (The profile against the real registry and Keycloak is in
 * deploy/local's GatewaySystemTest.)
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = PostgresTestResource.DATABASE_ARG, value = "gateway"))
@WithTestResource(OidcTestKeyResource.class)
@WithTestResource(value = GatewayTestResource.class, initArgs = @ResourceArg(name = GatewayTestResource.REGISTRY_STOPPED, value = "false"))
@WithTestResource(TestUpstream.class)
@WithTestResource(ProfileTest.SlowOutletsRegistry.class)
class ProfileTest {

    static final String USCC = "91341702669392367N";

    @Test
    void aSlowSectionIsMarkedUnavailableWhileTheRestAnswersInParallel() {
        String token = TestTokens.officer("EEB-341702", "341702");
        // the first request of a fresh gateway pays for connections and class loading: not what is timed here
        given().auth().oauth2(token).get("/api/v1/enterprises/91341702MA2N0X5K3D/profile").then().statusCode(404);
        long start = System.nanoTime();
        Response response = given().auth().oauth2(token).header("X-Request-Id", "profile-test-1")
                .get("/api/v1/enterprises/" + USCC + "/profile");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        response.then().statusCode(200)
                .body("view", equalTo("full"), "uscc", equalTo(USCC))
                .body("summary.name", equalTo("Anqing Riverside Chemicals Co., Ltd."))
                .body("enterprise.details.legalRepresentative", equalTo("Wang Fang"))
                .body("outlets.status", equalTo("unavailable"))
                .body("outlets.problem.type", equalTo("/problems/service-timeout"))
                .body("outlets.items", nullValue())
                .body("permits.status", equalTo("available"))
                .body("permits.items[0].number", equalTo(USCC + "001P"));
        // the record and the permits take 0.7 s each, the outlets the whole 1 s timeout: in parallel about
        // 1 s; one after the other it would be 2.4 s
        assertThat(millis).isBetween(900L, 1900L);
        assertThat(SlowOutletsRegistry.lastAuthorization.get()).isEqualTo("Bearer " + token);
        assertThat(SlowOutletsRegistry.lastRequestId.get()).isEqualTo("profile-test-1");
    }

    @Test
    void aDisclosureKeySeesTheDisclosedViewOnly() {
        String key = Keys.issue("PUBLICVIEW", "disclosure:read").getString("key");
        Response response = given().header("X-API-Key", key).get("/api/v1/enterprises/" + USCC + "/profile");
        response.then().statusCode(200)
                .header("RateLimit-Remaining", notNullValue())
                .body("view", equalTo("disclosed"), "enterprise", nullValue(), "summary.status", equalTo("operating"))
                .body("permits.items", nullValue(), "permits.disclosed[0].validTo", equalTo("2029-12-31"));
        assertThat(response.asString()).doesNotContain("Wang Fang").doesNotContain("legalRepresentative")
                .doesNotContain("createdBy");
        assertThat(SlowOutletsRegistry.lastAuthorization.get()).startsWith("Bearer ey").doesNotContain(key);
    }

    @Test
    void outOfScopeIs404AsTheRegistrySays() {
        given().auth().oauth2(TestTokens.officer("EEB-341702", "341702")).get("/api/v1/enterprises/91341702MA2N0X5K3D/profile")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("/problems/enterprise-not-found"), "detail", containsString("91341702MA2N0X5K3D"));
    }

    /** The stand-in registry: the record and permits at once, the outlets after 3 s (the timeout here is 1 s). */
    public static class SlowOutletsRegistry implements QuarkusTestResourceLifecycleManager {

        static final AtomicReference<String> lastAuthorization = new AtomicReference<>();
        static final AtomicReference<String> lastRequestId = new AtomicReference<>();
        /** How long the record and the permits take: less than the 1 s timeout, enough to show the calls overlap. */
        private static final long SLOW_MILLIS = 700;
        private static final String AUDIT = "\"audit\":{\"createdAt\":\"2026-01-05T08:00:00Z\",\"createdBy\":\"eeb.officer\","
                + "\"updatedAt\":\"2026-01-05T08:00:00Z\",\"updatedBy\":\"eeb.officer\",\"version\":1}";

        private Vertx vertx;

        @Override
        public Map<String, String> start() {
            vertx = Vertx.vertx();
            CountDownLatch started = new CountDownLatch(1);
            AtomicReference<HttpServer> server = new AtomicReference<>();
            vertx.createHttpServer().requestHandler(request -> {
                lastAuthorization.set(request.getHeader("Authorization"));
                lastRequestId.set(request.getHeader("X-Request-Id"));
                String path = request.path();
                var response = request.response().putHeader("Content-Type", "application/json");
                if (path.equals("/api/v1/enterprises/" + USCC)) {
                    vertx.setTimer(SLOW_MILLIS, t -> response.end("{\"uscc\":\"" + USCC + "\",\"details\":{\"name\":\"Anqing Riverside Chemicals Co., Ltd.\","
                            + "\"legalRepresentative\":\"Wang Fang\",\"industryCode\":\"C2614\",\"address\":\"8 Riverside Road\","
                            + "\"location\":{\"latitude\":30.52,\"longitude\":117.06},\"divisionCode\":\"341702102\","
                            + "\"park\":\"QJIP\",\"keyMonitored\":true},\"status\":\"operating\",\"usccCheckOverridden\":false,"
                            + AUDIT + "}"));
                } else if (path.equals("/api/v1/enterprises/" + USCC + "/outlets")) {
                    vertx.setTimer(3000, t -> response.end("{\"items\":[]}"));
                } else if (path.equals("/api/v1/enterprises/" + USCC + "/permits")) {
                    vertx.setTimer(SLOW_MILLIS, t -> response.end("{\"items\":[{\"number\":\"" + USCC + "001P\",\"enterpriseUscc\":\"" + USCC + "\","
                            + "\"managementClass\":\"key\",\"validFrom\":\"2025-01-01\",\"validTo\":\"2029-12-31\","
                            + "\"issuingAgency\":\"EEB-341702\",\"outletCodes\":[\"DA001\"]," + AUDIT + "}]}"));
                } else {
                    response.setStatusCode(404).putHeader("Content-Type", "application/problem+json")
                            .end("{\"type\":\"/problems/enterprise-not-found\",\"title\":\"No such enterprise\",\"status\":404}");
                }
            }).listen(0, "127.0.0.1").onComplete(r -> {
                server.set(r.result());
                started.countDown();
            });
            try {
                started.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Map.of("ecogov.gateway.services.registry.url", "http://127.0.0.1:" + server.get().actualPort(),
                    "ecogov.gateway.services.registry.timeout", "1s");
        }

        @Override
        public void stop() {
            vertx.close();
        }
    }

}
