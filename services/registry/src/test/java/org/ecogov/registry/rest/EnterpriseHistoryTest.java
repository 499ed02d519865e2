package org.ecogov.registry.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.ecogov.registry.Database;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.ecogov.registry.Fixtures.*;
import static org.hamcrest.Matchers.*;

/**
 * An enterprise's history is kept in a form of the registry's own (EnterpriseSnapshots), not as the API model, and
 * every form ever written stays readable: history written before, in an older form, is answered through today's
 * contract, and a member the reader does not know is ignored rather than a 500.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
class EnterpriseHistoryTest {

    @BeforeEach
    void world() {
        ensureWorld();
    }

    @Test
    void historyWrittenInTheFirstFormIsReadThroughTheApi() {
        String uscc = enterpriseIn(TOWN_A);
        // exactly what the registry stored until issue 8: the API model Enterprise of contract 1.0.0, with no form
        String formOne = "{\"uscc\":\"" + uscc + "\",\"details\":{\"name\":\"Old Form Copper Co.\","
                + "\"legalRepresentative\":\"Zhang Wei\",\"industryCode\":\"C3211\",\"address\":\"1 River Road\","
                + "\"location\":{\"latitude\":30.61,\"longitude\":117.47},\"divisionCode\":\"" + TOWN_A + "\","
                + "\"park\":\"QJIP\",\"keyMonitored\":true},\"status\":\"operating\",\"usccCheckOverridden\":false,"
                + "\"audit\":{\"createdAt\":\"2026-01-05T08:00:00Z\",\"createdBy\":\"eeb.officer\","
                + "\"updatedAt\":\"2026-01-05T08:00:00Z\",\"updatedBy\":\"eeb.officer\",\"version\":1}}";
        Database.execute("update enterprise_version set snapshot = '" + formOne + "' where uscc = '" + uscc + "'");

        as(EEB_OFFICER).get("/api/v1/enterprises/" + uscc + "/versions").then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].version", is(1))
                .body("items[0].action", is("created"))
                .body("items[0].enterprise.uscc", is(uscc))
                .body("items[0].enterprise.details.name", is("Old Form Copper Co."))
                .body("items[0].enterprise.details.location.latitude", is(30.61f))
                .body("items[0].enterprise.details.park", is("QJIP"))
                .body("items[0].enterprise.details.keyMonitored", is(true))
                .body("items[0].enterprise.audit.createdAt", is("2026-01-05T08:00:00Z"))
                .body("items[0].enterprise.audit.version", is(1));
    }

    @Test
    void aMemberTheReaderDoesNotKnowIsIgnored() {
        String uscc = enterpriseIn(TOWN_A);
        String stored = Database.queryString("select snapshot from enterprise_version where uscc = '" + uscc + "'");
        // as a later registry might write it: the current form with one member more
        Database.execute("update enterprise_version set snapshot = '" + stored.replace("{\"form\":2,",
                "{\"form\":2,\"sector\":\"non-ferrous\",") + "' where uscc = '" + uscc + "'");

        as(EEB_OFFICER).get("/api/v1/enterprises/" + uscc + "/versions").then().statusCode(200)
                .body("items[0].enterprise.uscc", is(uscc))
                .body("items[0].enterprise", not(hasKey("sector")));
    }

    @Test
    void historyIsWrittenInTheRegistrysOwnFormNotAsTheApiModel() {
        String uscc = enterpriseIn(TOWN_A);
        as(EEB_OFFICER).header("If-Match", "\"1\"").body(Map.of("status", "suspended", "reason", "Inspection pending"))
                .post("/api/v1/enterprises/" + uscc + "/status-changes").then().statusCode(200);
        String stored = Database.queryString("select snapshot from enterprise_version where uscc = '" + uscc
                + "' and version = 2");
        org.assertj.core.api.Assertions.assertThat(stored).startsWith("{\"form\":2,").doesNotContain("\"details\"")
                .contains("\"status\":\"suspended\"");
        as(EEB_OFFICER).get("/api/v1/enterprises/" + uscc + "/versions").then().statusCode(200)
                .body("items.enterprise.status", contains("operating", "suspended"))
                .body("items[1].enterprise.statusReason", is("Inspection pending"));
    }
}
