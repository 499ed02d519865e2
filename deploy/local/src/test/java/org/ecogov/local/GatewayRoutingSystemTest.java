package org.ecogov.local;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routing through the one door, as each kind of client meets it with a real token: a department system
 * (client credentials), the inspectors' app and the web portal (authorization code + PKCE); the correlation id
 * that follows a request to the service; the metrics of the gateway and the service; the combined contract and its
 * UI.
 */
class GatewayRoutingSystemTest extends ThroughTheGateway {

    private static final String WEB_PORTAL_REDIRECT = "http://127.0.0.1:3000/callback";

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

    @Test
    void theRequestIdSentToTheGatewayAppearsInTheRegistryLog() throws Exception {
        String id = "systest-" + UUID.randomUUID();
        Map<String, String> headers = new LinkedHashMap<>(bearer(user("eeb.officer")));
        headers.put("X-Request-Id", id);

        Reply reply = gateway("GET", "/api/v1/enterprises/" + ACME, headers);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("X-Request-Id")).contains(id);
        assertThat(eventuallyInLog(stack.service(REGISTRY).logFile(), "request-id=" + id)).as("registry log line for " + id).isTrue();

        // an id that could forge log lines is replaced, and the replacement is what the registry logs
        headers.put("X-Request-Id", "not sane; " + id);
        Reply replaced = gateway("GET", "/api/v1/enterprises/" + ACME, headers);
        String given = replaced.header("X-Request-Id").orElseThrow();
        assertThat(given).matches("[0-9a-f-]{36}");
        assertThat(eventuallyInLog(stack.service(REGISTRY).logFile(), "request-id=" + given)).isTrue();
    }

    @Test
    void metricsAreOnTheManagementPortsOnlyNamedByRouteTemplateServiceAndKey() throws Exception {
        GatewayApiKeys.Issued key = issue("SYSTEST-METRICS", List.of("registry:read"), 100);
        assertThat(gateway("GET", "/api/v1/enterprises/" + ACME, apiKey(key.key())).status()).isEqualTo(200);

        Reply door = send(HTTP, stack.gateway().managementUrl(), "GET", "/q/metrics", Map.of(), null);
        assertThat(door.status()).isEqualTo(200);
        assertThat(door.text()).contains("ecogov_gateway_requests_seconds_count{method=\"GET\",route=\"/api/v1/enterprises/{uscc}\","
                + "service=\"" + REGISTRY + "\",status=\"200\"}");
        assertThat(door.text()).contains("ecogov_gateway_key_requests_total{key=\"" + key.id()
                + "\",organisation=\"SYSTEST-METRICS\",outcome=\"served\"}");
        assertThat(door.text()).doesNotContain(ACME);
        Reply service = send(HTTP, stack.service(REGISTRY).managementUrl(), "GET", "/q/metrics", Map.of(), null);
        assertThat(service.status()).isEqualTo(200);
        assertThat(service.text()).containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/api/v1/enterprises/\\{uscc}\"")
                .doesNotContain(ACME);

        assertThat(gateway("GET", "/q/metrics", Map.of()).status()).as("not on the public port").isEqualTo(404);
        assertThat(direct(REGISTRY, "GET", "/q/metrics", Map.of()).status()).isEqualTo(404);
    }

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
}
