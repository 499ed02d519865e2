package org.ecogov.local;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Realm tokens have rate limits at the real gateway too, not only API keys: a client's tokens share its limit
 * (SystemStack gives the enforcement service's client 4 requests an hour), every answer says what is left, and past
 * the limit the answer is a 429 problem with Retry-After, whichever token of the client asks.
 */
class GatewayRateLimitSystemTest extends ThroughTheGateway {

    @Test
    void aClientsTokensShareItsLimitAndGet429WithRetryAfterPastIt() throws Exception {
        String client = SystemStack.LIMITED_CLIENT;
        int limit = SystemStack.LIMITED_CLIENT_REQUESTS;
        String token = tokens.clientCredentials(client, config.clientSecret(client)).value();

        Reply first = gateway("GET", "/api/v1/enterprises?limit=1", bearer(token));
        long reset = Long.parseLong(first.header("RateLimit-Reset").orElseThrow());
        if (reset < 60) {
            // the hour's window is about to end: start in the next one rather than straddle them
            Thread.sleep(Duration.ofSeconds(reset + 1).toMillis());
            first = gateway("GET", "/api/v1/enterprises?limit=1", bearer(token));
        }
        assertThat(first.status()).as(first.text()).isEqualTo(200);
        assertThat(first.header("RateLimit-Limit")).contains(Integer.toString(limit));
        assertThat(first.header("RateLimit-Remaining")).contains(Integer.toString(limit - 1));
        for (int left = limit - 2; left >= 0; left--) {
            Reply reply = gateway("GET", "/api/v1/enterprises/" + ACME, bearer(token));
            assertThat(reply.status()).as(reply.text()).isEqualTo(200);
            assertThat(reply.header("RateLimit-Remaining")).contains(Integer.toString(left));
        }

        // a fresh token of the same client is the same client
        String another = tokens.clientCredentials(client, config.clientSecret(client)).value();
        for (String asking : new String[] {token, another}) {
            Reply refused = gateway("GET", "/api/v1/enterprises?limit=1", bearer(asking));
            assertThat(refused.status()).as(refused.text()).isEqualTo(429);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("type").asText()).isEqualTo("/problems/rate-limited");
            assertThat(refused.json().get("detail").asText()).contains(client);
            assertThat(Long.parseLong(refused.header("Retry-After").orElseThrow())).isBetween(1L, 3600L);
            assertThat(refused.header("RateLimit-Limit")).contains(Integer.toString(limit));
            assertThat(refused.header("RateLimit-Remaining")).contains("0");
            assertThat(refused.header("RateLimit-Reset")).isPresent();
        }

        // other clients' tokens are not held back, and answer with their own limits
        Reply officer = gateway("GET", "/api/v1/enterprises/" + ACME, bearer(user("eeb.officer")));
        assertThat(officer.status()).as(officer.text()).isEqualTo(200);
        assertThat(officer.header("RateLimit-Limit")).isPresent().isNotEqualTo(java.util.Optional.of(Integer.toString(limit)));
    }
}
