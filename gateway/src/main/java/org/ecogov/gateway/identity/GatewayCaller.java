package org.ecogov.gateway.identity;

import java.util.LinkedHashMap;
import java.util.Map;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is calling through the gateway: a bearer of a realm token, a third party with an API key, or, on an operation
 * open to everyone, someone without any credential.
 */
public sealed interface GatewayCaller {

    /** Headers every response to this caller carries. */
    Map<String, String> responseHeaders();

    /**
     * A person or department system with a realm token, verified here and forwarded unchanged, and counted against
     * its subject's and its client's rate limits for this request ({@code rate}: the more constrained of the two).
     */
    record Bearer(String token, SecurityIdentity identity, RateLimiter.Decision rate) implements GatewayCaller {

        @Override
        public Map<String, String> responseHeaders() {
            return rateHeaders(rate);
        }

        @Override
        public String toString() {
            return "Bearer[" + identity.getPrincipal().getName() + "]";
        }
    }

    /** A third party's key, checked and counted against its rate limit for this request. */
    record Keyed(ApiKeyRecord key, String address, RateLimiter.Decision rate) implements GatewayCaller {

        @Override
        public Map<String, String> responseHeaders() {
            return rateHeaders(rate);
        }

        public boolean hasScope(String scope) {
            return key.scopes().contains(scope);
        }
    }

    /**
     * Someone without a credential, on an operation its spec opens to everyone (anonymous complaint intake), counted
     * against its address. The service gets the request with no Authorization and decides for itself.
     */
    record Anonymous(String address, RateLimiter.Decision rate) implements GatewayCaller {

        @Override
        public Map<String, String> responseHeaders() {
            return rateHeaders(rate);
        }

        @Override
        public String toString() {
            return "anonymous from " + address;
        }
    }

    static Map<String, String> rateHeaders(RateLimiter.Decision rate) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("RateLimit-Limit", Integer.toString(rate.limit()));
        headers.put("RateLimit-Remaining", Long.toString(rate.remaining()));
        headers.put("RateLimit-Reset", Long.toString(rate.resetSeconds()));
        return headers;
    }
}
