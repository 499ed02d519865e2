package org.ecogov.local;

import com.fasterxml.jackson.databind.JsonNode;
import org.ecogov.local.Tokens.AccessToken;
import org.ecogov.local.Tokens.LoginFailedException;
import org.ecogov.local.Tokens.TokenResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The realm in deploy/keycloak, imported into the real Keycloak and exercised with real grants. */
class KeycloakRealmSystemTest {

    private static final String INSPECTOR_REDIRECT = "http://127.0.0.1:8765/callback";

    private static KeycloakServer keycloak;
    private static Tokens tokens;
    private static LocalConfig config;

    @BeforeAll
    static void startKeycloak() {
        keycloak = SharedKeycloak.get();
        tokens = SharedKeycloak.tokens();
        config = LocalConfig.load();
    }

    @Test
    void deptEebClientCredentialsTokenCarriesAgencyOfficerAndEebClaims() {
        AccessToken token = tokens.clientCredentials("dept-eeb", config.clientSecret("dept-eeb"));

        assertThat(token.realmRoles()).contains("agency-officer");
        assertThat(token.claim("agency")).contains("EEB-341702");
        assertThat(token.claim("jurisdiction")).contains("341702");
        assertThat(token.claim("azp")).contains("dept-eeb");
        assertThat(token.claim("iss")).contains(keycloak.realmUrl().toString());
    }

    @Test
    void deptEebWithAWrongSecretGetsNoToken() {
        TokenResponse response = tokens.requestToken(Map.of(
                "grant_type", "client_credentials", "client_id", "dept-eeb", "client_secret", "not-the-secret"));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.error()).hasValueSatisfying(error -> assertThat(error).isIn("invalid_client", "unauthorized_client"));
        assertThat(response.accessToken()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"registry-service", "emissions-service", "complaints-service", "enforcement-service"})
    void eachServiceGetsItsOwnTokenWithOnlyTheRolesItNeedsAndForThePlatformsApis(String client) {
        AccessToken token = tokens.clientCredentials(client, config.clientSecret(client));

        List<String> platformRoles = token.realmRoles().stream().filter(RealmFileTest.PLATFORM_ROLES::contains).toList();
        assertThat(platformRoles).as(client).containsExactlyInAnyOrderElementsOf(RealmFileTest.SERVICE_ROLES.get(client));
        assertThat(token.claim("azp")).contains(client);
        assertThat(token.claims().get("aud").toString()).contains("ecogov-api");
        assertThat(token.claim("agency")).isEmpty();
        assertThat(token.claim("jurisdiction")).isEmpty();
        assertThat(token.claim("uscc")).isEmpty();

        TokenResponse wrongSecret = tokens.requestToken(Map.of(
                "grant_type", "client_credentials", "client_id", client, "client_secret", "not-the-secret"));
        assertThat(wrongSecret.status()).isEqualTo(401);
        assertThat(wrongSecret.accessToken()).isEmpty();
    }

    @Test
    void eebOfficerLogsInWithPkceAndCarriesDistrictClaims() {
        AccessToken token = tokens.login("eeb.officer", "demo");

        assertThat(token.realmRoles()).contains("agency-officer").doesNotContain("agency-lead", "platform-admin");
        assertThat(token.claim("agency")).contains("EEB-341702");
        assertThat(token.claim("jurisdiction")).contains("341702");
        assertThat(token.claim("preferred_username")).contains("eeb.officer");
        assertThat(token.claim("azp")).contains("inspector-app");
        assertThat(token.claim("uscc")).isEmpty();
    }

    @Test
    void townOfficerCarriesTheTownsJurisdiction() {
        AccessToken token = tokens.login("town.officer", "demo");

        assertThat(token.realmRoles()).contains("agency-officer");
        assertThat(token.claim("agency")).contains("TG-341702102");
        assertThat(token.claim("jurisdiction")).contains("341702102");
    }

    @Test
    void enterpriseReporterCarriesTheUsccAndNoJurisdiction() {
        AccessToken token = tokens.login("reporter.acme", "demo");

        assertThat(token.realmRoles()).contains("enterprise-reporter").doesNotContain("agency-officer");
        assertThat(token.claim("uscc")).contains("91341702669392367N");
        assertThat(token.claim("agency")).isEmpty();
        assertThat(token.claim("jurisdiction")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("demoUsers")
    void everyDemoUserOfTheRealmFileLogsInWithTheRolesAndClaimsTheLauncherPrints(RealmFile.DemoUser user) {
        AccessToken token = tokens.login(user.username(), user.password());

        assertThat(token.realmRoles()).containsAll(user.roles());
        assertThat(token.claim("agency")).isEqualTo(user.agency());
        assertThat(token.claim("jurisdiction")).isEqualTo(user.jurisdiction());
        assertThat(token.claim("uscc")).isEqualTo(user.uscc());
    }

    static List<RealmFile.DemoUser> demoUsers() {
        return RealmFile.read(LocalConfig.load().path("ecogov.keycloak.realm-file")).users();
    }

    @Test
    void accessTokensLiveFiveMinutesAndAreMeantForTheEcogovApi() {
        AccessToken token = tokens.login("inspector.li", "demo");

        long lifetime = ((Number) token.claims().get("exp")).longValue() - ((Number) token.claims().get("iat")).longValue();
        assertThat(lifetime).isEqualTo(300);
        assertThat(token.claims().get("aud").toString()).contains("ecogov-api");
    }

    @Test
    void aWrongPasswordYieldsNoToken() {
        assertThatThrownBy(() -> tokens.login("citizen", "not-demo"))
                .isInstanceOf(LoginFailedException.class)
                .hasMessageContaining("citizen");
    }

    /**
     * Every client the running Keycloak has in the realm, as its admin API lists them (Keycloak's built-in admin-cli,
     * account, broker, ... included), is asked for a token with a demo user's password, with its own secret where it
     * has one: none gives one, and none has direct access grants switched on.
     */
    @Test
    void noClientOfTheRealmGrantsPasswordsKeycloaksBuiltInOnesIncluded() {
        KeycloakAdmin admin = SharedKeycloak.admin();
        List<JsonNode> clients = admin.clients(keycloak.realm());
        List<String> ids = clients.stream().map(client -> client.path("clientId").asText()).toList();
        // the list is the server's, not ours: it holds Keycloak's own clients besides those of the realm file
        assertThat(ids).contains("admin-cli", "account", "security-admin-console", "inspector-app", "dept-eeb");

        List<String> tried = new ArrayList<>();
        for (JsonNode client : clients) {
            String clientId = client.path("clientId").asText();
            Map<String, String> grant = new LinkedHashMap<>(Map.of("grant_type", "password", "client_id", clientId,
                    "username", "eeb.officer", "password", "demo", "scope", "openid"));
            if (!client.path("publicClient").asBoolean()) {
                admin.clientSecret(keycloak.realm(), client.path("id").asText())
                        .ifPresent(secret -> grant.put("client_secret", secret));
            }
            TokenResponse response = tokens.requestToken(grant);

            assertThat(response.accessToken()).as(clientId + ": " + response).isEmpty();
            assertThat(response.status()).as(clientId).isBetween(400, 401);
            assertThat(response.error()).as(clientId).isPresent();
            assertThat(client.path("directAccessGrantsEnabled").asBoolean()).as(clientId + " direct access grants").isFalse();
            tried.add(clientId);
        }
        assertThat(tried).containsExactlyInAnyOrderElementsOf(ids);
    }

    /** The realm's client policy covers clients added later too, even one asking for direct access grants. */
    @Test
    void aClientAddedLaterGetsNoPasswordGrantEither() {
        KeycloakAdmin admin = SharedKeycloak.admin();
        String id = admin.createClient(keycloak.realm(), Map.of("clientId", "added-later-" + UUID.randomUUID(),
                "publicClient", true, "directAccessGrantsEnabled", true, "standardFlowEnabled", false));
        try {
            JsonNode added = admin.clients(keycloak.realm()).stream()
                    .filter(client -> client.path("id").asText().equals(id)).findFirst().orElseThrow();
            TokenResponse response = tokens.requestToken(Map.of("grant_type", "password",
                    "client_id", added.path("clientId").asText(), "username", "eeb.officer", "password", "demo"));

            assertThat(response.accessToken()).as(response.toString()).isEmpty();
            assertThat(response.error()).isPresent();
            assertThat(added.path("directAccessGrantsEnabled").asBoolean()).as("switched off by the policy").isFalse();
        } finally {
            admin.deleteClient(keycloak.realm(), id);
        }
    }

    @Test
    void theInspectorAppRejectsAnUnregisteredRedirectUri() throws Exception {
        HttpResponse<String> response = authorize(Map.of("redirect_uri", "http://127.0.0.1:8766/stolen"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Location")).isEmpty();
        assertThat(response.body()).containsIgnoringCase("redirect_uri");
    }

    @Test
    void theInspectorAppRequiresAPkceChallenge() throws Exception {
        Map<String, String> noChallenge = new LinkedHashMap<>();
        noChallenge.put("code_challenge", null);
        noChallenge.put("code_challenge_method", null);

        HttpResponse<String> response = authorize(noChallenge);

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location)
                .startsWith(INSPECTOR_REDIRECT).contains("error=invalid_request").contains("code_challenge"));
    }

    @Test
    void theInspectorAppRefusesThePlainPkceMethod() throws Exception {
        HttpResponse<String> response = authorize(Map.of("code_challenge_method", "plain", "code_challenge",
                Tokens.Pkce.create().verifier()));

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location)
                .startsWith(INSPECTOR_REDIRECT).contains("error=invalid_request"));
    }

    /** An authorization request of the inspector app, with some parameters replaced (null removes one). */
    private static HttpResponse<String> authorize(Map<String, String> changes) throws IOException, InterruptedException {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("client_id", "inspector-app");
        parameters.put("response_type", "code");
        parameters.put("scope", "openid");
        parameters.put("redirect_uri", INSPECTOR_REDIRECT);
        parameters.put("state", "s1");
        parameters.put("code_challenge", Tokens.Pkce.create().challenge());
        parameters.put("code_challenge_method", "S256");
        parameters.putAll(changes);
        parameters.values().removeIf(java.util.Objects::isNull);
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create(tokens.authorizationEndpoint() + "?" + Tokens.form(parameters));
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
