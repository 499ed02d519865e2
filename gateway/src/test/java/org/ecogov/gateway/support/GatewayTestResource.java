package org.ecogov.gateway.support;

import java.util.Base64;
import java.util.Map;

import org.ecogov.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives the gateway under test the test gateway signing key, whose public half services/testing trusts, and
 * points the registry route at a port where nothing listens (a stopped registry) unless the init arg
 * {@value #REGISTRY_STOPPED} is "false" because another resource provides one.
 */
public class GatewayTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String REGISTRY_STOPPED = "registry-stopped";

    private boolean registryStopped = true;

    @Override
    public void init(Map<String, String> initArgs) {
        registryStopped = !"false".equals(initArgs.get(REGISTRY_STOPPED));
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new java.util.HashMap<>(Map.of(
                "ecogov.gateway.token.signing-key", Base64.getEncoder().encodeToString(TestTokens.gatewayPrivateKey().getEncoded()),
                "ecogov.gateway.keys.usage-flush-every", "200ms"));
        if (registryStopped) {
            config.put("ecogov.gateway.services.registry.url", "http://127.0.0.1:" + FreePort.find());
        }
        return config;
    }

    @Override
    public void stop() {
    }
}
