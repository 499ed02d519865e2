package org.ecogov.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Makes a service verify both kinds of {@link TestTokens} for real (signature, issuer, expiry) without any OIDC
 * server:
 * <ul>
 * <li>the realm's tokens: {@code quarkus.oidc.public-key} and {@code quarkus.oidc.token.issuer}; with a public key
 * quarkus-oidc verifies locally and never connects anywhere, so {@code quarkus.oidc.auth-server-url} is unset.
 * No {@code quarkus.oidc.token.audience} is set here: a realm token's audience is checked only where the service
 * configures one (the registry and the gateway do);</li>
 * <li>the gateway's tokens: {@code ecogov.gateway.public-key}, the test gateway key, which the runtime's
 * {@code gateway} OIDC tenant verifies with (its issuer stays the runtime's default, the one
 * {@link TestTokens#GATEWAY_ISSUER} signs with, and it checks the audience {@code ecogov-api}).</li>
 * </ul>
 * <pre>{@code
 * @QuarkusTest
 * @QuarkusTestResource(OidcTestKeyResource.class)
 * class EnterpriseResourceTest { ... }
 * }</pre>
 */
public class OidcTestKeyResource implements QuarkusTestResourceLifecycleManager {

    /** Where services read the gateway's verification key (see services/runtime). */
    public static final String GATEWAY_PUBLIC_KEY_PROPERTY = "ecogov.gateway.public-key";

    @Override
    public Map<String, String> start() {
        return Map.of(
                "quarkus.oidc.public-key", TestTokens.publicKeyBase64(),
                "quarkus.oidc.token.issuer", TestTokens.ISSUER,
                // an empty value unsets it: with a server URL configured (say a local Keycloak default),
                // quarkus-oidc would still try to reach that server instead of using the key alone
                "quarkus.oidc.auth-server-url", "",
                GATEWAY_PUBLIC_KEY_PROPERTY, TestTokens.gatewayPublicKeyBase64());
    }

    @Override
    public void stop() {
        // nothing was started
    }
}
