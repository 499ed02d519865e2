package org.ecogov.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The emissions service with the real registry, Keycloak and broker (issue 10): started again once the demo park is in
 * the registry, it loads its copy of the registry's limits at start through the generated registry client with its own
 * identity (realm client {@code emissions-service}, whose client-credentials grant Keycloak records), and a permit revoked in the registry through its API reaches
 * emissions as the registry's event, so a value above the limit posted after it is stored but no longer judged,
 * where one posted before it opened an exceedance.
 */
class EmissionsSystemTest extends ThroughTheGateway {

    /** Meijie Building Materials, in Meijie Town: no other system test writes to it. */
    private static final String ENTERPRISE = "91341702084036001L";
    private static final String PERMIT = ENTERPRISE + "001P";
    private static final String OUTLET = "DA001";
    private static final String SO2 = "a21026";

    @Test
    void theLimitsAreLoadedAtStartWithTheServicesOwnIdentity() throws Exception {
        // the stack starts emissions before it loads the demo park, so the load at its start found an empty registry
        // (its log: "0 enterprises"; the copy was then filled from the registry's events): started again now, its
        // load at start reads the whole park, every enterprise whatever its jurisdiction
        Instant restarting = Instant.now();
        stack.stopService(DemoEmissions.SERVICE);
        stack.restart(DemoEmissions.SERVICE);
        int enterprises = DemoData.park().get("enterprises").size();
        Path log = stack.service(DemoEmissions.SERVICE).logFile();
        String loaded = "limits loaded from the registry: " + enterprises + " enterprises";
        assertThat(eventually(Duration.ofSeconds(90), () -> Files.isRegularFile(log)
                && Files.readString(log, StandardCharsets.UTF_8).contains(loaded), done -> done))
                .as("'%s' in emissions' log %s", loaded, log).isTrue();
        Instant started = Instant.now();
        // ... with a token of its own client: Keycloak recorded the client-credentials grant of emissions-service while
        // it started (no test asks for a token of that client meanwhile)
        List<JsonNode> grants = SharedKeycloak.admin().events(SharedKeycloak.REALM, "CLIENT_LOGIN", "emissions-service")
                .stream().filter(grant -> {
                    Instant at = Instant.ofEpochMilli(grant.get("time").asLong());
                    return !at.isBefore(restarting) && !at.isAfter(started);
                }).toList();
        assertThat(grants).as("emissions-service's grants while emissions started again").isNotEmpty().allSatisfy(grant -> {
            assertThat(grant.get("clientId").asText()).isEqualTo("emissions-service");
            assertThat(grant.at("/details/grant_type").asText()).isEqualTo("client_credentials");
        });
        // the copy holds the registry's limits of an enterprise outside the towns the demo data writes to
        Reply limits = gateway("GET", "/api/v1/emissions/enterprises/" + ENTERPRISE + "/outlets/" + OUTLET + "/limits",
                bearer(user("eeb.officer")));
        assertThat(limits.status()).as(limits.text()).isEqualTo(200);
        assertThat(limits.json().get("limits")).anySatisfy(period -> {
            assertThat(period.get("pollutant").asText()).isEqualTo(SO2);
            assertThat(period.get("limitMax").asDouble()).isEqualTo(100.0);
        });
    }

    @Test
    void aPermitRevokedInTheRegistryReachesEmissionsAndAValueAfterItIsNotJudged() throws Exception {
        String admin = user("admin");
        // the demo values end with the last full hour: this hour and the next are free
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
        JsonNode before = ingest(admin, hour, 180);
        assertThat(before.get("accepted").asInt()).as(before.toString()).isEqualTo(1);
        JsonNode opened = exceedanceFrom(admin, hour);
        assertThat(opened).as("a value above the limit under a permit in force opens an exceedance").isNotNull();
        assertThat(opened.get("periods").asInt()).isEqualTo(1);

        Reply revoked = gateway("POST", "/api/v1/enterprises/" + ENTERPRISE + "/permits/" + PERMIT + "/revocation",
                Map.of("Authorization", "Bearer " + admin, "If-Match", permitEtag(admin)),
                Map.of("reason", "Revoked in a system test: the plant closed its kiln line."));
        assertThat(revoked.status()).as(revoked.text()).isEqualTo(200);

        // the registry's event reaches emissions' copy through the broker
        Instant revokedAt = eventually(Duration.ofSeconds(30), EmissionsSystemTest::copiedRevocation, at -> at != null);
        assertThat(revokedAt).as("emissions' copy of %s never saw the revocation", PERMIT).isNotNull();

        // a value of the next hour, after the revocation, above the limit: stored, but no permitted limit to break
        Instant next = hour.plus(Duration.ofHours(1));
        assertThat(next).isAfter(revokedAt);
        JsonNode after = ingest(admin, next, 180);
        assertThat(after.get("accepted").asInt()).as(after.toString()).isEqualTo(1);
        Reply series = gateway("GET", "/api/v1/emissions/enterprises/" + ENTERPRISE + "/outlets/" + OUTLET + "/series/" + SO2
                + "?from=" + hour + "&to=" + next.plus(Duration.ofHours(1)), bearer(admin));
        assertThat(series.json().get("values")).as(series.text()).hasSize(2);
        assertThat(exceedanceFrom(admin, next)).as("no exceedance starts after the revocation").isNull();
        assertThat(exceedanceFrom(admin, hour).get("periods").asInt()).as("nor is the open one extended").isEqualTo(1);
    }

    private static JsonNode ingest(String token, Instant time, double avg) throws Exception {
        String line = "{\"outlet\":\"" + OUTLET + "\",\"pollutant\":\"" + SO2 + "\",\"kind\":\"hourly\",\"time\":\"" + time
                + "\",\"avg\":" + avg + ",\"flag\":\"N\"}\n";
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(stack.gateway().baseUrl()
                        + "/api/v1/emissions/enterprises/" + ENTERPRISE + "/measurement-batches/" + UUID.randomUUID()))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-ndjson")
                .timeout(Duration.ofSeconds(30))
                .PUT(HttpRequest.BodyPublishers.ofString(line)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    /** The exceedance of the outlet's SO2 whose first period is {@code first}, or null. */
    private static JsonNode exceedanceFrom(String token, Instant first) throws Exception {
        Reply list = gateway("GET", "/api/v1/emissions/enterprises/" + ENTERPRISE + "/exceedances?outlet=" + OUTLET
                + "&pollutant=" + SO2 + "&limit=100", bearer(token));
        assertThat(list.status()).as(list.text()).isEqualTo(200);
        for (JsonNode item : list.json().get("items")) {
            if (Instant.parse(item.get("firstPeriod").asText()).equals(first)) {
                return item;
            }
        }
        return null;
    }

    private static String permitEtag(String token) throws Exception {
        Reply permit = gateway("GET", "/api/v1/enterprises/" + ENTERPRISE + "/permits/" + PERMIT, bearer(token));
        assertThat(permit.status()).as(permit.text()).isEqualTo(200);
        return permit.header("ETag").orElseThrow();
    }

    /** When emissions' copy of the permit says it was revoked (read in its database, as its owner sees it). */
    private static Instant copiedRevocation() throws Exception {
        try (Connection connection = stack.database.connect(DemoEmissions.SERVICE);
             PreparedStatement query = connection.prepareStatement("select revoked_at from permit_copy where permit_number = ?")) {
            query.setString(1, PERMIT);
            try (ResultSet row = query.executeQuery()) {
                return row.next() && row.getTimestamp(1) != null ? row.getTimestamp(1).toInstant() : null;
            }
        }
    }
}
