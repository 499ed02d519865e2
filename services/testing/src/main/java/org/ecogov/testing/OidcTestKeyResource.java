package org.ecogov.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Makes quarkus-oidc verify {@link TestTokens} for real (signature, issuer, expiry) without any OIDC server:
 * with {@code quarkus.oidc.public-key} set, quarkus-oidc verifies locally and never connects anywhere, so
 * {@code quarkus.oidc.auth-server-url} is not needed in tests.
 * <pre>{@code
 * @QuarkusTest
 * @QuarkusTestResource(OidcTestKeyResource.class)
 * class EnterpriseResourceTest { ... }
 * }</pre>
 */
public class OidcTestKeyResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(
                "quarkus.oidc.public-key", TestTokens.publicKeyBase64(),
                "quarkus.oidc.token.issuer", TestTokens.ISSUER,
                // an empty value unsets it: with a server URL configured (say a local Keycloak default),
                // quarkus-oidc would still try to reach that server instead of using the key alone
                "quarkus.oidc.auth-server-url", "");
    }

    @Override
    public void stop() {
        // nothing was started
    }
}
