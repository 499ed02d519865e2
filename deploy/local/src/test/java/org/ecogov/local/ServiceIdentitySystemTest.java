package org.ecogov.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A service calling for itself: the client-credentials grant of its own confidential client in the real Keycloak,
 * then the real registry with the token. The registry applies the rules it applies to anyone: the roles the realm
 * gives the service's account (registry-reader: read enterprises, outlets and permits everywhere; nothing for the
 * registry's own client) decide what it reads and what it is refused.
 * <p>
 * Twice over: the grant made here (deploy/local's {@code Tokens}), so every service client of the realm is tried on
 * every rule; and from inside a running Quarkus service, the event probe, started as {@code emissions-service} and
 * as {@code registry-service}, which reads the registry through the runtime's ServiceIdentity (quarkus-oidc-client)
 * and the generated RegistryClient, as the services do. The registry, its database and the broker are the shared
 * {@link SystemStack}'s (called directly, past the gateway); the probes are this test's own.
 */
class ServiceIdentitySystemTest {

    private static final String ACME = "91341702669392367N";            // Wusha Town
    private static final String OUTSIDE_WUSHA = "91341702470155873W";   // another town of the district
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static SystemStack stack;
    private static ServiceProcess registry;
    private static ServiceProcess probeAsEmissions;
    private static ServiceProcess probeAsRegistry;
    private static Path state;
    private static Tokens tokens;
    private static LocalConfig config;

    /** The shared stack's registry, PostgreSQL and broker (the demo park loaded), and two probes of this test's own. */
    @BeforeAll
    static void startTheProbes() {
        stack = SystemStack.get();
        config = stack.config;
        tokens = stack.tokens;
        registry = stack.service(DemoData.SERVICE);
        state = TestPaths.target().resolve("service-identity-test");
        ProcessSupport.deleteTree(state);
        stack.database.createDatabase("event_probe");
        stack.database.createDatabase("event_probe_2");
        probeAsEmissions = startProbe("emissions-service", "event_probe");
        probeAsRegistry = startProbe("registry-service", "event_probe_2");
    }

    private static ServiceProcess startProbe(String client, String databaseName) {
        Path jar = config.repositoryRoot().resolve("deploy/event-probe/target/quarkus-app/quarkus-run.jar");
        assertThat(jar).as("the event probe must be built before the system tests (reactor order)").exists();
        return ServiceProcess.builder("event-probe-as-" + client, jar)
                .port(0)
                .systemProperties(LocalStack.serviceConfig(stack.database, databaseName, SharedKeycloak.get().realmUrl().toString()))
                // the probe consumes events as well: it needs a broker to be ready, though this test publishes none
                .systemProperties(stack.broker.clientConfig())
                .systemProperty("quarkus.rest-client.registry.url", registry.baseUrl().toString())
                .systemProperty("ecogov.service.client-id", client)
                .systemProperty("ecogov.service.client-secret", config.clientSecret(client))
                .jvmOptions(config.list("ecogov.services.jvm-options"))
                .logFile(state.resolve("probe-as-" + client + ".log"))
                .startupTimeout(config.duration("ecogov.services.startup-timeout"))
                .start();
    }

    @AfterAll
    static void stop() {
        for (ServiceProcess process : new ServiceProcess[] {probeAsEmissions, probeAsRegistry}) {
            if (process != null) {
                process.stop();
            }
        }
    }

    @Test
    void aRunningServiceReadsTheRegistryWithItsOwnIdentityThroughItsOidcClient() throws Exception {
        String admin = tokens.login(config.get("ecogov.demo.admin-user"), config.get("ecogov.demo.password")).value();

        // outside Wusha: a town officer could not read it, the emissions service's own account can
        Reply read = probe(probeAsEmissions, OUTSIDE_WUSHA, admin);
        assertThat(read.status()).as(read.text()).isEqualTo(200);
        assertThat(read.body().path("uscc").asText()).isEqualTo(OUTSIDE_WUSHA);
        assertThat(read.body().path("name").asText()).isNotBlank();
        assertThat(read.body().path("readAs").asText()).isEqualTo("emissions-service");
        assertThat(probe(probeAsEmissions, ACME, admin).status()).isEqualTo(200);
        Reply missing = probe(probeAsEmissions, "91341702592517616A", admin);
        assertThat(missing.status()).as(missing.text()).isEqualTo(404);

        // the token is the service's, not the caller's: a town officer may not even ask the probe
        assertThat(probe(probeAsEmissions, ACME, tokens.login("town.officer", "demo").value()).status()).isEqualTo(403);
    }

    @Test
    void aRunningServiceWhoseClientHasNoRoleIsRefusedByTheRegistry() throws Exception {
        String admin = tokens.login(config.get("ecogov.demo.admin-user"), config.get("ecogov.demo.password")).value();
        Reply refused = probe(probeAsRegistry, ACME, admin);
        assertThat(refused.status()).as(refused.text()).isEqualTo(502);
        assertThat(refused.body().path("type").asText()).isEqualTo("/problems/bad-gateway");
        assertThat(refused.body().path("detail").asText()).contains("registry-service").contains("403");
    }

    private static Reply probe(ServiceProcess probe, String uscc, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(probe.baseUrl() + "/api/v1/event-probe/registry-reads/" + uscc))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).GET().build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }

    private static String own(String client) {
        return tokens.clientCredentials(client, config.clientSecret(client)).value();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"emissions-service", "complaints-service", "enforcement-service"})
    void aServiceReadingTheRegistryForItselfReadsEveryJurisdiction(String client) throws Exception {
        String token = own(client);

        List<String> all = new ArrayList<>();
        get("/api/v1/enterprises?limit=100", token).body().path("items").forEach(e -> all.add(e.path("uscc").asText()));
        assertThat(all).contains(ACME, OUTSIDE_WUSHA).hasSizeGreaterThanOrEqualTo(12);
        assertThat(get("/api/v1/enterprises/" + OUTSIDE_WUSHA, token).status()).isEqualTo(200);
        Reply outlets = get("/api/v1/enterprises/" + ACME + "/outlets", token);
        assertThat(outlets.status()).isEqualTo(200);
        assertThat(outlets.body().path("items")).hasSize(3);
        assertThat(get("/api/v1/enterprises/" + ACME + "/permits", token).body().path("items")).isNotEmpty();
    }

    @Test
    void theSameReadOnBehalfOfAPersonIsHeldToThatPersonsJurisdiction() throws Exception {
        // the town officer's token reaches the same registry with the same rules: only Wusha Town
        String townOfficer = tokens.login("town.officer", "demo").value();
        assertThat(get("/api/v1/enterprises/" + ACME, townOfficer).status()).isEqualTo(200);
        assertThat(get("/api/v1/enterprises/" + OUTSIDE_WUSHA, townOfficer).status()).isEqualTo(404);
        assertThat(get("/api/v1/enterprises/" + OUTSIDE_WUSHA, own("emissions-service")).status()).isEqualTo(200);
    }

    @Test
    void aServiceIsRefusedWhatItsRolesDoNotAllow() throws Exception {
        String emissions = own("emissions-service");
        Reply create = send("POST", "/api/v1/enterprises", emissions, Map.of("uscc", "91341702592517616A",
                "details", Map.of("name", "Registered by a service", "legalRepresentative", "Nobody", "industryCode", "C3211",
                        "address", "1 Test Road", "location", Map.of("latitude", 30.65, "longitude", 117.48),
                        "divisionCode", "341702102", "keyMonitored", false)));
        assertThat(create.status()).as(create.text()).isEqualTo(403);
        assertThat(create.body().path("type").asText()).isEqualTo("/problems/forbidden");
        assertThat(get("/api/v1/enterprises/91341702592517616A", own("enforcement-service")).status())
                .as("nothing was written").isEqualTo(404);
        assertThat(get("/api/v1/enterprises/" + ACME + "/versions", emissions).status()).isEqualTo(403);
        assertThat(get("/api/v1/registry/audit-entries", emissions).status()).isEqualTo(403);

        // the registry's own client has no role: it may read nothing of the registry's records
        String registryItself = own("registry-service");
        assertThat(get("/api/v1/enterprises", registryItself).status()).isEqualTo(403);
        assertThat(get("/api/v1/enterprises/" + ACME, registryItself).status()).isEqualTo(403);
    }

    private record Reply(int status, String text) {
        JsonNode body() throws java.io.IOException {
            return JSON.readTree(text);
        }
    }

    private static Reply get(String path, String token) throws Exception {
        return send("GET", path, token, null);
    }

    private static Reply send(String method, String path, String token, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(registry.baseUrl() + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }
}
