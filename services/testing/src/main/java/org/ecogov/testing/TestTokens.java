package org.ecogov.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Signed access tokens for service tests, of the two kinds a service trusts.
 * <p>
 * Tokens of the platform's Keycloak realm: RS256, issuer {@value #ISSUER}, roles in {@code realm_access.roles},
 * the custom claims {@code agency}, {@code jurisdiction} and {@code uscc}, an hour to live ({@link #LIFETIME}), signed with one
 * key pair per JVM ({@link #publicKeyBase64()}).
 * <p>
 * Tokens the gateway signs for a third party's API key ({@link #gateway()}): RS256, issuer
 * {@value #GATEWAY_ISSUER}, subject {@code apikey:<keyId>}, {@code org}, {@code org_name}, {@code scope}, role
 * {@code third-party}, signed with the fixed test gateway key pair in this jar's resources
 * ({@link #gatewayPublicKeyBase64()}).
 * <p>
 * A service under test verifies both for real: {@link OidcTestKeyResource} hands it both public keys.
 * <pre>{@code
 * given().auth().oauth2(TestTokens.officer("eeb-341702", "341702")).get("/api/v1/enterprises")...
 * given().auth().oauth2(TestTokens.builder().roles(Roles.INSPECTOR).jurisdiction("3417").sign())...
 * given().auth().oauth2(TestTokens.thirdParty("GREENWATCH", "registry:read")).get("/api/v1/enterprises")...
 * }</pre>
 */
public final class TestTokens {

    public static final String ISSUER = "https://test.ecogov.local/realms/ecogov";
    /**
     * An hour, not the realm's five minutes: fixture classes sign their tokens once, when they load, and a module's
     * tests on a loaded machine (or beside another module's, with {@code -T}) can run longer than five minutes after
     * that; a token expiring half-way turned a slow run into a red one. Expiry itself is tested with {@link #expired()}.
     */
    public static final Duration LIFETIME = Duration.ofHours(1);
    public static final String KEY_ID = "ecogov-test";
    /** The audience the realm's tokens carry for the platform's APIs (services check it). */
    public static final String AUDIENCE = "ecogov-api";
    /** The client a token is issued to unless a test says otherwise. */
    public static final String DEFAULT_CLIENT = "ecogov-web";

    /** The issuer the gateway signs its tokens as, unless configured otherwise (services default to it too). */
    public static final String GATEWAY_ISSUER = "urn:ecogov:gateway";
    public static final String GATEWAY_KEY_ID = "ecogov-gateway-test";
    /** The role every gateway token carries; no Keycloak token may. */
    public static final String THIRD_PARTY_ROLE = "third-party";
    /** The API key a gateway token speaks for unless a test says otherwise. */
    public static final String DEFAULT_API_KEY_ID = "ecok_7kq2m9xa4d";
    public static final String DEFAULT_ORGANISATION = "GREENWATCH";
    public static final String DEFAULT_ORGANISATION_NAME = "Greenwatch Environmental Research";

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

    /**
     * The test gateway's verification key, as {@code ecogov.gateway.public-key} wants it: base64 DER (X.509
     * SubjectPublicKeyInfo), no PEM armour. Fixed, so that any module's tests (the gateway's too) can sign or
     * verify with the same pair; it guards nothing but tests.
     */
    public static String gatewayPublicKeyBase64() {
        return Base64.getEncoder().encodeToString(GatewayKeys.KEYS.getPublic().getEncoded());
    }

    public static PublicKey gatewayPublicKey() {
        return GatewayKeys.KEYS.getPublic();
    }

    /** The test gateway's signing key, for tests that play the gateway. */
    public static PrivateKey gatewayPrivateKey() {
        return GatewayKeys.KEYS.getPrivate();
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

    /** A token as the gateway signs it for an API key, under construction. */
    public static GatewayBuilder gateway() {
        return new GatewayBuilder();
    }

    /** A third party's token from the gateway: the default API key of this organisation, with these scopes. */
    public static String thirdParty(String organisation, String... scopes) {
        return gateway().organisation(organisation).scopes(scopes).sign();
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
            return claims.jws().keyId(stranger ? "stranger" : KEY_ID).algorithm(SignatureAlgorithm.RS256).sign(key);
        }
    }

    /**
     * A gateway token under construction: by default API key {@value #DEFAULT_API_KEY_ID} of
     * {@value #DEFAULT_ORGANISATION}, no scopes, role {@code third-party}, audience {@value #AUDIENCE}, five
     * minutes to live, signed with the test gateway key.
     */
    public static final class GatewayBuilder {

        private String keyId = DEFAULT_API_KEY_ID;
        private String organisation = DEFAULT_ORGANISATION;
        private String organisationName = DEFAULT_ORGANISATION_NAME;
        private final Set<String> scopes = new LinkedHashSet<>();
        private final Set<String> roles = new LinkedHashSet<>(Set.of(THIRD_PARTY_ROLE));
        private String issuer = GATEWAY_ISSUER;
        private String audience = AUDIENCE;
        private boolean expired;
        private boolean stranger;

        private GatewayBuilder() {
        }

        /** The API key's public id; the subject becomes {@code apikey:<keyId>} and {@code azp} the id. */
        public GatewayBuilder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        /** The {@code org} claim: the organisation's code; null leaves it out. */
        public GatewayBuilder organisation(String organisation) {
            this.organisation = organisation;
            return this;
        }

        public GatewayBuilder organisationName(String organisationName) {
            this.organisationName = organisationName;
            return this;
        }

        /** Added to the space-separated {@code scope} claim. */
        public GatewayBuilder scopes(String... scopes) {
            this.scopes.addAll(List.of(scopes));
            return this;
        }

        /** Replaces the roles in {@code realm_access.roles} (by default just {@code third-party}). */
        public GatewayBuilder roles(String... roles) {
            this.roles.clear();
            this.roles.addAll(List.of(roles));
            return this;
        }

        public GatewayBuilder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        /** The token's {@code aud}; null for none. */
        public GatewayBuilder audience(String audience) {
            this.audience = audience;
            return this;
        }

        /** Issued fifteen minutes ago, expired ten minutes ago. */
        public GatewayBuilder expired() {
            this.expired = true;
            return this;
        }

        /** Claims the gateway's issuer but is signed with a key pair nobody trusts. */
        public GatewayBuilder signedByStranger() {
            this.stranger = true;
            return this;
        }

        /** The compact JWS, ready for an {@code Authorization: Bearer} header. */
        public String sign() {
            Instant issuedAt = expired ? Instant.now().minus(Duration.ofMinutes(15)) : Instant.now();
            Instant expiresAt = expired ? Instant.now().minus(Duration.ofMinutes(10)) : issuedAt.plus(LIFETIME);
            JwtClaimsBuilder claims = Jwt.claims()
                    .issuer(issuer)
                    .subject("apikey:" + keyId)
                    .claim("azp", keyId)
                    .claim("jti", UUID.randomUUID().toString())
                    .claim("scope", String.join(" ", scopes))
                    .claim("realm_access", Map.of("roles", new ArrayList<>(roles)))
                    .issuedAt(issuedAt)
                    .expiresAt(expiresAt);
            if (organisation != null) {
                claims.claim("org", organisation);
            }
            if (organisationName != null) {
                claims.claim("org_name", organisationName);
            }
            if (audience != null) {
                claims.audience(audience);
            }
            PrivateKey key = stranger ? Stranger.KEYS.getPrivate() : GatewayKeys.KEYS.getPrivate();
            return claims.jws().keyId(stranger ? "stranger" : GATEWAY_KEY_ID).algorithm(SignatureAlgorithm.RS256)
                    .sign(key);
        }
    }

    /**
     * The fixed test gateway key pair, read from this jar: the same in every JVM and every class loader, so no
     * sharing through system properties is needed.
     */
    private static final class GatewayKeys {
        private static final KeyPair KEYS = read();

        private static KeyPair read() {
            byte[] publicKey = pemBody("gateway-test-public-key.pem", "PUBLIC KEY");
            byte[] privateKey = pemBody("gateway-test-private-key.pem", "PRIVATE KEY");
            try {
                KeyFactory rsa = KeyFactory.getInstance("RSA");
                return new KeyPair(rsa.generatePublic(new X509EncodedKeySpec(publicKey)),
                        rsa.generatePrivate(new PKCS8EncodedKeySpec(privateKey)));
            } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
                throw new IllegalStateException("cannot decode the test gateway key pair", e);
            }
        }

        /** The DER inside a PEM resource next to this class. */
        private static byte[] pemBody(String resource, String label) {
            try (InputStream in = TestTokens.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + resource);
                }
                String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                String body = pem.replace("-----BEGIN " + label + "-----", "")
                        .replace("-----END " + label + "-----", "")
                        .replaceAll("\\s", "");
                return Base64.getDecoder().decode(body);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource, e);
            }
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
