package org.ecogov.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.ecogov.gateway.support.GatewayTestResource;
import org.ecogov.gateway.support.Keys;
import org.ecogov.gateway.support.TestUpstream;
import org.ecogov.testing.Contracts;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.ecogov.testing.Spectral;
import org.ecogov.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import jakarta.inject.Inject;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** What surrounds the routing: CORS, health, the combined documentation, key caching across replicas, the profile's gate. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = PostgresTestResource.DATABASE_ARG, value = "gateway"))
@WithTestResource(OidcTestKeyResource.class)
@WithTestResource(GatewayTestResource.class)
@WithTestResource(TestUpstream.class)
class DoorTest {

    @Inject
    Routes routes;

    @Test
    void corsAllowsTheConfiguredOriginsOnly() {
        given().header("Origin", "http://localhost:3000").header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization,x-api-key")
                .options("/api/v1/enterprises").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:3000")
                .header("Access-Control-Allow-Headers", containsString("X-API-Key"));
        given().header("Origin", "http://localhost:3000").auth().oauth2(TestTokens.platformAdmin())
                .get("/api/v1/echo/x").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:3000")
                .header("Access-Control-Expose-Headers", containsString("RateLimit-Remaining"));
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "GET")
                .options("/api/v1/enterprises").then().statusCode(403);
    }

    @Test
    void healthShowsEachServicesReachabilityWithoutTakingTheDoorOutOfService() {
        given().get("/q/health").then().statusCode(503)
                .body("checks.find { it.name == 'service echo' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'service stopped' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'service stopped' }.data.circuit", notNullValue());
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void theCombinedContractAndItsUiAreServed() {
        JsonPath openapi = given().accept("application/json").get("/q/openapi?format=json")
                .then().statusCode(200).extract().jsonPath();
        assertThat(openapi.getMap("paths")).containsKeys("/api/v1/enterprises", "/api/v1/enterprises/{uscc}/permits",
                "/api/v1/api-keys", "/api/v1/api-keys/{keyId}/rotation", "/api/v1/enterprises/{uscc}/profile");
        assertThat(openapi.getMap("components.securitySchemes")).containsKeys("bearer", "apiKey");
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }

    /**
     * The document integrators read, as this gateway serves it, passes Spectral's spectral:oas and OWASP rules with no
     * rule turned off (api-specs/.spectral-combined.yaml): among them, every operation declares the gateway's 429 with
     * Retry-After, every answer the RateLimit-* headers and Access-Control-Allow-Origin (corsAllowsTheConfiguredOriginsOnly
     * and the rate-limit tests show them sent).
     */
    @Test
    void theServedContractPassesSpectralWithNoRuleTurnedOff() throws Exception {
        Path served = Files.createDirectories(Path.of("target")).resolve("served-openapi.yaml");
        Files.writeString(served, given().get("/q/openapi").then().statusCode(200).extract().asString());

        List<Spectral.Finding> findings = Spectral.lint(served, ".spectral-combined.yaml");

        assertThat(findings.stream().filter(Spectral.Finding::isError)).isEmpty();
        assertThat(findings.stream().map(Spectral.Finding::code)).as("warnings too")
                .noneMatch(code -> code.startsWith("owasp:api4:2023-rate-limit") || code.startsWith("owasp:api8:2023-define-cors"));
    }

    /**
     * What the combined contract tells integrators a key needs for a service's operation is what this
     * gateway's routing asks of the key there.
     */
    @Test
    void theScopesTheContractNamesForKeysAreTheOnesTheRoutesRequire() {
        OpenAPI served = Contracts.parse(given().get("/q/openapi").then().statusCode(200).extract().asString());
        List<String> keyed = new ArrayList<>();
        List<String> notKeyed = new ArrayList<>();
        served.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            Object declared = operation.getExtensions() == null ? null : operation.getExtensions().get("x-ecogov-third-party-scopes");
            if (routes.table().match(path.replaceAll("\\{[^}]*}", "x")).orElseThrow().isGateway()) {
                return;
            }
            Upstream.Operation routed = routes.ownerOf(path).operation(path, method.name())
                    .orElseThrow(() -> new AssertionError(method + " " + path + " is not in the route table"));
            if (declared == null) {
                assertThat(routed.keyScopes()).as(method + " " + path + " names no key scope").isEmpty();
                notKeyed.add(operation.getOperationId());
                return;
            }
            assertThat(declared).as(method + " " + path).isEqualTo(routed.keyScopes());
            assertThat(operation.getSecurity()).as(method + " " + path).contains(new SecurityRequirement().addList("apiKey"));
            keyed.add(operation.getOperationId());
        }));
        assertThat(keyed).contains("listEnterprises", "getEnterprise", "listPollutants");
        assertThat(notKeyed).contains("createEnterprise");
    }

    @Test
    void whileTheListeningConnectionIsDownKeysAreReadFromTheDatabase() throws Exception {
        JsonPath issued = Keys.issue("LISTENER", "emissions:read");
        String key = issued.getString("key");
        String id = issued.getString("apiKey.id");
        given().header("X-API-Key", key).get("/api/v1/echo/x").then().statusCode(200);
        try (Connection db = PostgresTestResource.dataSource().getConnection(); Statement statement = db.createStatement()) {
            statement.execute("select pg_terminate_backend(pid) from pg_stat_activity"
                    + " where datname = current_database() and query ilike 'listen%'");
            Thread.sleep(200);
            // changed without an announcement, while nobody listens (it reconnects after a second)
            statement.executeUpdate("update api_key set scopes = '{registry:read}' where id = '" + id + "'");
        }
        given().header("X-API-Key", key).get("/api/v1/echo/x").then().statusCode(403)
                .body("detail", containsString("emissions:read"));
        awaitListening();
    }

    /** Until the gateway listens for key changes again (the other tests count on its cache). */
    private static void awaitListening() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try (Connection db = PostgresTestResource.dataSource().getConnection(); Statement statement = db.createStatement()) {
            while (true) {
                try (var rows = statement.executeQuery("select count(*) from pg_stat_activity"
                        + " where datname = current_database() and query ilike 'listen%'")) {
                    rows.next();
                    if (rows.getLong(1) > 0) {
                        break;
                    }
                }
                assertThat(System.nanoTime()).as("listening again within 10 s").isLessThan(deadline);
                Thread.sleep(100);
            }
        }
        Thread.sleep(300);
    }

    @Test
    void aKeyChangedByAnotherReplicaIsDroppedFromTheCacheAtOnce() throws Exception {
        JsonPath issued = Keys.issue("REPLICAS", "emissions:read");
        String key = issued.getString("key");
        String id = issued.getString("apiKey.id");
        given().header("X-API-Key", key).get("/api/v1/echo/x").then().statusCode(200);
        try (Connection db = PostgresTestResource.dataSource().getConnection(); Statement statement = db.createStatement()) {
            // a change without the announcement: this replica keeps using its cached copy (no round trip per request)
            statement.executeUpdate("update api_key set scopes = '{registry:read}' where id = '" + id + "'");
            given().header("X-API-Key", key).get("/api/v1/echo/x").then().statusCode(200);
            // what another replica does when it revokes: change and announce in one transaction
            db.setAutoCommit(false);
            statement.executeUpdate("update api_key set revoked_at = now(), revoked_by = 'replica-2' where id = '" + id + "'");
            statement.execute("select pg_notify('api_key_changed', '" + id + "')");
            db.commit();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        int status;
        do {
            status = given().header("X-API-Key", key).get("/api/v1/echo/x").statusCode();
        } while (status == 200 && System.nanoTime() < deadline);
        assertThat(status).isEqualTo(401);
    }

    @Test
    void theProfileNeedsTheRegistryAndAnswers503QuicklyWithoutIt() {
        long start = System.nanoTime();
        given().auth().oauth2(TestTokens.officer("EEB-341702", "341702"))
                .get("/api/v1/enterprises/91341702669392367N/profile").then().statusCode(503)
                .contentType("application/problem+json").body("type", equalTo("/problems/service-unavailable"))
                .body("detail", containsString("registry")).header("Retry-After", notNullValue());
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1000);
    }

    @Test
    void theProfileTakesKeysWithRegistryOrDisclosureScopeOnly() {
        String key = Keys.issue("NOPROFILE", "emissions:read").getString("key");
        given().header("X-API-Key", key).get("/api/v1/enterprises/91341702669392367N/profile").then().statusCode(403)
                .body("type", equalTo("/problems/insufficient-scope"), "detail", containsString("registry:read"))
                .header("RateLimit-Limit", notNullValue());
        given().get("/api/v1/enterprises/91341702669392367N/profile").then().statusCode(401);
        given().auth().oauth2(TestTokens.officer("EEB-341702", "341702")).get("/api/v1/enterprises/not-a-uscc/profile")
                .then().statusCode(400).body("errors.field", hasItem(containsString("uscc")));
    }
}
