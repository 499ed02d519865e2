package org.ecogov.runtime.security;

import io.quarkus.oidc.runtime.OidcUtils;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The second issuer a service trusts, next to the realm: the gateway, which signs a short-lived token for every
 * request it forwards on a third party's API key. quarkus-oidc verifies those tokens in the OIDC tenant
 * {@value #TENANT}, configured once for every service in this jar's {@code META-INF/microprofile-config.properties}
 * from {@value #PUBLIC_KEY_PROPERTY} and {@value #ISSUER_PROPERTY}; the tenant is switched on only when a key is
 * configured ({@link GatewayTenantSwitch}).
 */
public final class GatewayTokens {

    /** The quarkus-oidc tenant that verifies gateway tokens. */
    public static final String TENANT = "gateway";
    /**
     * The gateway's verification key: base64 of the X.509 SubjectPublicKeyInfo DER, i.e. a PEM body without its
     * header lines (environment: {@code ECOGOV_GATEWAY_PUBLIC_KEY}). Unset: no gateway token is accepted.
     */
    public static final String PUBLIC_KEY_PROPERTY = "ecogov.gateway.public-key";
    /** The {@code iss} of gateway tokens (environment: {@code ECOGOV_GATEWAY_ISSUER}); default {@value #DEFAULT_ISSUER}. */
    public static final String ISSUER_PROPERTY = "ecogov.gateway.issuer";
    public static final String DEFAULT_ISSUER = "urn:ecogov:gateway";

    /** The API key's organisation code; the gateway signs it, {@link CallerProducer} reads it. */
    public static final String CLAIM_ORGANISATION = "org";
    /** The API key's scopes, space-separated. */
    public static final String CLAIM_SCOPE = "scope";

    private GatewayTokens() {
    }

    /** Whether this identity was verified by the gateway tenant, i.e. carries a token the gateway signed. */
    public static boolean signedByGateway(SecurityIdentity identity) {
        return TENANT.equals(identity.getAttribute(OidcUtils.TENANT_ID_ATTRIBUTE));
    }
}
