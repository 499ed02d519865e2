package org.ecogov.gateway.identity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecogov.gateway.config.GatewayConfig;
import org.ecogov.runtime.security.Roles;

import io.smallrye.jwt.build.Jwt;

/**
 * Signs the short-lived tokens with which keyed requests reach the services: the services never see an API
 * key and never trust a header, only a JWT signed with the gateway's private key, whose public key they are
 * configured with. The token says which key and organisation is calling and with which scopes; one token is
 * reused per key until half its life is gone, so signing costs one RSA operation per key every few minutes,
 * not per request.
 */
@ApplicationScoped
public class GatewayTokens {

    public static final String AUDIENCE = "ecogov-api";

    private record Minted(String token, Instant renewAfter) {
    }

    private final Map<String, Minted> minted = new ConcurrentHashMap<>();
    private final String issuer;
    private final Duration lifetime;
    private final PrivateKey signingKey;
    private final String keyId;

    public GatewayTokens(GatewayConfig config) {
        this.issuer = config.issuer();
        this.lifetime = config.token().lifetime();
        this.signingKey = loadKey(config.token());
        this.keyId = keyId(signingKey);
    }

    /** Whether keyed requests can be forwarded at all (a signing key is configured). */
    public boolean canSign() {
        return signingKey != null;
    }

    /** A token for this key, fresh enough for the request to finish with it. */
    public String tokenFor(ApiKeyRecord key) {
        // the system's time, not the Clock: the services check the token's iat/exp against theirs
        Instant now = Instant.now();
        Minted current = minted.get(key.id());
        if (current != null && now.isBefore(current.renewAfter())) {
            return current.token();
        }
        Minted fresh = new Minted(sign(key, now), now.plus(lifetime.dividedBy(2)));
        minted.put(key.id(), fresh);
        return fresh.token();
    }

    /** Forgets a key's token (the key changed). */
    public void forget(String id) {
        minted.remove(id);
    }

    private String sign(ApiKeyRecord key, Instant now) {
        if (signingKey == null) {
            throw new IllegalStateException("no signing key configured (ecogov.gateway.token.signing-key)");
        }
        return Jwt.issuer(issuer)
                .audience(AUDIENCE)
                .subject("apikey:" + key.id())
                .claim("azp", key.id())
                .claim(org.ecogov.runtime.security.GatewayTokens.CLAIM_ORGANISATION, key.organisation())
                .claim("org_name", key.organisationName())
                .claim(org.ecogov.runtime.security.GatewayTokens.CLAIM_SCOPE, String.join(" ", key.scopes().stream().sorted().toList()))
                .claim("realm_access", Map.of("roles", List.of(Roles.THIRD_PARTY)))
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(now.getEpochSecond())
                .expiresAt(now.plus(lifetime).getEpochSecond())
                .jws().keyId(keyId).algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256)
                .sign(signingKey);
    }

    private static PrivateKey loadKey(GatewayConfig.Token config) {
        String text;
        if (config.signingKey().isPresent() && !config.signingKey().get().isBlank()) {
            text = config.signingKey().get();
        } else if (config.signingKeyFile().isPresent() && !config.signingKeyFile().get().isBlank()) {
            try {
                text = Files.readString(Path.of(config.signingKeyFile().get()));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the signing key file " + config.signingKeyFile().get(), e);
            }
        } else {
            return null;
        }
        String base64 = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (InvalidKeySpecException | NoSuchAlgorithmException | IllegalArgumentException e) {
            throw new IllegalStateException("the signing key is not an RSA private key in PKCS#8", e);
        }
    }

    /** A stable key id: the start of the SHA-256 of the public modulus, so rotating the key changes it. */
    private static String keyId(PrivateKey key) {
        if (!(key instanceof RSAPrivateCrtKey rsa)) {
            return "gateway";
        }
        try {
            var publicKey = KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey.getEncoded());
            return "gateway-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException(e);
        }
    }
}
