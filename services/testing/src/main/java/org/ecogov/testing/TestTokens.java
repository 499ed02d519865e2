package org.ecogov.testing;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Signed access tokens for service tests, shaped like the ones the platform's Keycloak realm issues: RS256,
 * issuer {@value #ISSUER}, roles in {@code realm_access.roles}, the custom claims {@code agency},
 * {@code jurisdiction} and {@code uscc}, five minutes to live. A service under test verifies them for real
 * against {@link #publicKeyBase64()}, which {@link OidcTestKeyResource} hands to quarkus-oidc.
 * <pre>{@code
 * given().auth().oauth2(TestTokens.officer("eeb-341702", "341702")).get("/api/v1/enterprises")...
 * given().auth().oauth2(TestTokens.builder().roles(Roles.INSPECTOR).jurisdiction("3417").sign())...
 * }</pre>
 */
public final class TestTokens {

    public static final String ISSUER = "https://test.ecogov.local/realms/ecogov";
    public static final Duration LIFETIME = Duration.ofMinutes(5);
    public static final String KEY_ID = "ecogov-test";
    /** The audience the realm's tokens carry for the platform's APIs (services check it). */
    public static final String AUDIENCE = "ecogov-api";
    /** The client a token is issued to unless a test says otherwise. */
    public static final String DEFAULT_CLIENT = "ecogov-web";

    /**
     * Where the key pair lives for the JVM. Quarkus may load this class in more than one class loader (the
     * test resource's and the test's); a static field alone would then give each its own key, and tokens
     * signed by one would fail verification by the other. System properties are shared by all of them.
     */
    static final String KEY_PAIR_PROPERTY = "ecogov.testing.token-key-pair";

    private static final KeyPair KEYS = sharedKeyPair();

    private TestTokens() {
    }

    /** The verification key, as quarkus-oidc's {@code public-key} wants it: base64 DER, no PEM armour. */
    public static String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded());
    }

    public static PublicKey publicKey() {
        return KEYS.getPublic();
    }

    public static Builder builder() {
        return new Builder();
    }

    public static String platformAdmin() {
        return builder().username("admin").roles("platform-admin").sign();
    }

    public static String officer(String agency, String jurisdiction) {
        return official("agency-officer", "officer", agency, jurisdiction);
    }

    public static String lead(String agency, String jurisdiction) {
        return official("agency-lead", "lead", agency, jurisdiction);
    }

    public static String inspector(String agency, String jurisdiction) {
        return builder().username("inspector-" + agency).clientId("ecogov-inspector-app").roles("inspector")
                .agency(agency).jurisdiction(jurisdiction).sign();
    }

    /** An enterprise reporter, reporting for the enterprise with this USCC. */
    public static String reporter(String uscc) {
        return builder().username("reporter-" + uscc).roles("enterprise-reporter").uscc(uscc).sign();
    }

    /** A member of the public with an account. */
    public static String citizen() {
        return builder().username("citizen").roles("public").sign();
    }

    /** A platform admin's token that expired ten minutes ago: only the expiry should get it rejected. */
    public static String expired() {
        return builder().username("admin").roles("platform-admin").expired().sign();
    }

    /** A platform admin's token signed with a key the service does not trust. */
    public static String signedByStranger() {
        return builder().username("admin").roles("platform-admin").signedByStranger().sign();
    }

    private static String official(String role, String kind, String agency, String jurisdiction) {
        return builder().username(kind + "-" + agency).roles(role).agency(agency).jurisdiction(jurisdiction).sign();
    }

    /** A token under construction; every claim is optional except what {@link #sign()} fills in. */
    public static final class Builder {

        private String subject;
        private String username = "user";
        private String clientId = DEFAULT_CLIENT;
        private final Set<String> roles = new LinkedHashSet<>();
        private final Map<String, Object> extraClaims = new LinkedHashMap<>();
        private String issuer = ISSUER;
        private String audience = AUDIENCE;
        private Duration lifetime = LIFETIME;
        private boolean expired;
        private boolean stranger;

        private Builder() {
        }

        /** The {@code sub}; by default a UUID derived from the username, so the same user has the same subject. */
        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        public Builder username(String username) {
            this.username = username;
            return this;
        }

        /** The {@code azp}: the client the token was issued to. */
        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        public Builder roles(String... roles) {
            this.roles.addAll(List.of(roles));
            return this;
        }

        public Builder agency(String agency) {
            return claim("agency", agency);
        }

        public Builder jurisdiction(String divisionCode) {
            return claim("jurisdiction", divisionCode);
        }

        public Builder uscc(String uscc) {
            return claim("uscc", uscc);
        }

        /** Any other claim; a null value leaves it out. */
        public Builder claim(String name, Object value) {
            if (value == null) {
                extraClaims.remove(name);
            } else {
                extraClaims.put(name, value);
            }
            return this;
        }

        /** The token's {@code aud}; null for a token meant for no API. */
        public Builder audience(String audience) {
            this.audience = audience;
            return this;
        }

        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        public Builder lifetime(Duration lifetime) {
            this.lifetime = lifetime;
            return this;
        }

        /** Issued fifteen minutes ago, expired ten minutes ago: past any clock-skew allowance. */
        public Builder expired() {
            this.expired = true;
            return this;
        }

        /** Signed with a key pair nobody trusts, but otherwise valid. */
        public Builder signedByStranger() {
            this.stranger = true;
            return this;
        }

        /** The compact JWS, ready for an {@code Authorization: Bearer} header. */
        public String sign() {
            Instant issuedAt = expired ? Instant.now().minus(Duration.ofMinutes(15)) : Instant.now();
            Instant expiresAt = expired ? Instant.now().minus(Duration.ofMinutes(10)) : issuedAt.plus(lifetime);
            String sub = subject != null ? subject
                    : UUID.nameUUIDFromBytes(username.getBytes(StandardCharsets.UTF_8)).toString();
            JwtClaimsBuilder claims = Jwt.claims()
                    .issuer(issuer)
                    .subject(sub)
                    .claim("preferred_username", username)
                    .claim("azp", clientId)
                    .claim("typ", "Bearer")
                    .claim("jti", UUID.randomUUID().toString())
                    .claim("realm_access", Map.of("roles", new ArrayList<>(roles)))
                    .issuedAt(issuedAt)
                    .expiresAt(expiresAt);
            if (audience != null) {
                claims.audience(audience);
            }
            extraClaims.forEach(claims::claim);
            PrivateKey key = stranger ? Stranger.KEYS.getPrivate() : KEYS.getPrivate();
            return claims.jws().keyId(stranger ? "stranger" : KEY_ID).algorithm(
                    io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256).sign(key);
        }
    }

    /** Created only when a test asks for a stranger's token. */
    private static final class Stranger {
        private static final KeyPair KEYS = generate();
    }

    private static KeyPair sharedKeyPair() {
        String encoded = System.getProperty(KEY_PAIR_PROPERTY);
        if (encoded == null) {
            KeyPair fresh = generate();
            String candidate = Base64.getEncoder().encodeToString(fresh.getPublic().getEncoded()) + ":"
                    + Base64.getEncoder().encodeToString(fresh.getPrivate().getEncoded());
            // atomic: Properties is a Hashtable; whichever loader gets here first wins for the whole JVM
            Object winner = System.getProperties().putIfAbsent(KEY_PAIR_PROPERTY, candidate);
            encoded = winner == null ? candidate : winner.toString();
        }
        return decode(encoded);
    }

    private static KeyPair decode(String encoded) {
        String[] parts = encoded.split(":");
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            PublicKey publicKey = rsa.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(parts[0])));
            PrivateKey privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(parts[1])));
            return new KeyPair(publicKey, privateKey);
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("cannot read the test key pair", e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has RSA", e);
        }
    }
}
