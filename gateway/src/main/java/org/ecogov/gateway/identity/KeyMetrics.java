package org.ecogov.gateway.identity;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecogov.gateway.config.GatewayConfig;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Calls per API key, for Prometheus: {@code ecogov_gateway_key_requests_total{organisation, key, outcome}}, where
 * outcome is {@code served} or {@code refused} (rate limit, scope, address). Only keys that were verified are
 * counted (a random key sent by anyone makes no series), and the number of keys named is bounded
 * ({@code ecogov.gateway.metrics.max-keys}): the keys beyond it are counted under {@code key="other"}, still by
 * organisation, so a flood of issued keys cannot flood the metrics.
 */
@ApplicationScoped
public class KeyMetrics {

    static final String METER = "ecogov.gateway.key.requests";
    static final String OTHER = "other";

    private final MeterRegistry registry;
    private final int maxKeys;
    private final Set<String> named = ConcurrentHashMap.newKeySet();

    public KeyMetrics(MeterRegistry registry, GatewayConfig config) {
        this.registry = registry;
        this.maxKeys = config.metrics().maxKeys();
    }

    /** A request let through with this key. */
    public void served(ApiKeyRecord key) {
        counter(key, "served").increment();
    }

    /** A request with a valid key that was refused. */
    public void refused(ApiKeyRecord key) {
        counter(key, "refused").increment();
    }

    private Counter counter(ApiKeyRecord key, String outcome) {
        return Counter.builder(METER)
                .description("Requests made with an API key at the gateway")
                .tag("organisation", key.organisation())
                .tag("key", tagFor(key.id()))
                .tag("outcome", outcome)
                .register(registry);
    }

    private String tagFor(String keyId) {
        if (named.contains(keyId)) {
            return keyId;
        }
        // a benign race may let a few more than maxKeys in; the bound holds within that
        if (named.size() < maxKeys) {
            named.add(keyId);
            return keyId;
        }
        return OTHER;
    }
}
