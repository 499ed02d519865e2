package org.ecogov.local;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The enterprise profile the gateway assembles: the full one for an official in the jurisdiction, the disclosed
 * one (no personal data) for a {@code disclosure:read} key.
 */
class GatewayProfileSystemTest extends ThroughTheGateway {

    @Test
    void officerInTheJurisdictionGetsTheFullProfile() throws Exception {
        Reply reply = gateway("GET", "/api/v1/enterprises/" + ACME + "/profile", bearer(user("town.officer")));

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        JsonNode profile = reply.json();
        assertThat(profile.get("uscc").asText()).isEqualTo(ACME);
        assertThat(profile.get("view").asText()).isEqualTo("full");
        assertThat(profile.at("/enterprise/uscc").asText()).isEqualTo(ACME);
        assertThat(profile.at("/enterprise/details/legalRepresentative").isMissingNode()).isFalse();
        assertThat(profile.at("/summary/name").asText()).isNotBlank();
        assertThat(profile.at("/outlets/status").asText()).isEqualTo("available");
        assertThat(profile.at("/outlets/items")).hasSize(3);
        assertThat(profile.at("/permits/status").asText()).isEqualTo("available");
        assertThat(profile.at("/permits/items")).isNotEmpty();
    }

    @Test
    void disclosureKeyGetsTheDisclosedProfileWithoutPersonalData() throws Exception {
        GatewayApiKeys.Issued key = issue("SYSTEST-PUBLIC", List.of("disclosure:read"), 100);

        Reply reply = gateway("GET", "/api/v1/enterprises/" + ACME + "/profile", apiKey(key.key()));

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        JsonNode profile = reply.json();
        assertThat(profile.get("view").asText()).isEqualTo("disclosed");
        assertThat(profile.has("enterprise")).isFalse();
        assertThat(profile.at("/summary/uscc").asText()).isEqualTo(ACME);
        assertThat(profile.at("/outlets/status").asText()).isEqualTo("available");
        assertThat(profile.at("/outlets/disclosed")).hasSize(3);
        assertThat(profile.at("/outlets/items").isMissingNode()).isTrue();
        assertThat(profile.at("/permits/disclosed").isArray()).isTrue();
        assertThat(profile.at("/permits/items").isMissingNode()).isTrue();
        assertThat(reply.text()).doesNotContain("legalRepresentative").doesNotContain("Li Jianguo");
        assertThat(reply.header("RateLimit-Remaining")).isPresent();
    }
}
