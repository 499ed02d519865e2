package org.ecogov.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class TestTokensTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void officerTokenCarriesTheRealmShape() throws Exception {
        String token = TestTokens.officer("eeb-341702", "341702");

        JsonNode header = part(token, 0);
        JsonNode claims = part(token, 1);
        assertThat(header.get("alg").asText()).isEqualTo("RS256");
        assertThat(header.get("kid").asText()).isEqualTo(TestTokens.KEY_ID);
        assertThat(claims.get("iss").asText()).isEqualTo(TestTokens.ISSUER);
        assertThat(claims.get("sub").asText()).isNotBlank();
        assertThat(claims.get("preferred_username").asText()).isEqualTo("officer-eeb-341702");
        assertThat(claims.get("azp").asText()).isEqualTo(TestTokens.DEFAULT_CLIENT);
        assertThat(claims.at("/realm_access/roles").get(0).asText()).isEqualTo("agency-officer");
        assertThat(claims.get("agency").asText()).isEqualTo("eeb-341702");
        assertThat(claims.get("jurisdiction").asText()).isEqualTo("341702");
        assertThat(claims.has("uscc")).isFalse();
        long lifetime = claims.get("exp").asLong() - claims.get("iat").asLong();
        assertThat(lifetime).isEqualTo(TestTokens.LIFETIME.toSeconds());
        assertThat(verifies(token)).isTrue();
    }

    @Test
    void helpersGiveEachKindOfCallerItsRoleAndClaims() throws Exception {
        assertThat(roles(TestTokens.platformAdmin())).containsExactly("platform-admin");
        assertThat(roles(TestTokens.lead("eeb", "3417"))).containsExactly("agency-lead");
        assertThat(roles(TestTokens.inspector("eeb", "3417"))).containsExactly("inspector");
        assertThat(part(TestTokens.inspector("eeb", "3417"), 1).get("jurisdiction").asText()).isEqualTo("3417");
        assertThat(roles(TestTokens.citizen())).containsExactly("public");
        String reporter = TestTokens.reporter("91341702669392367N");
        assertThat(roles(reporter)).containsExactly("enterprise-reporter");
        assertThat(part(reporter, 1).get("uscc").asText()).isEqualTo("91341702669392367N");
    }

    @Test
    void builderSetsEveryClaimATestMayNeed() throws Exception {
        String token = TestTokens.builder().subject("s-1").username("wang").clientId("dept-system")
                .roles("agency-officer", "inspector").agency("town-a").jurisdiction("341702102")
                .claim("scope", "registry:read").sign();
        JsonNode claims = part(token, 1);
        assertThat(claims.get("sub").asText()).isEqualTo("s-1");
        assertThat(claims.get("azp").asText()).isEqualTo("dept-system");
        assertThat(roles(token)).containsExactly("agency-officer", "inspector");
        assertThat(claims.get("scope").asText()).isEqualTo("registry:read");
    }

    @Test
    void sameUserGetsTheSameSubject() throws Exception {
        assertThat(part(TestTokens.citizen(), 1).get("sub"))
                .isEqualTo(part(TestTokens.citizen(), 1).get("sub"));
    }

    @Test
    void expiredTokenExpiredInThePastButIsOtherwiseValid() throws Exception {
        String token = TestTokens.expired();
        assertThat(part(token, 1).get("exp").asLong()).isLessThan(Instant.now().minusSeconds(300).getEpochSecond());
        assertThat(verifies(token)).isTrue();
    }

    @Test
    void strangersTokenDoesNotVerifyWithTheTestKey() throws Exception {
        String token = TestTokens.signedByStranger();
        assertThat(part(token, 1).get("exp").asLong()).isGreaterThan(Instant.now().getEpochSecond());
        assertThat(verifies(token)).isFalse();
    }

    @Test
    void keyPairIsSharedThroughTheJvm() {
        assertThat(System.getProperty(TestTokens.KEY_PAIR_PROPERTY))
                .startsWith(TestTokens.publicKeyBase64() + ":");
    }

    @Test
    void oidcResourceHandsTheKeyAndIssuerToQuarkus() {
        Map<String, String> config = new OidcTestKeyResource().start();
        assertThat(config).containsEntry("quarkus.oidc.public-key", TestTokens.publicKeyBase64())
                .containsEntry("quarkus.oidc.token.issuer", TestTokens.ISSUER)
                // empty unsets a server URL the service may configure, so nothing is contacted
                .containsEntry("quarkus.oidc.auth-server-url", "")
                .containsEntry("ecogov.gateway.public-key", TestTokens.gatewayPublicKeyBase64());
    }

    @Test
    void gatewayTokenCarriesTheShapeTheGatewaySigns() throws Exception {
        String token = TestTokens.gateway().keyId("ecok_abcdefghij").organisation("GREENWATCH")
                .organisationName("Greenwatch").scopes("registry:read", "disclosure:read").sign();

        JsonNode header = part(token, 0);
        JsonNode claims = part(token, 1);
        assertThat(header.get("alg").asText()).isEqualTo("RS256");
        assertThat(header.get("kid").asText()).isEqualTo(TestTokens.GATEWAY_KEY_ID);
        assertThat(claims.get("iss").asText()).isEqualTo("urn:ecogov:gateway");
        assertThat(claims.get("aud").asText()).isEqualTo("ecogov-api");
        assertThat(claims.get("sub").asText()).isEqualTo("apikey:ecok_abcdefghij");
        assertThat(claims.get("azp").asText()).isEqualTo("ecok_abcdefghij");
        assertThat(claims.get("org").asText()).isEqualTo("GREENWATCH");
        assertThat(claims.get("org_name").asText()).isEqualTo("Greenwatch");
        assertThat(claims.get("scope").asText()).isEqualTo("registry:read disclosure:read");
        assertThat(roles(token)).containsExactly("third-party");
        assertThat(claims.get("jti").asText()).isNotBlank();
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(TestTokens.LIFETIME.toSeconds());
        assertThat(verifies(token, TestTokens.gatewayPublicKey())).isTrue();
        assertThat(verifies(token)).as("not signed with the realm's test key").isFalse();
    }

    @Test
    void gatewayKeyPairIsTheFixedOneInTheResources() throws Exception {
        String pem = new String(TestTokens.class.getResourceAsStream("gateway-test-public-key.pem").readAllBytes(),
                StandardCharsets.US_ASCII);
        assertThat(pem.replaceAll("-----[A-Z ]+-----|\\s", "")).isEqualTo(TestTokens.gatewayPublicKeyBase64());
        assertThat(TestTokens.gatewayPrivateKey().getAlgorithm()).isEqualTo("RSA");
    }

    @Test
    void thirdPartyHelperNamesTheOrganisationAndScopes() throws Exception {
        JsonNode claims = part(TestTokens.thirdParty("RIVERWATCH", "registry:read"), 1);
        assertThat(claims.get("org").asText()).isEqualTo("RIVERWATCH");
        assertThat(claims.get("scope").asText()).isEqualTo("registry:read");
        assertThat(claims.get("sub").asText()).isEqualTo("apikey:" + TestTokens.DEFAULT_API_KEY_ID);
    }

    @Test
    void gatewayTokensCanBeSpoiledOneWayAtATime() throws Exception {
        String stranger = TestTokens.gateway().scopes("registry:read").signedByStranger().sign();
        assertThat(part(stranger, 1).get("iss").asText()).isEqualTo(TestTokens.GATEWAY_ISSUER);
        assertThat(verifies(stranger, TestTokens.gatewayPublicKey())).isFalse();

        String expired = TestTokens.gateway().expired().sign();
        assertThat(part(expired, 1).get("exp").asLong()).isLessThan(Instant.now().minusSeconds(300).getEpochSecond());
        assertThat(verifies(expired, TestTokens.gatewayPublicKey())).isTrue();

        assertThat(part(TestTokens.gateway().audience("elsewhere").sign(), 1).get("aud").asText()).isEqualTo("elsewhere");
        assertThat(part(TestTokens.gateway().audience(null).sign(), 1).has("aud")).isFalse();
        assertThat(roles(TestTokens.gateway().roles("platform-admin").sign())).containsExactly("platform-admin");
        assertThat(part(TestTokens.gateway().organisation(null).sign(), 1).has("org")).isFalse();
    }

    @Test
    void nullClaimIsLeftOut() throws Exception {
        String token = TestTokens.builder().agency("x").agency(null).sign();
        assertThat(part(token, 1).has("agency")).isFalse();
        assertThatThrownBy(() -> part(token, 3)).isInstanceOf(ArrayIndexOutOfBoundsException.class);
    }

    private static List<String> roles(String token) throws Exception {
        return JSON.convertValue(part(token, 1).at("/realm_access/roles"), JSON.getTypeFactory()
                .constructCollectionType(List.class, String.class));
    }

    private static JsonNode part(String token, int index) throws Exception {
        String[] parts = token.split("\\.");
        return JSON.readTree(Base64.getUrlDecoder().decode(parts[index]));
    }

    private static boolean verifies(String token) throws Exception {
        return verifies(token, TestTokens.publicKey());
    }

    private static boolean verifies(String token, PublicKey key) throws Exception {
        int lastDot = token.lastIndexOf('.');
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(key);
        rs256.update(token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII));
        return rs256.verify(Base64.getUrlDecoder().decode(token.substring(lastDot + 1)));
    }
}
