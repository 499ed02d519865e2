package org.ecogov.gateway.support;

import java.util.Base64;
import java.util.Map;

import org.ecogov.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Gives the gateway under test the test gateway signing key, whose public half services/testing trusts. */
public class GatewayTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(
                "ecogov.gateway.token.signing-key", Base64.getEncoder().encodeToString(TestTokens.gatewayPrivateKey().getEncoded()),
                // nothing is listening there in these tests: the profile's registry is the test upstream
                "ecogov.gateway.services.registry.url", "http://127.0.0.1:" + FreePort.find(),
                "ecogov.gateway.keys.usage-flush-every", "200ms");
    }

    @Override
    public void stop() {
    }
}
