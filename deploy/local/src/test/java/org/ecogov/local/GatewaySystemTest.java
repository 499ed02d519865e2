package org.ecogov.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway as every kind of client meets it: the real Keycloak with the realm file, the registry's
 * and the gateway's built fast-jars on a real PostgreSQL (a database each), the gateway signing API-key
 * requests with a key pair made as the local run makes it, the demo park loaded through the gateway,
 * and real tokens and real API keys issued through the gateway's own API. One registry and one gateway
 * serve every test; the test that stops the registry starts it again on the same port.
 */
class GatewaySystemTest {

    private static final String ACME = "91341702669392367N";            // Wusha Town, in the park
    private static final String NIUTOUSHAN_FERROALLOY = "91341702470155873W"; // outside Wusha Town
    private static final String WEB_PORTAL_REDIRECT = "http://127.0.0.1:3000/callback";
    /** A path of a stand-in service that accepts connections and never answers. */
    private static final String SILENT_PATH = "/api/v1/silent-things";
    private static final Duration SILENT_TIMEOUT = Duration.ofSeconds(1);
    /** The gateway's default wait for the registry, which the test leaves as it is. */
    private static final Duration REGISTRY_TIMEOUT = Duration.ofSeconds(10);

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The JDK's client: HTTP/2 over plain HTTP (h2c upgrade) where the server takes it, as the gateway does. */
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final HttpClient HTTP_1_1 = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    private static LocalConfig config;
    private static Tokens tokens;
    private static Path state;
    private static EmbeddedDatabase database;
    private static GatewaySigningKey signingKey;
    private static ServiceProcess registry;
    private static ServiceProcess gateway;
    private static SilentService silent;
    private static GatewayApiKeys keys;
    private static Supplier<String> admin;

    @BeforeAll
    static void startTheStack() {
        config = LocalConfig.load();
        assertThat(config.path("ecogov.registry.app")).as("the registry must be built first (reactor order)").exists();
        assertThat(config.path("ecogov.gateway.app")).as("the gateway must be built first (reactor order)").exists();

        KeycloakServer keycloak = SharedKeycloak.get();
        tokens = SharedKeycloak.tokens();
        admin = cached(() -> tokens.login(config.get("ecogov.demo.admin-user"), config.get("ecogov.demo.password")).value());
        state = TestPaths.target().resolve("gateway-system-test");
        ProcessSupport.deleteTree(state);
        database = EmbeddedDatabase.builder()
                .port(0)
                .dataDirectory(state.resolve("pgdata"))
                .runtimeDirectory(state.resolve("pg"))
                .logFile(state.resolve("postgres.log"))
                .databases(config.get("ecogov.registry.database"), config.get("ecogov.gateway.database"))
                .start();
        signingKey = GatewaySigningKey.loadOrGenerate(state.resolve("keys"));
        silent = SilentService.start();

        // the gateway needs only the registry's address, not the registry itself, to start: both start at once
        int registryPort = ProcessSupport.freePort();
        Map<String, String> gatewayConfig = LocalStack.gatewayConfig(database, config.get("ecogov.gateway.database"),
                keycloak.realmUrl().toString(), URI.create("http://127.0.0.1:" + registryPort), signingKey.privateKeyFile());
        // a stopped registry opens the circuit; let it close soon after the registry is back
        gatewayConfig.put("ecogov.gateway.services.registry.breaker.open-for", "2s");
        gatewayConfig.put("ecogov.gateway.keys.usage-flush-every", "1s");
        // a second service behind the door, one that accepts connections and never answers
        gatewayConfig.put("ecogov.gateway.services.silent.url", "http://127.0.0.1:" + silent.port());
        gatewayConfig.put("ecogov.gateway.services.silent.paths", SILENT_PATH + "/**");
        gatewayConfig.put("ecogov.gateway.services.silent.timeout", SILENT_TIMEOUT.toSeconds() + "s");
        CompletableFuture<ServiceProcess> startingGateway = CompletableFuture.supplyAsync(() ->
                ServiceProcess.builder("gateway", config.path("ecogov.gateway.app"))
                        .port(0)
                        .systemProperties(gatewayConfig)
                        .jvmOptions(config.list("ecogov.services.jvm-options"))
                        .logFile(state.resolve("gateway.log"))
                        .startupTimeout(config.duration("ecogov.services.startup-timeout"))
                        .start());
        try {
            registry = startRegistry(registryPort);
        } finally {
            // waited for whether the registry started or not, so that @AfterAll stops it
            gateway = startingGateway.exceptionally(failure -> null).join();
        }
        if (gateway == null) {
            startingGateway.join(); // throws why the gateway did not start
        }

        new DemoData().load(gateway.baseUrl(), admin);
        keys = new GatewayApiKeys(gateway.baseUrl(), admin);
    }

    /** The registry on the test database, trusting the realm and the gateway's key. */
    private static ServiceProcess startRegistry(int port) {
        return ServiceProcess.builder("registry", config.path("ecogov.registry.app"))
                .port(port)
                .systemProperties(LocalStack.serviceConfig(database, config.get("ecogov.registry.database"),
                        SharedKeycloak.get().realmUrl().toString(), signingKey.publicKeyBase64()))
                .jvmOptions(config.list("ecogov.services.jvm-options"))
                .logFile(state.resolve("registry.log"))
                .startupTimeout(config.duration("ecogov.services.startup-timeout"))
                .start();
    }

    @AfterAll
    static void stopTheStack() {
        if (gateway != null) {
            gateway.stop();
        }
        if (registry != null) {
            registry.stop();
        }
        if (silent != null) {
            silent.close();
        }
        if (database != null) {
            database.stop();
        }
    }

    // ---- each kind of client, with a real token, through the door -------------------------------

    @Test
    void departmentSystemWithClientCredentialsReadsTheRegistryThroughTheGateway() throws Exception {
        Tokens.AccessToken token = tokens.clientCredentials("dept-eeb", config.clientSecret("dept-eeb"));
        assertThat(token.claim("azp")).contains("dept-eeb");

        Reply page = gateway("GET", "/api/v1/enterprises?limit=100", bearer(token.value()));

        assertThat(page.status()).as(page.text()).isEqualTo(200);
        assertThat(usccs(page.json())).contains(ACME, NIUTOUSHAN_FERROALLOY);
        assertThat(page.header("X-Request-Id")).isPresent();
    }

    @Test
    void inspectorAppUserWithPkceReadsAnEnterpriseThroughTheGateway() throws Exception {
        Tokens.AccessToken token = tokens.login("inspector.li", "demo");
        assertThat(token.claim("azp")).contains("inspector-app");

        Reply enterprise = gateway("GET", "/api/v1/enterprises/" + ACME, bearer(token.value()));

        assertThat(enterprise.status()).as(enterprise.text()).isEqualTo(200);
        assertThat(enterprise.json().get("uscc").asText()).isEqualTo(ACME);
        assertThat(enterprise.header("ETag")).isPresent();
    }

    @Test
    void webPortalUserWithPkceGetsTheProfileThroughTheGateway() throws Exception {
        // web-portal is a public client with PKCE (S256) whose redirect URIs are the portal's origin
        Tokens.AccessToken token = tokens.authorizationCodeWithPkce("web-portal", WEB_PORTAL_REDIRECT, "eeb.officer", "demo");
        assertThat(token.claim("azp")).contains("web-portal");

        Reply profile = gateway("GET", "/api/v1/enterprises/" + ACME + "/profile", bearer(token.value()));

        assertThat(profile.status()).as(profile.text()).isEqualTo(200);
        assertThat(profile.json().get("view").asText()).isEqualTo("full");
    }

    // ---- 401, 403, 404 -----------------------------------------------------------------------------

    @Test
    void missingMalformedForgedAndUnknownCredentialsAre401() throws Exception {
        String path = "/api/v1/enterprises";
        Reply anonymous = gateway("GET", path, Map.of());
        assertUnauthenticated(anonymous);
        assertThat(anonymous.header("WWW-Authenticate")).hasValueSatisfying(c -> assertThat(c).contains("Bearer").contains("ApiKey"));

        assertUnauthenticated(gateway("GET", path, bearer("not-a-token")));
        assertUnauthenticated(gateway("GET", path, Map.of("Authorization", "Basic YWRtaW46ZGVtbw==")));

        // a real officer token whose payload now claims the whole province: the signature no longer fits
        String[] parts = user("town.officer").split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"341702102\"", "\"34\"");
        String tampered = parts[0] + "." + base64Url(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertUnauthenticated(gateway("GET", "/api/v1/enterprises/" + NIUTOUSHAN_FERROALLOY, bearer(tampered)));

        // keys: malformed, well-formed but unknown, and a real key's id with a made-up secret
        GatewayApiKeys.Issued real = issue("SYSTEST-401", List.of("registry:read"), 100);
        assertUnauthenticated(gateway("GET", path, apiKey("ecok_nonsense")));
        assertUnauthenticated(gateway("GET", path, apiKey("ecok_0000000000_" + "A".repeat(43))));
        assertUnauthenticated(gateway("GET", path, apiKey(real.id() + "_" + "B".repeat(43))));
        assertThat(gateway("GET", path, apiKey(real.key())).status()).isEqualTo(200);
    }

    @Test
    void citizenMayNotListEnterprises() throws Exception {
        Reply list = gateway("GET", "/api/v1/enterprises", bearer(user("citizen")));

        assertThat(list.status()).as(list.text()).isEqualTo(403);
        assertThat(list.contentType()).startsWith("application/problem+json");
        assertThat(gateway("GET", "/api/v1/agencies", bearer(user("citizen"))).status()).isEqualTo(200);
    }

    @Test
    void keyWithoutTheScopeIs403NamingTheScope() throws Exception {
        GatewayApiKeys.Issued disclosureOnly = issue("SYSTEST-SCOPE", List.of("disclosure:read"), 100);
        Reply list = gateway("GET", "/api/v1/enterprises", apiKey(disclosureOnly.key()));
        assertThat(list.status()).as(list.text()).isEqualTo(403);
        assertThat(list.contentType()).startsWith("application/problem+json");
        assertThat(list.json().get("type").asText()).isEqualTo("/problems/insufficient-scope");
        assertThat(list.json().get("detail").asText()).contains("registry:read");
        assertThat(list.header("RateLimit-Remaining")).isPresent();

        GatewayApiKeys.Issued reader = issue("SYSTEST-SCOPE", List.of("registry:read"), 100);
        Reply write = gateway("POST", "/api/v1/enterprises", apiKey(reader.key()),
                Map.of("uscc", "91341702592517616A", "details", Map.of("name", "Keyed Smelter")));
        assertThat(write.status()).as(write.text()).isEqualTo(403);
        assertThat(write.json().get("type").asText()).isEqualTo("/problems/insufficient-scope");
        assertThat(write.json().get("detail").asText()).contains("registry:write");

        // a key manages no keys, not even with every scope: that takes a platform-admin's realm token
        Reply manage = gateway("GET", "/api/v1/api-keys", apiKey(reader.key()));
        assertThat(manage.status()).as(manage.text()).isIn(401, 403);
        assertThat(manage.contentType()).startsWith("application/problem+json");
    }

    @Test
    void officerOutsideTheJurisdictionGets404OnTheProfileAndOnARegistryRead() throws Exception {
        String token = user("town.officer");

        Reply profile = gateway("GET", "/api/v1/enterprises/" + NIUTOUSHAN_FERROALLOY + "/profile", bearer(token));
        assertThat(profile.status()).as(profile.text()).isEqualTo(404);
        assertThat(profile.contentType()).startsWith("application/problem+json");
        assertThat(profile.json().get("type").asText()).isEqualTo("/problems/enterprise-not-found");

        Reply record = gateway("GET", "/api/v1/enterprises/" + NIUTOUSHAN_FERROALLOY, bearer(token));
        assertThat(record.status()).as(record.text()).isEqualTo(404);
        assertThat(record.contentType()).startsWith("application/problem+json");

        assertThat(gateway("GET", "/api/v1/enterprises/" + ACME + "/profile", bearer(token)).status()).isEqualTo(200);
    }

    // ---- API keys: rate limit, lifecycle ---------------------------------------------------------------

    @Test
    void keyOverItsRateLimitGets429WithRetryAfterAndRateLimitHeaders() throws Exception {
        int window = 3600;
        GatewayApiKeys.Issued key = keys.create(new GatewayApiKeys.Request("SYSTEST-RATE", "Rate Test Org",
                "three an hour", List.of("registry:read"), Instant.now().plus(Duration.ofDays(1)), 3, window));
        // the gateway's windows are fixed and aligned to the epoch: keep the burst inside one of them
        long leftInWindow = window * 1000L - Math.floorMod(System.currentTimeMillis(), window * 1000L);
        if (leftInWindow < 10_000) {
            Thread.sleep(leftInWindow + 100);
        }

        for (int remaining = 2; remaining >= 0; remaining--) {
            Reply ok = gateway("GET", "/api/v1/agencies", apiKey(key.key()));
            assertThat(ok.status()).as(ok.text()).isEqualTo(200);
            assertThat(ok.header("RateLimit-Limit")).contains("3");
            assertThat(ok.header("RateLimit-Remaining")).contains(Integer.toString(remaining));
            assertThat(ok.header("RateLimit-Reset")).isPresent();
        }
        Reply limited = gateway("GET", "/api/v1/agencies", apiKey(key.key()));

        assertThat(limited.status()).as(limited.text()).isEqualTo(429);
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(limited.json().get("type").asText()).isEqualTo("/problems/rate-limited");
        assertThat(limited.header("Retry-After")).hasValueSatisfying(s -> assertThat(Long.parseLong(s)).isBetween(1L, (long) window));
        assertThat(limited.header("RateLimit-Limit")).contains("3");
        assertThat(limited.header("RateLimit-Remaining")).contains("0");
        assertThat(limited.header("RateLimit-Reset")).isPresent();
    }

    @Test
    void keyWorksAtOnceSeesEveryJurisdictionAndIsRefusedOnTheVeryNextRequestAfterRevocation() throws Exception {
        GatewayApiKeys.Issued key = issue("SYSTEST-LIFE", List.of("registry:read"), 100);
        assertThat(key.key()).matches("ecok_[a-z0-9]{10}_[A-Za-z0-9_-]{43}").startsWith(key.id() + "_");

        // a key belongs to no jurisdiction: it reads the whole registry, Wusha Town and beyond
        Reply page = gateway("GET", "/api/v1/enterprises?limit=100", apiKey(key.key()));
        assertThat(page.status()).as(page.text()).isEqualTo(200);
        assertThat(usccs(page.json())).contains(ACME, NIUTOUSHAN_FERROALLOY);
        // both ways of sending a key
        assertThat(gateway("GET", "/api/v1/enterprises/" + NIUTOUSHAN_FERROALLOY,
                Map.of("Authorization", "ApiKey " + key.key())).status()).isEqualTo(200);

        JsonNode revoked = keys.revoke(key.id(), "system test: revocation is immediate");
        assertThat(revoked.get("status").asText()).isEqualTo("revoked");

        Reply next = gateway("GET", "/api/v1/enterprises?limit=100", apiKey(key.key()));
        assertUnauthenticated(next);
        assertThat(next.json().get("detail").asText()).contains("revoked");
    }

    @Test
    void keyUseIsRecordedAndVisibleToThePlatformAdmin() throws Exception {
        GatewayApiKeys.Issued key = issue("SYSTEST-USAGE", List.of("registry:read"), 100);
        for (int i = 0; i < 3; i++) {
            assertThat(gateway("GET", "/api/v1/agencies", apiKey(key.key())).status()).isEqualTo(200);
        }
        JsonNode usage = eventually(Duration.ofSeconds(15), () -> keys.usage(key.id()), u -> u.get("total").asLong() >= 3);
        assertThat(usage.get("total").asLong()).isEqualTo(3);
        assertThat(usage.get("lastUsedIp").asText()).isEqualTo("127.0.0.1");
        assertThat(keys.list("SYSTEST-USAGE", "active")).extracting(k -> k.get("id").asText()).contains(key.id());
        assertThat(keys.get(key.id()).toString()).doesNotContain(key.key().substring(key.id().length() + 1));
    }

    @Test
    void expiredKeyIs401() throws Exception {
        Instant expiresAt = Instant.now().plusSeconds(4);
        GatewayApiKeys.Issued key = keys.create(new GatewayApiKeys.Request("SYSTEST-EXPIRY", "Short-lived Test Org",
                "expires in seconds", List.of("registry:read"), expiresAt, 100, 60));
        assertThat(gateway("GET", "/api/v1/agencies", apiKey(key.key())).status()).isEqualTo(200);

        Instant expiry = Instant.parse(key.apiKey().get("expiresAt").asText());
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), expiry).toMillis()) + 500);

        Reply expired = gateway("GET", "/api/v1/agencies", apiKey(key.key()));
        assertUnauthenticated(expired);
        assertThat(expired.json().get("detail").asText()).contains("expired");
    }

    @Test
    void rotationKeepsThePreviousSecretForTheGracePeriodOnly() throws Exception {
        GatewayApiKeys.Issued first = issue("SYSTEST-ROTATE", List.of("registry:read"), 100);

        GatewayApiKeys.Issued second = keys.rotate(first.id(), 300);
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.key()).isNotEqualTo(first.key());
        assertThat(gateway("GET", "/api/v1/agencies", apiKey(first.key())).status()).as("old secret in its grace period").isEqualTo(200);
        assertThat(gateway("GET", "/api/v1/agencies", apiKey(second.key())).status()).as("new secret").isEqualTo(200);

        GatewayApiKeys.Issued third = keys.rotate(first.id(), 0);
        assertUnauthenticated(gateway("GET", "/api/v1/agencies", apiKey(second.key())));
        assertUnauthenticated(gateway("GET", "/api/v1/agencies", apiKey(first.key())));
        assertThat(gateway("GET", "/api/v1/agencies", apiKey(third.key())).status()).isEqualTo(200);
    }

    @Test
    void theDemoKeyWorksAsThePrintedCurlsUseItAndIsReplacedAtTheNextStart() throws Exception {
        DemoApiKey demo = new DemoApiKey(config);
        DemoApiKey.Result first = demo.issue(keys);
        assertThat(first.issued().apiKey().get("organisation").asText()).isEqualTo("GREENWATCH");
        assertThat(first.issued().apiKey().get("organisationName").asText()).isEqualTo("Greenwatch Environmental Research");
        assertThat(first.issued().apiKey().get("scopes")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("registry:read", "disclosure:read");
        Instant expiresAt = Instant.parse(first.issued().apiKey().get("expiresAt").asText());
        assertThat(expiresAt).isBetween(Instant.now().plus(Duration.ofDays(89)), Instant.now().plus(Duration.ofDays(91)));

        // the two curls the banner prints
        String uscc = config.get("ecogov.demo.example-enterprise");
        Reply profile = gateway("GET", "/api/v1/enterprises/" + uscc + "/profile", apiKey(first.issued().key()));
        assertThat(profile.status()).as(profile.text()).isEqualTo(200);
        assertThat(profile.json().get("view").asText()).isEqualTo("full");
        Reply list = gateway("GET", config.get("ecogov.registry.example-path") + "?limit=5", apiKey(first.issued().key()));
        assertThat(list.status()).as(list.text()).isEqualTo(200);
        assertThat(list.json().get("items")).hasSize(5);

        // the next start cannot show the old secret again: it revokes that key and issues a fresh one
        DemoApiKey.Result second = demo.issue(keys);
        assertThat(second.revoked()).isEqualTo(1);
        assertUnauthenticated(gateway("GET", "/api/v1/agencies", apiKey(first.issued().key())));
        assertThat(gateway("GET", "/api/v1/agencies", apiKey(second.issued().key())).status()).isEqualTo(200);
        assertThat(keys.list("GREENWATCH", "active")).extracting(k -> k.get("id").asText())
                .containsExactly(second.issued().id());
    }

    // ---- the services trust tokens, never headers ------------------------------------------------------

    @Test
    void forgedIdentityHeadersSentStraightToTheRegistryAre401() throws Exception {
        GatewayApiKeys.Issued key = issue("SYSTEST-FORGE", List.of("registry:read"), 100);
        Map<String, String> forged = new LinkedHashMap<>();
        forged.put("X-API-Key", key.key());
        forged.put("X-Organisation", "SYSTEST-FORGE");
        forged.put("X-Org", "SYSTEST-FORGE");
        forged.put("X-Scopes", "registry:read");
        forged.put("X-User", "admin");
        forged.put("X-Roles", "platform-admin");
        forged.put("X-Forwarded-User", "admin");
        forged.put("X-Jurisdiction", "34");
        assertUnauthenticated(direct("GET", "/api/v1/enterprises", forged));
        assertUnauthenticated(direct("GET", "/api/v1/enterprises", Map.of("Authorization", "ApiKey " + key.key())));

        // a token that claims to be the gateway's, signed with any other key
        Map<String, Object> claims = gatewayClaims("third-party");
        assertUnauthenticated(direct("GET", "/api/v1/enterprises", bearer(signJwt(otherRsaKey(), claims))));
        // signed with the gateway's key, but claiming an official's role
        assertUnauthenticated(direct("GET", "/api/v1/enterprises", bearer(signJwt(signingKey.privateKey(),
                gatewayClaims("platform-admin")))));
        // what the gateway itself sends: trusted because of the key it is signed with, and nothing else
        assertThat(direct("GET", "/api/v1/enterprises", bearer(signJwt(signingKey.privateKey(), claims))).status())
                .isEqualTo(200);
    }

    // ---- the enterprise profile ------------------------------------------------------------------------

    @Test
    void officerInTheJurisdictionGetsTheFullProfile() throws Exception {
        Reply reply = gateway("GET", "/api/v1/enterprises/" + ACME + "/profile", bearer(user("town.officer")));

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        JsonNode profile = reply.json();
        assertThat(profile.get("uscc").asText()).isEqualTo(ACME);
        assertThat(profile.get("view").asText()).isEqualTo("full");
        assertThat(profile.at("/enterprise/uscc").asText()).isEqualTo(ACME);
        assertThat(profile.at("/enterprise/details/legalRepresentative").isMissingNode()).isFalse();
        assertThat(profile.at("/summary/name").asText()).isNotBlank();
        assertThat(profile.at("/outlets/status").asText()).isEqualTo("available");
        assertThat(profile.at("/outlets/items")).hasSize(3);
        assertThat(profile.at("/permits/status").asText()).isEqualTo("available");
        assertThat(profile.at("/permits/items")).isNotEmpty();
    }

    @Test
    void disclosureKeyGetsTheDisclosedProfileWithoutPersonalData() throws Exception {
        GatewayApiKeys.Issued key = issue("SYSTEST-PUBLIC", List.of("disclosure:read"), 100);

        Reply reply = gateway("GET", "/api/v1/enterprises/" + ACME + "/profile", apiKey(key.key()));

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        JsonNode profile = reply.json();
        assertThat(profile.get("view").asText()).isEqualTo("disclosed");
        assertThat(profile.has("enterprise")).isFalse();
        assertThat(profile.at("/summary/uscc").asText()).isEqualTo(ACME);
        assertThat(profile.at("/outlets/status").asText()).isEqualTo("available");
        assertThat(profile.at("/outlets/disclosed")).hasSize(3);
        assertThat(profile.at("/outlets/items").isMissingNode()).isTrue();
        assertThat(profile.at("/permits/disclosed").isArray()).isTrue();
        assertThat(profile.at("/permits/items").isMissingNode()).isTrue();
        assertThat(reply.text()).doesNotContain("legalRepresentative").doesNotContain("Li Jianguo");
        assertThat(reply.header("RateLimit-Remaining")).isPresent();
    }

    // ---- correlation ids -------------------------------------------------------------------------------

    @Test
    void theRequestIdSentToTheGatewayAppearsInTheRegistryLog() throws Exception {
        String id = "systest-" + UUID.randomUUID();
        Map<String, String> headers = new LinkedHashMap<>(bearer(user("eeb.officer")));
        headers.put("X-Request-Id", id);

        Reply reply = gateway("GET", "/api/v1/enterprises/" + ACME, headers);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("X-Request-Id")).contains(id);
        assertThat(eventuallyInLog(registry.logFile(), "request-id=" + id)).as("registry log line for " + id).isTrue();

        // an id that could forge log lines is replaced, and the replacement is what the registry logs
        headers.put("X-Request-Id", "not sane; " + id);
        Reply replaced = gateway("GET", "/api/v1/enterprises/" + ACME, headers);
        String given = replaced.header("X-Request-Id").orElseThrow();
        assertThat(given).matches("[0-9a-f-]{36}");
        assertThat(eventuallyInLog(registry.logFile(), "request-id=" + given)).isTrue();
    }

    // ---- a slow or stopped service ---------------------------------------------------------------------

    @Test
    void aServiceThatNeverAnswersIs504AfterItsTimeout() throws Exception {
        // over HTTP/1.1; the same over HTTP/2 is the next test
        long started = System.nanoTime();
        Reply reply = send(HTTP_1_1, gateway.baseUrl(), "GET", SILENT_PATH, bearer(user("eeb.officer")), null);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(reply.status()).as(reply.text()).isEqualTo(504);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("type").asText()).isEqualTo("/problems/service-timeout");
        assertThat(took).isBetween(SILENT_TIMEOUT.minusMillis(100), SILENT_TIMEOUT.plusSeconds(3));
    }

    /**
     * The same over HTTP/2 (h2c upgrade or prior knowledge, as the JDK's client and curl --http2 do). A bodiless
     * HTTP/2 request has ended when it arrives; the gateway once tried to resume it and never answered.
     */
    @Test
    void aServiceThatNeverAnswersIs504AfterItsTimeoutForHttp2ClientsToo() throws Exception {
        HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        long started = System.nanoTime();
        Reply reply = send(http2, gateway.baseUrl(), "GET", SILENT_PATH, bearer(user("eeb.officer")), null);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(reply.status()).as(reply.text()).isEqualTo(504);
        assertThat(took).isLessThan(SILENT_TIMEOUT.plusSeconds(3));
    }

    @Test
    void aStoppedRegistryIs503AtOnceAndTheHealthSaysWhich() throws Exception {
        String token = user("eeb.officer");
        GatewayApiKeys.Issued key = issue("SYSTEST-DOWN", List.of("registry:read"), 100);
        assertThat(registryHealth().get("status").asText()).isEqualTo("UP");
        assertThat(gateway("GET", "/q/health", Map.of()).status()).isEqualTo(200);

        registry.stop();
        try {
            long started = System.nanoTime();
            Reply read = gateway("GET", "/api/v1/enterprises", bearer(token));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(read.status()).as(read.text()).isEqualTo(503);
            assertThat(read.contentType()).startsWith("application/problem+json");
            assertThat(read.json().get("type").asText()).isEqualTo("/problems/service-unavailable");
            assertThat(read.header("Retry-After")).isPresent();
            assertThat(took).as("a refused connection is answered at once, not after the timeout")
                    .isLessThan(REGISTRY_TIMEOUT.dividedBy(5));

            started = System.nanoTime();
            Reply profile = gateway("GET", "/api/v1/enterprises/" + ACME + "/profile", bearer(token));
            took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(profile.status()).as("the registry decides who may see the profile: " + profile.text()).isEqualTo(503);
            assertThat(profile.contentType()).startsWith("application/problem+json");
            assertThat(took).isLessThan(REGISTRY_TIMEOUT.dividedBy(5));

            Reply keyed = gateway("GET", "/api/v1/enterprises", apiKey(key.key()));
            assertThat(keyed.status()).isEqualTo(503);
            assertThat(keyed.header("RateLimit-Remaining")).isPresent();

            Reply health = gateway("GET", "/q/health", Map.of());
            assertThat(health.status()).isEqualTo(503);
            assertThat(registryHealth().get("status").asText()).isEqualTo("DOWN");
            Reply ready = gateway("GET", "/q/health/ready", Map.of());
            assertThat(ready.status()).as("a dead service does not take the door out of service").isEqualTo(200);
            assertThat(ready.json().get("status").asText()).isEqualTo("UP");
        } finally {
            registry = startRegistry(registry.port());
        }
        // the circuit closes again once the registry is back
        Reply back = eventually(Duration.ofSeconds(20), () -> gatewayUnchecked("GET", "/api/v1/enterprises", bearer(token)),
                r -> r.status() == 200);
        assertThat(back.status()).isEqualTo(200);
        assertThat(registryHealth().get("status").asText()).isEqualTo("UP");
    }

    // ---- the documentation -----------------------------------------------------------------------------

    @Test
    void theCombinedContractAndItsUiAreServedWithoutAToken() throws Exception {
        Reply openapi = gateway("GET", "/q/openapi?format=json", Map.of());
        assertThat(openapi.status()).isEqualTo(200);
        JsonNode paths = openapi.json().get("paths");
        assertThat(paths.has("/api/v1/api-keys")).as("the gateway's own operations").isTrue();
        assertThat(paths.has("/api/v1/enterprises/{uscc}/profile")).isTrue();
        assertThat(paths.has("/api/v1/enterprises")).as("the registry's operations").isTrue();

        assertThat(gateway("GET", "/q/swagger-ui/", Map.of()).status()).isEqualTo(200);
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private static GatewayApiKeys.Issued issue(String organisation, List<String> scopes, int requestsPerMinute) {
        return keys.create(new GatewayApiKeys.Request(organisation, organisation + " (system test)", "system test key",
                scopes, Instant.now().plus(Duration.ofDays(1)), requestsPerMinute, 60));
    }

    private static String user(String name) {
        return tokens.login(name, "demo").value();
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private static Map<String, String> apiKey(String key) {
        return Map.of("X-API-Key", key);
    }

    private static void assertUnauthenticated(Reply reply) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(401);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("type").asText()).isEqualTo("/problems/unauthenticated");
    }

    private static JsonNode registryHealth() throws Exception {
        Reply health = gateway("GET", "/q/health", Map.of());
        for (JsonNode check : health.json().get("checks")) {
            if (check.get("name").asText().contains("registry")) {
                return check;
            }
        }
        throw new AssertionError("no registry check in " + health.text());
    }

    /** Claims as the gateway puts them in the token of a keyed request. */
    private static Map<String, Object> gatewayClaims(String role) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "urn:ecogov:gateway");
        claims.put("aud", "ecogov-api");
        claims.put("sub", "apikey:ecok_forgedkey1");
        claims.put("azp", "ecok_forgedkey1");
        claims.put("org", "SYSTEST-FORGE");
        claims.put("scope", "registry:read");
        claims.put("realm_access", Map.of("roles", List.of(role)));
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("iat", now);
        claims.put("exp", now + 300);
        return claims;
    }

    private static String signJwt(PrivateKey key, Map<String, Object> claims) throws Exception {
        String header = base64Url(JSON.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT")));
        String payload = base64Url(JSON.writeValueAsBytes(claims));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(key);
        rs256.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        return header + "." + payload + "." + base64Url(rs256.sign());
    }

    private static PrivateKey otherRsaKey() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair().getPrivate();
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static List<String> usccs(JsonNode page) {
        List<String> result = new ArrayList<>();
        page.get("items").forEach(e -> result.add(e.get("uscc").asText()));
        return result;
    }

    private static boolean eventuallyInLog(Path log, String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isRegularFile(log) && Files.readString(log, StandardCharsets.UTF_8).contains(text)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static <T> T eventually(Duration timeout, ThrowingSupplier<T> attempt, java.util.function.Predicate<T> done)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = attempt.get();
        while (!done.test(last) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            last = attempt.get();
        }
        return last;
    }

    @FunctionalInterface
    private interface ThrowingSupplier<T> {
        T get() throws Exception;
    }

    /** The admin's token, fetched again only when it is about to expire (tokens live five minutes). */
    private static Supplier<String> cached(Supplier<String> fetch) {
        return new Supplier<>() {
            private String token;
            private Instant renewAfter = Instant.MIN;

            @Override
            public synchronized String get() {
                if (Instant.now().isAfter(renewAfter)) {
                    token = fetch.get();
                    renewAfter = Instant.now().plus(Duration.ofMinutes(3));
                }
                return token;
            }
        };
    }

    // ---- HTTP ------------------------------------------------------------------------------------------

    private record Reply(int status, String text, HttpResponse<String> response) {

        JsonNode json() {
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + text, e);
            }
        }

        String contentType() {
            return header("Content-Type").orElse("");
        }

        java.util.Optional<String> header(String name) {
            return response.headers().firstValue(name);
        }
    }

    private static Reply gateway(String method, String path, Map<String, String> headers) throws Exception {
        return send(HTTP, gateway.baseUrl(), method, path, headers, null);
    }

    private static Reply gateway(String method, String path, Map<String, String> headers, Object body) throws Exception {
        return send(HTTP, gateway.baseUrl(), method, path, headers, body);
    }

    private static Reply gatewayUnchecked(String method, String path, Map<String, String> headers) {
        try {
            return gateway(method, path, headers);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Reply direct(String method, String path, Map<String, String> headers) throws Exception {
        return send(HTTP, registry.baseUrl(), method, path, headers, null);
    }

    private static Reply send(HttpClient client, URI base, String method, String path, Map<String, String> headers, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body(), response);
    }

    /**
     * A service that is alive but never answers an API request: its liveness probe ({@code GET /q/health/live})
     * gets 200, so the gateway's health stays UP; any other request is read and left unanswered, so the
     * gateway waits for its timeout.
     */
    private static final class SilentService implements AutoCloseable {

        private static final byte[] ALIVE = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

        private final ServerSocket server;
        private final List<Socket> connections = new CopyOnWriteArrayList<>();

        private SilentService(ServerSocket server) {
            this.server = server;
        }

        static SilentService start() {
            try {
                ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                SilentService service = new SilentService(server);
                Thread acceptor = new Thread(service::acceptForever, "silent-service");
                acceptor.setDaemon(true);
                acceptor.start();
                return service;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        int port() {
            return server.getLocalPort();
        }

        private void acceptForever() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    connections.add(socket);
                    Thread reader = new Thread(() -> serve(socket), "silent-service-connection");
                    reader.setDaemon(true);
                    reader.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        /** Answers liveness probes (bodiless GETs) on the connection until another request comes; then silence. */
        private static void serve(Socket socket) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))) {
                String requestLine;
                while ((requestLine = in.readLine()) != null) {
                    String line;
                    do {
                        line = in.readLine(); // the headers, up to the blank line
                    } while (line != null && !line.isEmpty());
                    if (!requestLine.startsWith("GET /q/health/live ")) {
                        break;
                    }
                    socket.getOutputStream().write(ALIVE);
                    socket.getOutputStream().flush();
                }
                in.transferTo(Writer.nullWriter()); // read on, answer nothing
            } catch (IOException e) {
                // the gateway gave up on us: that is the point
            }
        }

        @Override
        public void close() {
            try {
                server.close();
                for (Socket socket : connections) {
                    socket.close();
                }
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
