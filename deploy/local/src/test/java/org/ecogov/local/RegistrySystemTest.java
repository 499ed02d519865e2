package org.ecogov.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole foundation as a department system, an officer and a citizen meet it: the real
 * Keycloak with the realm file, the registry's built fast-jar on a real PostgreSQL, the demo park
 * loaded through the API, and real tokens — client credentials for {@code dept-eeb}, the
 * authorization-code + PKCE login for the demo users.
 */
class RegistrySystemTest {

    private static final String ACME = "91341702669392367N";            // Wusha Town, in the park
    private static final String NIUTOUSHAN_FERROALLOY = "91341702470155873W";
    private static final String WUSHA = "341702102";

    private static final List<String> DEMO_ENTERPRISES = List.of(ACME, "91341702630566720G", "9134170205198235XR",
            "91341702354288055C", "91341702111941831A", "913417023282386811", NIUTOUSHAN_FERROALLOY,
            "91341702852778734G", "913417026339095787", "913417025025687321", "91341702238843527H",
            "91341702084036001L");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static EmbeddedDatabase database;
    private static ServiceProcess registry;
    private static Tokens tokens;
    private static DemoData.Summary demo;

    @BeforeAll
    static void startTheStack() {
        LocalConfig config = LocalConfig.load();
        Path jar = ServiceList.named(config.repositoryRoot(), "registry").app(config.repositoryRoot());
        assertThat(jar).as("the registry must be built before the system tests (reactor order)").exists();

        KeycloakServer keycloak = SharedKeycloak.get();
        tokens = SharedKeycloak.tokens();
        Path state = TestPaths.target().resolve("system-test");
        ProcessSupport.deleteTree(state);
        database = EmbeddedDatabase.builder()
                .port(0)
                .dataDirectory(state.resolve("pgdata"))
                .runtimeDirectory(state.resolve("pg"))
                .logFile(state.resolve("postgres.log"))
                .databases("registry")
                .start();
        registry = ServiceProcess.builder("registry", jar)
                .port(0)
                .systemProperties(registryConfig(keycloak.realmUrl().toString()))
                .jvmOptions(config.list("ecogov.services.jvm-options"))
                .logFile(state.resolve("registry.log"))
                .startupTimeout(config.duration("ecogov.services.startup-timeout"))
                .start();
        demo = new DemoData().load(registry.baseUrl(),
                () -> tokens.login(config.get("ecogov.demo.admin-user"), config.get("ecogov.demo.password")).value());
    }

    /** The registry on the test database, trusting tokens from this realm. */
    private static Map<String, String> registryConfig(String realmUrl) {
        return LocalStack.serviceConfig(database, "registry", realmUrl);
    }

    @AfterAll
    static void stopTheStack() {
        if (registry != null) {
            registry.stop();
        }
        if (database != null) {
            database.stop();
        }
    }

    private static String user(String name) {
        return tokens.login(name, "demo").value();
    }

    private static String deptEeb() {
        return tokens.clientCredentials("dept-eeb", LocalConfig.load().clientSecret("dept-eeb")).value();
    }

    @Test
    void theDemoParkIsThereAndComplete() throws Exception {
        assertThat(demo.enterprises()).isEqualTo(12);
        assertThat(demo.divisions()).isGreaterThanOrEqualTo(5);

        // other tests may add enterprises of their own; the twelve of the demo park are all there
        List<String> all = usccs(get("/api/v1/enterprises?limit=100", user("admin")).body());
        assertThat(all).containsAll(DEMO_ENTERPRISES);

        Reply outlets = get("/api/v1/enterprises/" + ACME + "/outlets", user("eeb.officer"));
        assertThat(outlets.status()).isEqualTo(200);
        assertThat(outlets.body().get("items")).hasSize(3);
        Reply permits = get("/api/v1/enterprises/" + ACME + "/permits", user("eeb.officer"));
        assertThat(permits.body().at("/items/0/outletCodes")).hasSize(3);

        // every matter type has a lead agency at every place of the district, down to a village not in the tree
        String token = user("citizen");
        for (String type : List.of("water", "air", "noise", "solid-waste", "odour", "other")) {
            for (String place : List.of("341702", "341702101", WUSHA, "341702103", "341702102001", "341702103999")) {
                Reply lead = get("/api/v1/lead-agencies?matterType=" + type + "&divisionCode=" + place, token);
                assertThat(lead.status()).as(type + " at " + place).isEqualTo(200);
            }
        }
        assertThat(get("/api/v1/lead-agencies?matterType=odour&divisionCode=341702102001", token).body()
                .at("/agency/code").asText()).isEqualTo("PARK-QJIP");
        assertThat(get("/api/v1/lead-agencies?matterType=noise&divisionCode=341702103", token).body()
                .at("/agency/code").asText()).isEqualTo("TG-341702103");
        assertThat(get("/api/v1/lead-agencies?matterType=water&divisionCode=341702103", token).body()
                .at("/agency/code").asText()).isEqualTo("EEB-341702");
    }

    @Test
    void departmentSystemWorksAsTheDistrictEeb() throws Exception {
        String token = deptEeb();
        assertThat(usccs(get("/api/v1/enterprises?limit=100", token).body())).containsAll(DEMO_ENTERPRISES);

        Reply created = send("POST", "/api/v1/enterprises", token, null, Map.of(
                "uscc", "91341702592517616A",
                "details", details("Dept-registered Smelter", "341702101")));
        assertThat(created.status()).as(created.text()).isEqualTo(201);

        JsonNode audit = get("/api/v1/registry/audit-entries?entityId=91341702592517616A", user("admin")).body();
        assertThat(audit.at("/items/0/clientId").asText()).isEqualTo("dept-eeb");
        assertThat(audit.at("/items/0/actorAgency").asText()).isEqualTo("EEB-341702");
        // its links check out; with no witness beside this registry its head is not confirmed (AuditWitnessSystemTest)
        JsonNode verification = get("/api/v1/registry/audit-entries/verification", user("admin")).body();
        assertThat(verification.get("status").asText()).as(verification.toString()).isEqualTo("unanchored");
        assertThat(verification.has("firstBrokenSequence")).isFalse();
    }

    @Test
    void districtOfficerSeesTheWholeDistrict() throws Exception {
        String token = user("eeb.officer");
        assertThat(get("/api/v1/enterprises/" + NIUTOUSHAN_FERROALLOY, token).status()).isEqualTo(200);
        assertThat(get("/api/v1/enterprises/" + ACME, token).status()).isEqualTo(200);
        assertThat(usccs(get("/api/v1/enterprises?limit=100&park=QJIP", token).body()))
                .contains(ACME).doesNotContain(NIUTOUSHAN_FERROALLOY);
    }

    @Test
    void townOfficerSeesAndChangesOnlyTheirTown() throws Exception {
        String token = user("town.officer");
        JsonNode page = get("/api/v1/enterprises?limit=100", token).body();
        assertThat(usccs(page)).contains(ACME).doesNotContain(NIUTOUSHAN_FERROALLOY);
        page.get("items").forEach(e -> assertThat(e.at("/details/divisionCode").asText()).startsWith(WUSHA));

        Reply outside = get("/api/v1/enterprises/" + NIUTOUSHAN_FERROALLOY, token);
        assertThat(outside.status()).isEqualTo(404);
        assertThat(outside.contentType()).startsWith("application/problem+json");

        Reply elsewhere = send("POST", "/api/v1/enterprises", token, null, Map.of(
                "uscc", "9134170200513015X3", "details", details("Not My Town Ltd.", "341702103")));
        assertThat(elsewhere.status()).isEqualTo(403);
        assertThat(elsewhere.body().get("type").asText()).isEqualTo("/problems/outside-jurisdiction");

        Reply current = get("/api/v1/enterprises/" + ACME, token);
        Map<String, Object> details = JSON.convertValue(current.body().get("details"), Map.class);
        details.put("legalRepresentative", "Li Jianguo (acting)");
        Reply updated = send("PUT", "/api/v1/enterprises/" + ACME, token, current.etag(), Map.of("details", details));
        assertThat(updated.status()).as(updated.text()).isEqualTo(200);
        assertThat(updated.body().at("/audit/updatedBy").asText()).isEqualTo("town.officer");
    }

    @Test
    void otherRolesGetWhatTheirRoleAllows() throws Exception {
        String reporter = user("reporter.acme");
        assertThat(usccs(get("/api/v1/enterprises", reporter).body())).containsExactly(ACME);
        assertThat(get("/api/v1/enterprises/" + NIUTOUSHAN_FERROALLOY, reporter).status()).isEqualTo(404);

        String citizen = user("citizen");
        assertThat(get("/api/v1/enterprises", citizen).status()).isEqualTo(403);
        assertThat(get("/api/v1/agencies", citizen).status()).isEqualTo(200);

        String inspector = user("inspector.li");
        assertThat(get("/api/v1/enterprises/" + ACME, inspector).status()).isEqualTo(200);
        assertThat(send("POST", "/api/v1/enterprises/" + ACME + "/outlets", inspector, null, Map.of()).status())
                .isEqualTo(403);
    }

    @Test
    void missingForgedAndTamperedTokensAre401() throws Exception {
        Reply anonymous = get("/api/v1/enterprises", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");

        // a real officer token whose payload is edited to claim a wider jurisdiction: the signature no longer fits
        String[] parts = user("town.officer").split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1])).replace("\"" + WUSHA + "\"", "\"34\"");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes()) + "." + parts[2];
        assertThat(get("/api/v1/enterprises/" + NIUTOUSHAN_FERROALLOY, forged).status()).isEqualTo(401);
    }

    @Test
    void unreachableIdentityProviderIs503NotA500() throws Exception {
        LocalConfig config = LocalConfig.load();
        Path state = TestPaths.target().resolve("system-test");
        int nobodyListens = ProcessSupport.freePort();
        try (ServiceProcess blind = ServiceProcess.builder("registry-without-keycloak", ServiceList.named(config.repositoryRoot(), "registry").app(config.repositoryRoot()))
                .port(0)
                .systemProperties(registryConfig("http://127.0.0.1:" + nobodyListens + "/realms/ecogov"))
                .jvmOptions(config.list("ecogov.services.jvm-options"))
                .logFile(state.resolve("registry-without-keycloak.log"))
                .startupTimeout(config.duration("ecogov.services.startup-timeout"))
                .start()) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(blind.baseUrl() + "/api/v1/enterprises"))
                    .header("Authorization", "Bearer " + user("eeb.officer")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
        }
    }

    // ---- HTTP ---------------------------------------------------------------------------------

    private record Reply(int status, String text, String contentType, String etag) {
        JsonNode body() {
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + text, e);
            }
        }
    }

    private static Reply get(String path, String token) throws Exception {
        return send("GET", path, token, null, null);
    }

    private static Reply send(String method, String path, String token, String ifMatch, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(registry.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body(),
                response.headers().firstValue("Content-Type").orElse(""),
                response.headers().firstValue("ETag").orElse(null));
    }

    private static List<String> usccs(JsonNode page) {
        List<String> result = new ArrayList<>();
        page.get("items").forEach(e -> result.add(e.get("uscc").asText()));
        return result;
    }

    private static Map<String, Object> details(String name, String divisionCode) {
        return Map.of("name", name, "legalRepresentative", "Test Person", "industryCode", "C3211",
                "address", "1 Test Road", "location", Map.of("latitude", 30.65, "longitude", 117.48),
                "divisionCode", divisionCode, "keyMonitored", false);
    }
}
