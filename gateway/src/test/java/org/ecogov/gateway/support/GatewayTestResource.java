package org.ecogov.gateway.support;

import java.util.Base64;
import java.util.Map;

import org.ecogov.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives the gateway under test the test gateway signing key, whose public half services/testing trusts, and
 * points the registry route at a port where nothing listens (a stopped registry) unless the init arg
 * {@value #REGISTRY_STOPPED} is "false" because another resource provides one. The limits of realm tokens and of
 * anonymous callers are set out of reach: every test sends from 127.0.0.1 with a handful of users, and what the
 * limits do is proven with limits of its own by {@code RateLimitTest} ({@link #SMALL_LIMITS}).
 */
public class GatewayTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String REGISTRY_STOPPED = "registry-stopped";
    /** Init arg: "true" keeps the limits small (3 per subject, 5 per client rate-client, 3 per address, per hour). */
    public static final String SMALL_LIMITS = "small-limits";

    private boolean registryStopped = true;
    private boolean smallLimits;

    @Override
    public void init(Map<String, String> initArgs) {
        registryStopped = !"false".equals(initArgs.get(REGISTRY_STOPPED));
        smallLimits = "true".equals(initArgs.get(SMALL_LIMITS));
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new java.util.HashMap<>(Map.of(
                "ecogov.gateway.token.signing-key", Base64.getEncoder().encodeToString(TestTokens.gatewayPrivateKey().getEncoded()),
                "ecogov.gateway.keys.usage-flush-every", "200ms"));
        if (smallLimits) {
            config.putAll(Map.of(
                    "ecogov.gateway.rate-limits.subject.requests", "3",
                    "ecogov.gateway.rate-limits.subject.window", "1h",
                    "ecogov.gateway.rate-limits.clients.rate-client.requests", "5",
                    "ecogov.gateway.rate-limits.clients.rate-client.window", "1h",
                    "ecogov.gateway.rate-limits.anonymous.requests", "3",
                    "ecogov.gateway.rate-limits.anonymous.window", "1h"));
        } else {
            config.putAll(Map.of(
                    "ecogov.gateway.rate-limits.subject.requests", "1000000",
                    "ecogov.gateway.rate-limits.client.requests", "1000000",
                    "ecogov.gateway.rate-limits.anonymous.requests", "1000000"));
        }
        if (registryStopped) {
            config.put("ecogov.gateway.services.registry.url", "http://127.0.0.1:" + FreePort.find());
        }
        return config;
    }

    @Override
    public void stop() {
    }
}
