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
 * A third party's API key through its life, issued through the gateway's own API: its rate limit (429 with
 * Retry-After and RateLimit-*), immediate revocation, recorded use, expiry, rotation with and without grace, and
 * the demo key the local run prints.
 */
class GatewayApiKeySystemTest extends ThroughTheGateway {

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
        Reply list = gateway("GET", config.get("ecogov.demo.example-path") + "?limit=5", apiKey(first.issued().key()));
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
}
