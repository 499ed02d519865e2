package org.ecogov.registry.rest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.ecogov.registry.Database;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ecogov.registry.Fixtures.*;
import static org.hamcrest.Matchers.*;

@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
class EnterpriseResourceTest {

    @BeforeEach
    void world() {
        ensureWorld();
    }

    @Test
    void officerRegistersAnEnterpriseAndReadsItBackWithItsVersion() {
        String uscc = newUscc();
        Response created = registerEnterprise(EEB_OFFICER, uscc, "Chizhou Copper Smelting Co., Ltd.", TOWN_A);
        created.then().statusCode(201)
                .header("ETag", "\"1\"")
                .header("Location", endsWith("/api/v1/enterprises/" + uscc))
                .body("uscc", is(uscc))
                .body("status", is("operating"))
                .body("usccCheckOverridden", is(false))
                .body("details.divisionCode", is(TOWN_A))
                .body("audit.version", is(1))
                .body("audit.createdBy", is("officer-" + EEB));

        as(EEB_OFFICER).get("/api/v1/enterprises/" + uscc).then().statusCode(200)
                .header("ETag", "\"1\"")
                .body("details.name", is("Chizhou Copper Smelting Co., Ltd."))
                .body("details.location.latitude", is(30.6578f));
    }

    @Test
    void wrongCheckCharacterIsRefusedNamingTheField() {
        String bad = withWrongCheckCharacter(newUscc());
        long before = Database.count("enterprise");
        registerEnterprise(EEB_OFFICER, bad, "Bad Code Ltd.", TOWN_A).then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", is("/problems/invalid-uscc-check-character"))
                .body("errors[0].field", is("uscc"))
                .body("errors[0].message", containsString("the check character should be "
                        + org.ecogov.runtime.identifiers.Uscc.checkCharacter(bad.substring(0, 17))));
        assertThat(Database.count("enterprise")).isEqualTo(before);
    }

    @Test
    void platformAdminMayOverrideTheCheckWithAReasonThatIsAudited() {
        String early = withWrongCheckCharacter(newUscc());
        as(ADMIN).body(Map.of("uscc", early, "details", details("Early Code Smelter", TOWN_A),
                        "checkCharacterOverride", Map.of("reason", "Code issued in 2016 before validation; confirmed with market supervision")))
                .post("/api/v1/enterprises").then().statusCode(201)
                .body("usccCheckOverridden", is(true));

        as(ADMIN).queryParam("entityType", "enterprise").queryParam("entityId", early)
                .get("/api/v1/registry/audit-entries").then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].action", is("enterprise-registered-with-check-override"))
                .body("items[0].reason", startsWith("Code issued in 2016"))
                .body("items[0].afterDigest", matchesPattern("[0-9a-f]{64}"));
    }

    @Test
    void officerMayNotOverrideTheCheck() {
        String early = withWrongCheckCharacter(newUscc());
        as(EEB_OFFICER).body(Map.of("uscc", early, "details", details("Early Code Smelter", TOWN_A),
                        "checkCharacterOverride", Map.of("reason", "I think it is fine")))
                .post("/api/v1/enterprises").then().statusCode(403)
                .body("errors[0].field", is("checkCharacterOverride"));
        as(ADMIN).get("/api/v1/enterprises/" + early).then().statusCode(404);
    }

    @Test
    void registeringTheSameUsccTwiceIsAConflict() {
        String uscc = enterpriseIn(TOWN_A);
        Map<String, Long> before = Database.rowCounts();
        // a replayed registration changes nothing: the USCC is the natural idempotency key
        registerEnterprise(EEB_OFFICER, uscc, "Again", TOWN_A).then().statusCode(409)
                .body("type", is("/problems/enterprise-exists"))
                .body("errors[0].field", is("uscc"));
        assertThat(Database.rowCounts()).isEqualTo(before);
    }

    @Test
    void updateNeedsTheCurrentVersion() {
        String uscc = enterpriseIn(TOWN_A);
        Map<String, Object> renamed = Map.of("details", details("Renamed Smelter", TOWN_A), "reason", "Name change registered");

        as(EEB_OFFICER).body(renamed).put("/api/v1/enterprises/" + uscc).then().statusCode(428)
                .body("type", is("/problems/precondition-required"));
        as(EEB_OFFICER).header("If-Match", "\"7\"").body(renamed).put("/api/v1/enterprises/" + uscc).then().statusCode(412)
                .body("type", is("/problems/stale-version"));
        as(EEB_OFFICER).header("If-Match", "\"1\"").body(renamed).put("/api/v1/enterprises/" + uscc).then().statusCode(200)
                .header("ETag", "\"2\"")
                .body("details.name", is("Renamed Smelter"))
                .body("audit.updatedBy", is("officer-" + EEB));
        // the same stale tag a second time: someone else's change is not overwritten
        as(EEB_OFFICER).header("If-Match", "\"1\"").body(renamed).put("/api/v1/enterprises/" + uscc).then().statusCode(412);
    }

    @Test
    void ofTwoConcurrentChangesToTheSameVersionExactlyOneWins() throws Exception {
        String uscc = enterpriseIn(TOWN_A);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Integer>> attempts = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String name = "Concurrent Name " + i;
                attempts.add(pool.submit(() -> as(EEB_OFFICER).header("If-Match", "\"1\"")
                        .body(Map.of("details", details(name, TOWN_A)))
                        .put("/api/v1/enterprises/" + uscc).statusCode()));
            }
            List<Integer> statuses = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<Integer> attempt : attempts) {
                statuses.add(attempt.get());
            }
            assertThat(statuses).containsExactlyInAnyOrder(200, 412, 412, 412);
        } finally {
            pool.shutdownNow();
        }
        as(EEB_OFFICER).get("/api/v1/enterprises/" + uscc + "/versions").then().body("items.version", contains(1, 2));
    }

    @Test
    void statusChangesNeedAReasonAndFollowTheAllowedTransitions() {
        String uscc = enterpriseIn(TOWN_A);
        as(EEB_OFFICER).header("If-Match", "\"1\"").body(Map.of("status", "suspended"))
                .post("/api/v1/enterprises/" + uscc + "/status-changes").then().statusCode(400)
                .body("errors.field", hasItem("reason"));
        as(EEB_OFFICER).header("If-Match", "\"1\"").body(Map.of("status", "suspended", "reason", "Production halted by order 2026-17"))
                .post("/api/v1/enterprises/" + uscc + "/status-changes").then().statusCode(200)
                .body("status", is("suspended"))
                .body("statusReason", is("Production halted by order 2026-17"))
                .body("statusChangedAt", notNullValue());
        as(EEB_OFFICER).header("If-Match", "\"2\"").body(Map.of("status", "closed", "reason", "Licence withdrawn"))
                .post("/api/v1/enterprises/" + uscc + "/status-changes").then().statusCode(200);
        as(EEB_OFFICER).header("If-Match", "\"3\"").body(Map.of("status", "operating", "reason", "Wants to reopen"))
                .post("/api/v1/enterprises/" + uscc + "/status-changes").then().statusCode(409)
                .body("type", is("/problems/invalid-status-transition"));
    }

    @Test
    void everyVersionIsKeptInOrder() {
        String uscc = enterpriseIn(TOWN_A);
        as(EEB_OFFICER).header("If-Match", "\"1\"").body(Map.of("details", details("Second Name", TOWN_A)))
                .put("/api/v1/enterprises/" + uscc).then().statusCode(200);
        as(EEB_OFFICER).header("If-Match", "\"2\"").body(Map.of("status", "suspended", "reason", "Inspection pending"))
                .post("/api/v1/enterprises/" + uscc + "/status-changes").then().statusCode(200);

        as(EEB_LEAD).get("/api/v1/enterprises/" + uscc + "/versions").then().statusCode(200)
                .body("items.version", contains(1, 2, 3))
                .body("items.action", contains("created", "updated", "status-changed"))
                .body("items[0].enterprise.details.name", is("Enterprise " + uscc))
                .body("items[1].enterprise.details.name", is("Second Name"))
                .body("items[2].enterprise.status", is("suspended"))
                .body("items[2].reason", is("Inspection pending"));

        Response firstPage = as(EEB_LEAD).queryParam("limit", 2).get("/api/v1/enterprises/" + uscc + "/versions");
        firstPage.then().body("items.version", contains(1, 2)).body("next", notNullValue());
        as(EEB_LEAD).queryParam("limit", 2).queryParam("cursor", firstPage.path("next").toString())
                .get("/api/v1/enterprises/" + uscc + "/versions").then()
                .body("items.version", contains(3)).body("next", nullValue());
    }

    @Test
    void listFiltersAndPagesInUsccOrder() {
        String park = "P" + System.nanoTime() % 100000;
        List<String> ours = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String uscc = newUscc();
            Map<String, Object> d = new java.util.HashMap<>(details((i % 2 == 0 ? "Copper " : "Zinc ") + i, TOWN_A));
            d.put("park", park);
            d.put("keyMonitored", i < 3);
            as(EEB_OFFICER).body(Map.of("uscc", uscc, "details", d)).post("/api/v1/enterprises").then().statusCode(201);
            ours.add(uscc);
        }
        ours.sort(String::compareTo);

        Response page1 = as(EEB_OFFICER).queryParam("park", park).queryParam("limit", 2).get("/api/v1/enterprises");
        page1.then().statusCode(200).body("items.uscc", contains(ours.get(0), ours.get(1))).body("limit", is(2));
        Response page2 = as(EEB_OFFICER).queryParam("park", park).queryParam("limit", 2)
                .queryParam("cursor", page1.path("next").toString()).get("/api/v1/enterprises");
        page2.then().body("items.uscc", contains(ours.get(2), ours.get(3)));
        as(EEB_OFFICER).queryParam("park", park).queryParam("limit", 2)
                .queryParam("cursor", page2.path("next").toString()).get("/api/v1/enterprises")
                .then().body("items.uscc", contains(ours.get(4))).body("next", nullValue());

        as(EEB_OFFICER).queryParam("park", park).queryParam("nameContains", "zINC").get("/api/v1/enterprises")
                .then().body("items", hasSize(2));
        as(EEB_OFFICER).queryParam("park", park).queryParam("keyMonitored", false).get("/api/v1/enterprises")
                .then().body("items", hasSize(2));
        as(EEB_OFFICER).queryParam("park", park).queryParam("divisionCode", TOWN_B).get("/api/v1/enterprises")
                .then().body("items", hasSize(0));
        as(EEB_OFFICER).queryParam("park", park).queryParam("status", "operating").queryParam("industryCode", "C3211")
                .get("/api/v1/enterprises").then().body("items", hasSize(5));
    }
}
