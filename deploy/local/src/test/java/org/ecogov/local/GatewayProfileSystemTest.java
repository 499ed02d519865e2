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
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The enterprise profile the gateway assembles: the full one for an official in the jurisdiction, the disclosed
 * one (no personal data) for a {@code disclosure:read} key; its emissions and enforcement sections read from the real
 * services with the caller's own token, holding what the test wrote through the gateway (hourly values, one above its
 * limit; an inspection and a case) and its complaints section the complaint a citizen filed about the enterprise, each
 * marked {@code not-permitted} for a caller its service refuses.
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
        // enforcement shows the key its public disclosure of the issued decisions only, no inspection nor case
        assertThat(profile.at("/enforcement/status").asText()).as(reply.text()).isEqualTo("available");
        assertThat(profile.at("/enforcement/disclosedDecisions").isArray()).as(reply.text()).isTrue();
        assertThat(profile.at("/enforcement/inspections").isMissingNode()).isTrue();
        assertThat(profile.at("/enforcement/cases").isMissingNode()).isTrue();
        assertThat(profile.at("/enforcement/decisions").isMissingNode()).isTrue();
        assertThat(reply.text()).doesNotContain("legalRepresentative").doesNotContain("Li Jianguo");
        assertThat(reply.header("RateLimit-Remaining")).isPresent();
    }

    /**
     * The hour of ACME's newest values, written once: SO2 at DA001 above its limit of 100, NOx within 200. The current
     * hour, which the demo data (up to the last full hour when the stack started) never has.
     */
    private static final Instant HOUR = Instant.now().truncatedTo(ChronoUnit.HOURS);
    private static String inspectionId;
    private static String caseId;
    private static String complaintCode;

    private static synchronized void acmeHasEmissionsAndEnforcement() throws Exception {
        if (caseId != null) {
            return;
        }
        String admin = user("admin");
        String values = "{\"outlet\":\"DA001\",\"pollutant\":\"a21026\",\"kind\":\"hourly\",\"time\":\"" + HOUR + "\",\"avg\":150,\"flag\":\"N\"}\n"
                + "{\"outlet\":\"DA001\",\"pollutant\":\"a21002\",\"kind\":\"hourly\",\"time\":\"" + HOUR + "\",\"avg\":120,\"flag\":\"N\"}\n";
        // emissions learns of ACME's outlets from the registry's events after the demo park's load: wait for its copy
        HttpResponse<String> ingested = eventually(Duration.ofSeconds(60), () -> HTTP.send(HttpRequest.newBuilder(
                                URI.create(stack.gateway().baseUrl() + "/api/v1/emissions/enterprises/" + ACME + "/measurement-batches/"
                                        + UUID.randomUUID()))
                        .header("Authorization", "Bearer " + admin).header("Content-Type", "application/x-ndjson")
                        .PUT(HttpRequest.BodyPublishers.ofString(values)).build(), HttpResponse.BodyHandlers.ofString()),
                r -> r.statusCode() == 201 && r.body().contains("\"rejected\":0"));
        assertThat(ingested.statusCode()).as(ingested.body()).isEqualTo(201);

        String officer = user("eeb.officer");
        Reply inspection = gateway("POST", "/api/v1/inspections", withKey(officer), Map.of("kind", "routine",
                "enterpriseUscc", ACME, "inspectors", List.of("inspector.li")));
        assertThat(inspection.status()).as(inspection.text()).isEqualTo(201);
        inspectionId = inspection.json().get("id").asText();
        Reply opened = gateway("POST", "/api/v1/cases", withKey(officer), Map.of("enterpriseUscc", ACME,
                "violations", List.of(Map.of("legalBasis", "Air Pollution Prevention and Control Law art. 99(2)",
                        "description", "SO2 above the permitted concentration at stack 1", "pollutantCode", "a21026",
                        "outletCode", "DA001"))));
        assertThat(opened.status()).as(opened.text()).isEqualTo(201);
        caseId = opened.json().get("id").asText();

        // a citizen names ACME as the suspected enterprise of an odour complaint
        Reply filed = gateway("POST", "/api/v1/complaints", bearer(user("citizen")), Map.of("category", "odour",
                "description", "Sulphur smell by the Acme smelter's stacks all morning.",
                "location", Map.of("point", Map.of("latitude", 30.7013, "longitude", 117.3925), "divisionCode", "341702102001"),
                "suspectedEnterprise", ACME, "channel", "web"));
        assertThat(filed.status()).as(filed.text()).isEqualTo(201);
        complaintCode = filed.json().get("trackingCode").asText();
    }

    private static Map<String, String> withKey(String token) {
        return Map.of("Authorization", "Bearer " + token, "Idempotency-Key", UUID.randomUUID().toString());
    }

    @Test
    void theEmissionsAndEnforcementSectionsHoldWhatTheServicesShowTheOfficer() throws Exception {
        acmeHasEmissionsAndEnforcement();
        Reply reply = gateway("GET", "/api/v1/enterprises/" + ACME + "/profile", bearer(user("eeb.officer")));

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        JsonNode profile = reply.json();
        JsonNode emissions = profile.get("emissions");
        assertThat(emissions.get("status").asText()).as(reply.text()).isEqualTo("available");
        JsonNode so2 = null;
        for (JsonNode value : emissions.get("latestValues")) {
            if (value.get("outletCode").asText().equals("DA001") && value.get("pollutant").asText().equals("a21026")) {
                so2 = value;
            }
        }
        assertThat(so2).as(emissions.toString()).isNotNull();
        assertThat(so2.at("/latest/time").asText()).isEqualTo(HOUR.toString());
        assertThat(so2.at("/latest/avg").asDouble()).isEqualTo(150.0);
        assertThat(so2.get("limitMax").asDouble()).isEqualTo(100.0);
        assertThat(so2.get("withinLimit").asBoolean()).isFalse();
        assertThat(emissions.get("openExceedances")).anySatisfy(exceedance -> {
            assertThat(exceedance.get("outletCode").asText()).isEqualTo("DA001");
            assertThat(exceedance.get("pollutant").asText()).isEqualTo("a21026");
            assertThat(exceedance.get("maxRatio").asDouble()).isEqualTo(1.5);
        });
        assertThat(emissions.at("/annualDischarge/year").asInt()).isEqualTo(java.time.Year.now(java.time.ZoneOffset.UTC).getValue());

        JsonNode enforcement = profile.get("enforcement");
        assertThat(enforcement.get("status").asText()).as(reply.text()).isEqualTo("available");
        assertThat(enforcement.get("inspections")).anySatisfy(i -> assertThat(i.get("id").asText()).isEqualTo(inspectionId));
        assertThat(enforcement.get("cases")).anySatisfy(c -> {
            assertThat(c.get("id").asText()).isEqualTo(caseId);
            assertThat(c.at("/violations/0/outletCode").asText()).isEqualTo("DA001");
        });

        // the EEB's officer sees the complaint about ACME (owned by the park committee: no contact details for them)
        JsonNode complaints = profile.get("complaints");
        assertThat(complaints.get("status").asText()).as(reply.text()).isEqualTo("available");
        assertThat(complaints.get("items")).anySatisfy(c -> {
            assertThat(c.get("trackingCode").asText()).isEqualTo(complaintCode);
            assertThat(c.get("suspectedEnterprise").asText()).isEqualTo(ACME);
            assertThat(c.has("contact")).isFalse();
        });
    }

    @Test
    void aSectionTheCallerMayNotSeeIsMarkedSoAndTheRestIsAnswered() throws Exception {
        acmeHasEmissionsAndEnforcement();
        // the reporter of ACME reads its own emissions; enforcement does not show reporters inspections or cases,
        // but their enterprise's served decisions (none served in this test's case: it has no decision)
        Reply reporter = gateway("GET", "/api/v1/enterprises/" + ACME + "/profile", bearer(user("reporter.acme")));
        assertThat(reporter.status()).as(reporter.text()).isEqualTo(200);
        assertThat(reporter.json().at("/emissions/status").asText()).as(reporter.text()).isEqualTo("available");
        assertThat(reporter.json().at("/emissions/latestValues")).isNotEmpty();
        assertThat(reporter.json().at("/enforcement/status").asText()).as(reporter.text()).isEqualTo("available");
        assertThat(reporter.json().at("/enforcement/problem").isMissingNode()).isTrue();
        assertThat(reporter.json().at("/enforcement/inspections").isMissingNode()).isTrue();
        assertThat(reporter.json().at("/enforcement/cases").isMissingNode()).isTrue();
        assertThat(reporter.json().at("/enforcement/decisions").isArray()).as(reporter.text()).isTrue();
        assertThat(reporter.text()).doesNotContain(inspectionId).doesNotContain(caseId);
        assertThat(reporter.json().at("/permits/status").asText()).isEqualTo("available");
        // complaints does not show a reporter the handled complaints; its disclosed view of those about ACME it does
        assertThat(reporter.json().at("/complaints/status").asText()).as(reporter.text()).isEqualTo("available");
        assertThat(reporter.json().at("/complaints/items").isMissingNode()).isTrue();
        assertThat(reporter.json().at("/complaints/disclosed")).isNotEmpty().allSatisfy(c -> {
            assertThat(c.has("ownerAgency")).isTrue();
            assertThat(c.has("trackingCode") || c.has("contact") || c.has("description")).isFalse();
        });
        assertThat(reporter.text()).doesNotContain(complaintCode);

        // a registry:read key reads the registry's part; hourly emissions and inspections are for no key
        GatewayApiKeys.Issued key = issue("SYSTEST-REGISTRY", List.of("registry:read"), 100);
        Reply keyed = gateway("GET", "/api/v1/enterprises/" + ACME + "/profile", apiKey(key.key()));
        assertThat(keyed.status()).as(keyed.text()).isEqualTo(200);
        assertThat(keyed.json().at("/outlets/status").asText()).isEqualTo("available");
        assertThat(keyed.json().at("/emissions/status").asText()).as(keyed.text()).isEqualTo("not-permitted");
        assertThat(keyed.json().at("/emissions/problem/status").asInt()).isEqualTo(403);
        assertThat(keyed.json().at("/enforcement/status").asText()).isEqualTo("not-permitted");
        assertThat(keyed.json().at("/complaints/status").asText()).isEqualTo("not-permitted");
        assertThat(keyed.text()).doesNotContain("\"latestValues\"").doesNotContain(inspectionId);
    }
}
