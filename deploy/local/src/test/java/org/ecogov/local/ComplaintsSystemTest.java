package org.ecogov.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The complaints service behind the real gateway, with the real registry and Keycloak: a citizen signed in through
 * the realm files through the gateway, the service routes it by the demo park's responsibility matrix read from the
 * real registry with its own identity (client complaints-service, the realm's client-credentials grant), and the
 * complainant follows it by its code; a third party's complaints:write key files on the app channel through the
 * gateway; the owning agency's officer reads it whole, and accepts it.
 */
class ComplaintsSystemTest extends ThroughTheGateway {

    private static final String PARK = "PARK-QJIP";

    private static Map<String, Object> odourAtTheVillage(String channel) {
        return Map.of("category", "odour",
                "description", "Rotten-egg smell along the river by the smelters since dusk.",
                "location", Map.of("point", Map.of("latitude", 30.6578, "longitude", 117.4853), "divisionCode", "341702102001"),
                "channel", channel,
                "contact", Map.of("name", "Li Na", "phone", "+86 139 0000 5678"));
    }

    @Test
    void aCitizenFilesThroughTheGatewayAndTheRealMatrixNamesTheOwner() throws Exception {
        String citizen = user("citizen");
        Reply filed = gateway("POST", "/api/v1/complaints", bearer(citizen), odourAtTheVillage("web"));
        assertThat(filed.status()).as(filed.text()).isEqualTo(201);
        JsonNode receipt = filed.json();
        // odour at the village 341702102001: the matrix entry at Wusha Town 341702102 names the park committee
        assertThat(receipt.at("/owner/agencyCode").asText()).isEqualTo(PARK);
        String code = receipt.get("trackingCode").asText();
        assertThat(code).matches("[0-9A-HJKMNP-TV-Z]{10}");
        assertThat(filed.header("Location").orElseThrow())
                .isEqualTo(stack.gateway().baseUrl().toString().replaceAll("/$", "") + "/api/v1/complaint-tracking/" + code);

        Reply tracked = gateway("GET", "/api/v1/complaint-tracking/" + code, bearer(citizen));
        assertThat(tracked.status()).as(tracked.text()).isEqualTo(200);
        assertThat(tracked.text()).doesNotContain("Li Na", "139", "Rotten-egg", "30.6578");
        assertThat(tracked.json().at("/owner/agencyCode").asText()).isEqualTo(PARK);

        // the EEB officer's jurisdiction covers Wusha Town: they see it, without the contact details (not their agency's)
        Reply list = gateway("GET", "/api/v1/complaints?under=341702102&open=true&limit=100", bearer(user("eeb.officer")));
        assertThat(list.status()).as(list.text()).isEqualTo(200);
        JsonNode mine = null;
        for (JsonNode item : list.json().get("items")) {
            if (item.get("trackingCode").asText().equals(code)) {
                mine = item;
            }
        }
        assertThat(mine).as("the complaint in the EEB officer's list").isNotNull();
        assertThat(mine.has("contact")).isFalse();
    }

    @Test
    void aComplaintsWriteKeyFilesOnTheAppChannelAndMayNotReadComplaints() throws Exception {
        GatewayApiKeys.Issued key = issue("CIVICAPP", List.of("complaints:write"), 100);
        Reply filed = gateway("POST", "/api/v1/complaints", apiKey(key.key()), odourAtTheVillage("app"));
        assertThat(filed.status()).as(filed.text()).isEqualTo(201);
        assertThat(filed.json().at("/owner/agencyCode").asText()).isEqualTo(PARK);
        Reply read = gateway("GET", "/api/v1/complaints", apiKey(key.key()));
        assertThat(read.status()).as(read.text()).isEqualTo(403);
    }
}
