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
 * Who may pass the door and what the services behind it trust: 401 for missing, malformed, tampered or unknown
 * credentials, 403 for a missing role or key scope (naming the scope), 404 outside the caller's jurisdiction,
 * and services that believe tokens, never headers.
 */
class GatewayAccessSystemTest extends ThroughTheGateway {

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

    /** Every operation of the gateway's own contract (api-specs/gateway.yaml, read here) refuses a token and a key at once. */
    @Test
    void aTokenAndAKeyTogetherAreRefusedOnEveryOperationOfTheGatewayItselfAsOnRoutedCalls() throws Exception {
        GatewayApiKeys.Issued key = issue("SYSTEST-BOTH", List.of("registry:read", "disclosure:read"), 100);
        Map<String, String> both = new LinkedHashMap<>(bearer(stack.admin.get()));
        both.putAll(apiKey(key.key()));
        JsonNode spec = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree(config.repositoryRoot().resolve("api-specs/gateway.yaml").toFile());
        List<String> tried = new java.util.ArrayList<>();
        for (var path : (Iterable<Map.Entry<String, JsonNode>>) spec.path("paths")::fields) {
            for (var operation : (Iterable<Map.Entry<String, JsonNode>>) path.getValue()::fields) {
                if (!List.of("get", "put", "post", "patch", "delete").contains(operation.getKey())) {
                    continue;
                }
                String method = operation.getKey().toUpperCase(java.util.Locale.ROOT);
                String target = path.getKey().replace("{keyId}", key.id()).replace("{uscc}", ACME);
                Reply reply = method.equals("GET") || method.equals("DELETE") ? gateway(method, target, both)
                        : gateway(method, target, both, Map.of());
                assertUnauthenticated(reply);
                assertThat(reply.json().get("detail").asText()).as(method + " " + path.getKey()).contains("not both");
                tried.add(operation.getValue().path("operationId").asText());
            }
        }
        assertThat(tried).contains("listApiKeys", "createApiKey", "getEnterpriseProfile");
        assertUnauthenticated(gateway("GET", "/api/v1/enterprises", both));
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
        // the registry's contract opens no write to keys: the gateway refuses it before the registry sees it
        assertThat(write.json().get("detail").asText()).contains("API keys may not call POST /api/v1/enterprises");

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
        assertUnauthenticated(direct(REGISTRY, "GET", "/api/v1/enterprises", forged));
        assertUnauthenticated(direct(REGISTRY, "GET", "/api/v1/enterprises", Map.of("Authorization", "ApiKey " + key.key())));

        // a token that claims to be the gateway's, signed with any other key
        Map<String, Object> claims = gatewayClaims("third-party");
        assertUnauthenticated(direct(REGISTRY, "GET", "/api/v1/enterprises", bearer(signJwt(otherRsaKey(), claims))));
        // signed with the gateway's key, but claiming an official's role
        assertUnauthenticated(direct(REGISTRY, "GET", "/api/v1/enterprises", bearer(signJwt(stack.signingKey.privateKey(),
                gatewayClaims("platform-admin")))));
        // what the gateway itself sends: trusted because of the key it is signed with, and nothing else
        assertThat(direct(REGISTRY, "GET", "/api/v1/enterprises", bearer(signJwt(stack.signingKey.privateKey(), claims))).status())
                .isEqualTo(200);
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
}
