package org.ecogov.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The enforcement service with the real registry, Keycloak and broker (issue 12): the random plan the demo data draws
 * at the stack's start read its target pool from the real registry with the service's own identity (realm client
 * {@code enforcement-service}, whose client-credentials grant Keycloak recorded then): the park's operating
 * enterprises of the district, the suspended one left out; and the service's copy of the registry's enterprises follows
 * a status change made in the registry through its API.
 */
class EnforcementSystemTest extends ThroughTheGateway {

    /** Meijie Aluminium Profiles, in Meijie Town: no other system test writes to it. */
    private static final String ENTERPRISE = "913417025025687321";

    @Test
    void theDemoDrawReadItsPoolFromTheRegistryWithTheServicesOwnIdentity() throws Exception {
        List<String> operating = new ArrayList<>();
        List<String> suspended = new ArrayList<>();
        for (JsonNode enterprise : DemoData.park().get("enterprises")) {
            (enterprise.has("status") ? suspended : operating).add(enterprise.get("uscc").asText());
        }
        assertThat(suspended).isNotEmpty();
        Reply plans = gateway("GET", "/api/v1/inspection-plans?status=drawn", bearer(user("eeb.lead")));
        assertThat(plans.status()).as(plans.text()).isEqualTo(200);
        JsonNode demo = null;
        for (JsonNode plan : plans.json().get("items")) {
            if (plan.get("jurisdiction").asText().equals(DemoEnforcement.JURISDICTION)
                    && Instant.parse(plan.at("/draw/drawnAt").asText()).isBefore(stack.readyAt)) {
                demo = plan;
            }
        }
        assertThat(demo).as("the demo's drawn plan of the district in %s", plans.text()).isNotNull();
        // the registry's operating enterprises of the district, sorted: the registry alone knows which is suspended
        assertThat(demo.at("/draw/pool")).extracting(JsonNode::asText).containsExactlyElementsOf(operating.stream().sorted().toList());
        assertThat(stack.demoEnforcement().randomInspections()).isEqualTo(demo.at("/draw/targets").asInt());

        // the service asked Keycloak for a token of its own client while the stack started and the demo drew (before
        // any test ran: the tests' own grants of this client come outside that time)
        List<JsonNode> grants = SharedKeycloak.admin().events(SharedKeycloak.REALM, "CLIENT_LOGIN", "enforcement-service")
                .stream().filter(grant -> {
                    Instant at = Instant.ofEpochMilli(grant.get("time").asLong());
                    return !at.isBefore(stack.startedAt) && !at.isAfter(stack.readyAt);
                }).toList();
        assertThat(grants).as("enforcement-service's grants while the stack started").isNotEmpty()
                .allSatisfy(grant -> assertThat(grant.at("/details/grant_type").asText()).isEqualTo("client_credentials"));
    }

    @Test
    void aStatusChangeInTheRegistryReachesEnforcementsCopy() throws Exception {
        assertThat(eventually(Duration.ofSeconds(30), () -> copiedStatus(ENTERPRISE), "operating"::equals))
                .as("the copy of %s after the refresh at start", ENTERPRISE).isEqualTo("operating");
        String admin = user("admin");
        Reply enterprise = gateway("GET", "/api/v1/enterprises/" + ENTERPRISE, bearer(admin));
        assertThat(enterprise.status()).as(enterprise.text()).isEqualTo(200);
        Reply changed = gateway("POST", "/api/v1/enterprises/" + ENTERPRISE + "/status-changes",
                Map.of("Authorization", "Bearer " + admin, "If-Match", enterprise.header("ETag").orElseThrow()),
                Map.of("status", "suspended", "reason", "Suspended in a system test: extrusion line shut for repairs."));
        assertThat(changed.status()).as(changed.text()).isIn(200, 201);

        assertThat(eventually(Duration.ofSeconds(30), () -> copiedStatus(ENTERPRISE), "suspended"::equals))
                .as("enforcement's copy of %s after the registry suspended it", ENTERPRISE).isEqualTo("suspended");
    }

    /** The enterprise's status in enforcement's copy (read in its database), or null. */
    private static String copiedStatus(String uscc) throws Exception {
        try (Connection connection = stack.database.connect(DemoEnforcement.SERVICE);
             PreparedStatement query = connection.prepareStatement("select status from enterprise_copy where uscc = ?")) {
            query.setString(1, uscc);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }
}
