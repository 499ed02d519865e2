package org.ecogov.bench;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * The benchmark plays the realm: it makes a key pair at start, tells the registry and the gateway to
 * trust it (the way services/testing's OidcTestKeyResource does for tests) and signs its own RS256
 * tokens. Keycloak would add ~35 s of start-up and nothing to what is measured: the services and the
 * gateway verify a token's signature locally either way, against keys they hold.
 *
 * <p>It also makes the gateway's own signing key pair (for the tokens the gateway signs on API-key
 * requests), so that the gateway starts as it does in production and the registry trusts it.
 */
final class BenchIssuer {

    static final String ISSUER = "https://bench.ecogov.local/realms/ecogov";
    /** The audience every token for the platform's APIs carries (the services check it). */
    static final String AUDIENCE = "ecogov-api";
    static final String KEY_ID = "ecogov-bench";
    static final String USERNAME = "bench-admin";

    private final KeyPair realmKeys = rsaKeyPair();
    private final KeyPair gatewayKeys = rsaKeyPair();

    /**
     * What a service or the gateway is told so that it trusts this issuer and nothing else: the
     * realm's public key and issuer, and no server URL (an empty value unsets the {@code %prod} one; a
     * server URL would make quarkus-oidc fetch keys from there instead).
     */
    Map<String, String> trustSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("quarkus.oidc.auth-server-url", "");
        settings.put("quarkus.oidc.public-key", base64(realmKeys.getPublic().getEncoded()));
        settings.put("quarkus.oidc.token.issuer", ISSUER);
        return settings;
    }

    /** The gateway's signing key, as {@code ecogov.gateway.token.signing-key} takes it: base64 PKCS#8. */
    String gatewaySigningKey() {
        return base64(gatewayKeys.getPrivate().getEncoded());
    }

    /** Its public half, as the services take it in {@code ecogov.gateway.public-key}: base64 X.509. */
    String gatewayPublicKey() {
        return base64(gatewayKeys.getPublic().getEncoded());
    }

    /** A platform admin's access token, as the realm would issue it, valid for {@code lifetime}. */
    String platformAdminToken(Duration lifetime) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setAudience(AUDIENCE);
        claims.setSubject("bench-" + USERNAME);
        claims.setClaim("preferred_username", USERNAME);
        claims.setClaim("azp", "ecogov-bench");
        claims.setClaim("typ", "Bearer");
        claims.setClaim("realm_access", Map.of("roles", List.of("platform-admin")));
        claims.setGeneratedJwtId();
        claims.setIssuedAtToNow();
        NumericDate expiry = NumericDate.now();
        expiry.addSeconds(lifetime.toSeconds());
        claims.setExpirationTime(expiry);

        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(realmKeys.getPrivate());
        jws.setKeyIdHeaderValue(KEY_ID);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign the benchmark's token", e);
        }
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make RSA keys", e);
        }
    }

    private static String base64(byte[] der) {
        return Base64.getEncoder().encodeToString(der);
    }
}
