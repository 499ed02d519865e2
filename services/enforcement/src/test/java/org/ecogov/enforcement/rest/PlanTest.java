package org.ecogov.enforcement.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ecogov.enforcement.Fixtures.*;
import static org.hamcrest.Matchers.*;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;

import org.ecogov.enforcement.Database;
import org.ecogov.enforcement.TestRegistry;
import org.ecogov.enforcement.domain.Inspection;
import org.ecogov.enforcement.domain.RandomDraw;
import org.ecogov.enforcement.events.EnforcementEvents;
import org.ecogov.enforcement.events.EnforcementEventsTest;
import org.ecogov.enforcement.events.EnforcementEventsTest.Published;
import org.ecogov.runtime.audit.Canonical;
import org.ecogov.enforcement.service.PlanService;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.ecogov.testing.SettableClock;
import org.ecogov.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Random inspection plans end to end on a real PostgreSQL, the pool read from the real registry (TestRegistry) with
 * the service's own identity: the draw is reproducible from the seed published once every drawn inspection has started (and the
 * seed matches the SHA-256 published at the draw), the always-include rule for a violation in the last year, who
 * sees an assignment before its inspection starts, results after closure, and the refusals.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
@WithTestResource(TestRegistry.class)
class PlanTest {

    private static final String RECENT_CASE_TIME = "2026-02-01T02:00:00Z";
    private static final String OLD_CASE_TIME = "2025-01-10T02:00:00Z";
    private static final String DRAW_TIME = "2026-06-01T02:00:00Z";
    private static final List<String> POOL_INSPECTORS = List.of(INSPECTOR_LI, INSPECTOR_WANG, INSPECTOR_ZHAO,
            "inspector.chen");
    /** An official of another agency of the same district: not an owner of the EEB's plans. */
    private static final String OTHER_AGENCY_OFFICER = TestTokens.officer("WRB-341702", DISTRICT);
    private static final String OTHER_AGENCY_LEAD = TestTokens.lead("WRB-341702", DISTRICT);

    @AfterEach
    void realTime() {
        SettableClock.INSTANCE.reset();
        TestRegistry.startRegistry();
    }

    @Test
    void theDrawIsReproducibleFromItsPublishedSeedAndHonoursAlwaysInclude() {
        String town = newTown();
        List<String> operating = registered(town, 20);
        String suspended = registered(town, 1, "suspended").get(0);
        String recent = operating.get(3);
        String old = operating.get(7);
        SettableClock.INSTANCE.set(Instant.parse(OLD_CASE_TIME));
        openCase(inCopy(old, town));
        SettableClock.INSTANCE.set(Instant.parse(RECENT_CASE_TIME));
        openCase(inCopy(recent, town));

        SettableClock.INSTANCE.set(Instant.parse(DRAW_TIME));
        String plan = definePlan(town, "0.15", false);
        JsonPath drawn = draw(plan, "\"1\"").extract().jsonPath();
        // read with the service's own identity: it asked the realm for a token (client credentials)
        assertThat(TestRegistry.serviceTokensIssued()).isPositive();
        assertThat(drawn.getString("status")).isEqualTo("drawn");
        assertThat(drawn.getList("draw.pool", String.class)).containsExactlyElementsOf(new TreeSet<>(operating))
                .doesNotContain(suspended);
        assertThat(drawn.getList("draw.rulesApplied", String.class)).containsExactly("violation-in-last-year");
        assertThat(drawn.getList("draw.alwaysIncluded.enterpriseUscc", String.class)).containsExactly(recent);
        assertThat(drawn.getInt("draw.targets")).isEqualTo(3);
        // the owner sees every assignment at once, the seed too
        assertThat(drawn.getList("draw.assignments")).hasSize(3);
        assertThat(drawn.getList("draw.assignments.enterpriseUscc", String.class)).contains(recent);
        long ownersSeed = Long.parseLong(drawn.getString("draw.seed"));

        // published at once: the inputs and the seed's hash; no assignment, no seed
        JsonPath published = as(CITIZEN).get("/api/v1/published-draws/" + plan).then().statusCode(200).extract().jsonPath();
        String hash = published.getString("draw.seedSha256");
        assertThat(hash).matches("[0-9a-f]{64}").isEqualTo(PlanService.seedSha256(ownersSeed));
        assertThat(published.getString("draw.seed")).isNull();
        assertThat(published.getList("draw.assignments")).isEmpty();
        assertThat(published.getInt("draw.targets")).isEqualTo(3);
        assertThat(published.getList("draw.pool", String.class)).hasSize(20);
        assertThat(published.getList("inspectors", String.class)).containsExactlyElementsOf(new TreeSet<>(POOL_INSPECTORS));
        assertThat(published.getString("draw.results")).isNull();

        // each inspection started shows its assignment; the seed once all have
        List<Map<String, Object>> assignments = drawn.getList("draw.assignments");
        for (int k = 0; k < assignments.size(); k++) {
            start(assignments.get(k));
            JsonPath now = as(TestTokens.thirdParty("RIVERWATCH", "disclosure:read"))
                    .get("/api/v1/published-draws/" + plan).then().statusCode(200).extract().jsonPath();
            assertThat(now.getList("draw.assignments")).hasSize(k + 1);
            assertThat(now.getString("draw.seed")).isEqualTo(k + 1 < assignments.size() ? null : Long.toString(ownersSeed));
        }
        JsonPath all = as(TestTokens.thirdParty("GREENWATCH", "enforcement:read"))
                .get("/api/v1/published-draws/" + plan).then().statusCode(200).extract().jsonPath();
        long seed = Long.parseLong(all.getString("draw.seed"));
        assertThat(PlanService.seedSha256(seed)).isEqualTo(all.getString("draw.seedSha256"));

        // anyone re-runs the draw from what is published, and gets the same assignment
        Set<String> always = new TreeSet<>(all.getList("draw.alwaysIncluded.enterpriseUscc", String.class));
        RandomDraw rerun = RandomDraw.draw(seed, new TreeSet<>(all.getList("draw.pool", String.class)), always,
                new BigDecimal(all.getString("samplingRatio")), new TreeSet<>(all.getList("inspectors", String.class)));
        Map<String, List<String>> publishedAssignment = new LinkedHashMap<>();
        for (Map<String, Object> a : all.<Map<String, Object>>getList("draw.assignments")) {
            @SuppressWarnings("unchecked")
            List<String> pair = (List<String>) a.get("inspectors");
            publishedAssignment.put((String) a.get("enterpriseUscc"), pair.stream().sorted().toList());
        }
        Map<String, List<String>> rerunAssignment = new LinkedHashMap<>();
        rerun.targets().forEach((uscc, pair) -> rerunAssignment.put(uscc, pair.stream().sorted().toList()));
        assertThat(publishedAssignment).isEqualTo(rerunAssignment);
        assertThat(rerun.alwaysIncluded()).containsExactly(recent);
        assertThat(rerun.targets()).doesNotContainKey(suspended);

        // results only after closure, which needs every inspection completed
        as(EEB_LEAD).header("If-Match", "\"2\"").body(Map.of()).post("/api/v1/inspection-plans/" + plan + "/closure")
                .then().statusCode(409).body("type", is("/problems/plan-has-open-inspections"));
        for (Map<String, Object> a : assignments) {
            complete(a);
        }
        as(EEB_LEAD).header("If-Match", "\"2\"").body(Map.of()).post("/api/v1/inspection-plans/" + plan + "/closure")
                .then().statusCode(200).body("status", is("closed")).header("ETag", is("\"3\""));
        as(CITIZEN).get("/api/v1/published-draws/" + plan).then().statusCode(200)
                .body("status", is("closed"))
                .body("draw.results", hasSize(3))
                .body("draw.results[0].findings", is(1))
                .body("draw.results[0].suspectedViolation", is(true))
                .body(not(containsString("Discharge log")));
    }

    @Test
    void theAssignmentIsVisibleOnlyToThePlansOwnersAndThePairUntilTheInspectionStarts() {
        String town = newTown();
        registered(town, 4);
        String plan = definePlan(town, "0.25", false);
        JsonPath drawn = draw(plan, "\"1\"").extract().jsonPath();
        Map<String, Object> assignment = drawn.<Map<String, Object>>getList("draw.assignments").get(0);
        String inspection = (String) assignment.get("inspectionId");
        @SuppressWarnings("unchecked")
        List<String> pair = (List<String>) assignment.get("inspectors");
        String outsider = POOL_INSPECTORS.stream().filter(i -> !pair.contains(i)).findFirst().orElseThrow();

        for (String owner : List.of(EEB_OFFICER, EEB_LEAD, inspector(pair.get(0)), inspector(pair.get(1)))) {
            as(owner).get("/api/v1/inspections/" + inspection).then().statusCode(200).body("kind", is("random"));
        }
        for (String other : List.of(OTHER_AGENCY_OFFICER, ADMIN, inspector(outsider))) {
            as(other).get("/api/v1/inspections/" + inspection).then().statusCode(404);
            as(other).queryParam("kind", "random").queryParam("limit", 100).get("/api/v1/inspections").then()
                    .statusCode(200).body("items.id", not(hasItem(inspection)));
        }
        as(EEB_OFFICER).queryParam("kind", "random").queryParam("limit", 100).get("/api/v1/inspections").then()
                .statusCode(200).body("items.id", hasItem(inspection));
        as(inspector(pair.get(0))).get("/api/v1/inspections/changes").then().statusCode(200)
                .body("items.id", hasItem(inspection));
        // the plan itself: its owners see the assignment, another agency's officer and a platform-admin do not yet
        as(OTHER_AGENCY_OFFICER).get("/api/v1/inspection-plans/" + plan).then().statusCode(200)
                .body("draw.assignments", empty()).body("draw.seed", nullValue()).body("draw.targets", is(1));
        as(ADMIN).get("/api/v1/inspection-plans/" + plan).then().statusCode(200).body("draw.assignments", empty());
        as(EEB_OFFICER).get("/api/v1/inspection-plans/" + plan).then().statusCode(200)
                .body("draw.assignments[0].inspectionId", is(inspection));

        start(assignment);
        for (String other : List.of(OTHER_AGENCY_OFFICER, ADMIN)) {
            as(other).get("/api/v1/inspections/" + inspection).then().statusCode(200).body("status", is("on-site"));
            as(other).get("/api/v1/inspection-plans/" + plan).then().statusCode(200)
                    .body("draw.assignments[0].inspectionId", is(inspection)).body("draw.seed", notNullValue());
        }
        as(inspector(outsider)).get("/api/v1/inspections/" + inspection).then().statusCode(404);
    }

    @Test
    void onlyALeadOfTheOwningAgencyDefinesDrawsAndClosesAndAPlanIsDrawnOnce() {
        String town = newTown();
        registered(town, 3);
        Map<String, Object> body = planBody(town, "0.5", false);
        as(EEB_OFFICER).body(body).post("/api/v1/inspection-plans").then().statusCode(403);
        body.put("inspectors", List.of(INSPECTOR_LI, INSPECTOR_WANG, INSPECTOR_ZHAO));
        as(EEB_LEAD).body(body).post("/api/v1/inspection-plans").then().statusCode(400)
                .body("errors.field", hasItem("inspectors"));
        Map<String, Object> reversed = planBody(town, "0.5", false);
        reversed.put("periodEnd", "2026-06-30");
        reversed.put("periodStart", "2026-07-01");
        as(EEB_LEAD).body(reversed).post("/api/v1/inspection-plans").then().statusCode(400)
                .body("errors.field", hasItem("periodEnd"));
        Map<String, Object> zero = planBody(town, "0.0", false);
        as(EEB_LEAD).body(zero).post("/api/v1/inspection-plans").then().statusCode(400)
                .body("errors.field", hasItem("samplingRatio"));
        as(TestTokens.lead("EEB-341800", "341800")).body(planBody(town, "0.5", false)).post("/api/v1/inspection-plans")
                .then().statusCode(403);

        String plan = definePlan(town, "0.5", false);
        as(EEB_LEAD).header("If-Match", "\"1\"").body(Map.of()).post("/api/v1/inspection-plans/" + plan + "/closure")
                .then().statusCode(409).body("type", is("/problems/invalid-plan-transition"));
        as(OTHER_AGENCY_LEAD).header("If-Match", "\"1\"").body(Map.of()).post("/api/v1/inspection-plans/" + plan + "/draw")
                .then().statusCode(403);
        as(TestTokens.lead("EEB-341800", "341800")).header("If-Match", "\"1\"").body(Map.of())
                .post("/api/v1/inspection-plans/" + plan + "/draw").then().statusCode(404)
                .body("type", is("/problems/plan-not-found"));
        as(CITIZEN).get("/api/v1/published-draws/" + plan).then().statusCode(404)
                .body("type", is("/problems/plan-not-found"));
        as(EEB_LEAD).body(Map.of()).post("/api/v1/inspection-plans/" + plan + "/draw").then().statusCode(428);

        // the registry down: 503, nothing drawn
        TestRegistry.stopRegistry();
        as(EEB_LEAD).header("If-Match", "\"1\"").body(Map.of()).post("/api/v1/inspection-plans/" + plan + "/draw")
                .then().statusCode(503).body("type", is("/problems/service-unavailable"));
        TestRegistry.startRegistry();
        as(EEB_LEAD).get("/api/v1/inspection-plans/" + plan).then().statusCode(200).body("status", is("defined"))
                .header("ETag", is("\"1\""));

        draw(plan, "\"1\"").body("draw.targets", is(2));
        as(EEB_LEAD).header("If-Match", "\"2\"").body(Map.of()).post("/api/v1/inspection-plans/" + plan + "/draw")
                .then().statusCode(409).body("type", is("/problems/invalid-plan-transition"));
        as(EEB_LEAD).header("If-Match", "\"1\"").body(Map.of()).post("/api/v1/inspection-plans/" + plan + "/draw")
                .then().statusCode(412);
        assertThat(Database.queryLong("select count(*) from inspection where plan_id = '" + plan + "'")).isEqualTo(2);
    }

    @Test
    void keyMonitoredOnlyLimitsThePoolAndAnEmptyPoolDrawsNothing() {
        String town = newTown();
        List<String> plain = registered(town, 3);
        String keyMonitored = newUscc();
        TestRegistry.seed().enterprise(keyMonitored, "Enterprise " + keyMonitored, town, true, LATITUDE, LONGITUDE);
        String plan = definePlan(town, "1", true);
        draw(plan, "\"1\"").body("draw.pool", contains(keyMonitored)).body("draw.targets", is(1))
                .body("draw.assignments[0].enterpriseUscc", is(keyMonitored));
        assertThat(plain).doesNotContain(keyMonitored);

        String empty = definePlan(newTown(), "1", false);
        as(EEB_LEAD).header("If-Match", "\"1\"").body(Map.of()).post("/api/v1/inspection-plans/" + empty + "/draw")
                .then().statusCode(422).body("type", is("/problems/plan-pool-empty"));
    }

    @Test
    void aRetriedDefinitionAnswersTheFirstAnswer() {
        String town = newTown();
        String key = java.util.UUID.randomUUID().toString();
        Map<String, Object> body = planBody(town, "0.1", false);
        String first = keyed(key).body(body).post("/api/v1/inspection-plans").then()
                .statusCode(201).extract().path("id");
        keyed(key).body(body).post("/api/v1/inspection-plans").then().statusCode(201)
                .header("Idempotent-Replayed", "true").body("id", is(first));
        body.put("title", "Another");
        assertThat(Database.queryLong("select count(*) from inspection_plan where id = '" + first + "'")).isEqualTo(1);
        keyed(key).body(body).post("/api/v1/inspection-plans").then().statusCode(409)
                .body("type", is("/problems/idempotency-key-reused"));
    }

    @Test
    void beforeAnInspectionStartsNeitherAnEventNorAnAuditDigestTellsItsAssignment() throws Exception {
        String town = newTown();
        registered(town, 6);
        String plan = definePlan(town, "0.5", false);
        JsonPath drawn = draw(plan, "\"1\"").extract().jsonPath();
        List<Map<String, Object>> assignments = drawn.getList("draw.assignments");
        assertThat(assignments).hasSize(3);
        SchemaRepository schemas = EnforcementEventsTest.schemas();

        // the plan's events, through the broker: defined and drawn, with the seed's hash and the number of targets only
        List<Published> planEvents = await().atMost(Duration.ofSeconds(30)).until(
                () -> EnforcementEventsTest.publishedLike("inspection-plans/" + plan),
                all -> all.size() == 2 && all.stream().allMatch(Published::sent));
        assertThat(planEvents).extracting(Published::type).containsOnly(EnforcementEvents.PLAN_CHANGED);
        assertThat(planEvents).extracting(p -> p.data().getString("status")).containsExactly("defined", "drawn");
        JsonObject drawnEvent = planEvents.get(1).data();
        assertThat(drawnEvent.getString("seedSha256")).isEqualTo(drawn.getString("draw.seedSha256"));
        assertThat(drawnEvent.getInteger("targets")).isEqualTo(3);
        assertThat(drawnEvent.fieldNames()).doesNotContain("seed", "assignments", "pool");
        for (Map<String, Object> a : assignments) {
            assertThat(planEvents.get(1).envelope().encode()).doesNotContain((String) a.get("enterpriseUscc"));
        }

        // no inspection.assigned of a drawn inspection before it starts (its data names the enterprise and the pair)
        for (Map<String, Object> a : assignments) {
            assertThat(EnforcementEventsTest.publishedLike("inspections/" + a.get("inspectionId"))).isEmpty();
        }

        // the audit entry of the assignment: its digest cannot be matched by trying every enterprise of the published
        // pool with every pair of the published inspectors; with the salt the service keeps, the true one matches
        Map<String, Object> first = assignments.get(0);
        String id = (String) first.get("inspectionId");
        String digest = Database.queryString("select after_digest from audit_entry where entity_id = '" + id
                + "' and action = 'inspection-assigned'");
        String salt = Database.queryString("select draw_salt from inspection where id = '" + id + "'");
        assertThat(salt).matches("[0-9a-f]{32}");
        List<String> pool = drawn.getList("draw.pool", String.class);
        List<String> people = new ArrayList<>(new TreeSet<>(POOL_INSPECTORS));
        int tried = 0;
        for (String uscc : pool) {
            for (int x = 0; x < people.size(); x++) {
                for (int y = x + 1; y < people.size(); y++) {
                    assertThat(assignedDigest(id, uscc, List.of(people.get(x), people.get(y)), null)).isNotEqualTo(digest);
                    tried++;
                }
            }
        }
        assertThat(tried).isEqualTo(pool.size() * 6);
        @SuppressWarnings("unchecked")
        List<String> pair = (List<String>) first.get("inspectors");
        assertThat(assignedDigest(id, (String) first.get("enterpriseUscc"), pair, salt)).isEqualTo(digest);

        // started: its assigned event, then its record, both valid; the others still publish nothing
        start(first);
        List<Published> started = await().atMost(Duration.ofSeconds(30)).until(
                () -> EnforcementEventsTest.publishedLike("inspections/" + id),
                all -> all.size() == 2 && all.stream().allMatch(Published::sent));
        assertThat(started).extracting(Published::type).containsExactly(EnforcementEvents.INSPECTION_ASSIGNED,
                EnforcementEvents.INSPECTION_RECORDED);
        assertThat(started.get(0).data().getString("enterpriseUscc")).isEqualTo(first.get("enterpriseUscc"));
        assertThat(EnforcementEventsTest.publishedLike("inspections/" + assignments.get(1).get("inspectionId"))).isEmpty();
        for (Published event : List.of(planEvents.get(0), planEvents.get(1), started.get(0), started.get(1))) {
            String name = event.type().substring("org.ecogov.".length()).replaceFirst("\\.", "/") + ".json";
            OutputUnit valid = schemas.validator(EnforcementEventsTest.BASE + name).validate(event.data());
            assertThat(valid.getValid()).as(event.type() + ": " + valid.getErrors()).isTrue();
        }
    }

    /** The digest the audit log keeps of a drawn inspection's state when assigned, as one would guess it. */
    private static String assignedDigest(String id, String uscc, List<String> pair, String salt) {
        Inspection i = new Inspection();
        i.id = java.util.UUID.fromString(id);
        i.kind = "random";
        i.enterpriseUscc = uscc;
        i.inspectors = new TreeSet<>(pair);
        i.status = "assigned";
        i.version = 1;
        i.drawSalt = salt;
        return Canonical.digest(new ObjectMapper().valueToTree(i.state()));
    }

    @Test
    void theAgencyListsItsOwnPlansAndAnyoneTheDrawnOnesAsPublished() {
        String town = newTown();
        registered(town, 4);
        String first = definePlan(town, "0.5", false);
        String second = definePlan(town, "0.5", false);
        String undrawn = definePlan(town, "0.5", false);
        JsonPath drawnFirst = draw(first, "\"1\"").extract().jsonPath();
        draw(second, "\"1\"");

        // the owners: their agency's plans, newest first, as owners see them, in keyset pages
        JsonPath page = as(EEB_OFFICER).queryParam("limit", 2).get("/api/v1/inspection-plans").then().statusCode(200)
                .extract().jsonPath();
        assertThat(page.getList("items.id", String.class)).containsExactly(undrawn, second);
        JsonPath rest = as(EEB_OFFICER).queryParam("limit", 2).queryParam("cursor", page.getString("next"))
                .get("/api/v1/inspection-plans").then().statusCode(200).extract().jsonPath();
        assertThat(rest.getList("items.id", String.class)).startsWith(first);
        assertThat(as(EEB_LEAD).queryParam("status", "drawn").queryParam("limit", 100).get("/api/v1/inspection-plans")
                .then().statusCode(200).extract().jsonPath().getList("items.id", String.class))
                .contains(first, second).doesNotContain(undrawn);
        JsonPath own = as(EEB_LEAD).queryParam("limit", 100).get("/api/v1/inspection-plans").then().extract().jsonPath();
        assertThat(own.getString("items.find { it.id == '" + first + "' }.draw.seed"))
                .isEqualTo(drawnFirst.getString("draw.seed"));
        // another agency of the same district lists none of them; an inspector reads no plan
        assertThat(as(OTHER_AGENCY_LEAD).queryParam("limit", 100).get("/api/v1/inspection-plans").then().statusCode(200)
                .extract().jsonPath().getList("items.id", String.class)).doesNotContain(first, second, undrawn);
        as(LI).get("/api/v1/inspection-plans").then().statusCode(403);
        as(EEB_OFFICER).queryParam("cursor", "not-a-cursor").get("/api/v1/inspection-plans").then().statusCode(400)
                .body("errors[0].field", is("cursor"));

        // the public: the drawn plans within a jurisdiction, newest draw first, each as published (no seed, no
        // assignment before the inspections start)
        for (String reader : List.of(CITIZEN, OTHER_AGENCY_LEAD, TestTokens.thirdParty("RIVERWATCH", "disclosure:read"))) {
            JsonPath published = as(reader).queryParam("jurisdiction", town).get("/api/v1/published-draws").then()
                    .statusCode(200).extract().jsonPath();
            assertThat(published.getList("items.planId", String.class)).containsExactlyInAnyOrder(first, second);
            assertThat(published.getList("items.draw.seed")).containsOnlyNulls();
            assertThat(published.getList("items.draw.assignments.flatten()")).isEmpty();
            assertThat(published.getString("items.find { it.planId == '" + first + "' }.draw.seedSha256"))
                    .isEqualTo(drawnFirst.getString("draw.seedSha256"));
        }
        assertThat(as(CITIZEN).queryParam("jurisdiction", newTown()).get("/api/v1/published-draws").then().statusCode(200)
                .extract().jsonPath().getList("items")).isEmpty();
    }

    // --- helpers

    private static io.restassured.specification.RequestSpecification keyed(String key) {
        return io.restassured.RestAssured.given().auth().oauth2(EEB_LEAD).contentType("application/json")
                .header("Idempotency-Key", key);
    }

    /** Towns made in this run's registry (a fresh one for this class): a new one is never one of them. */
    private static final Set<String> TOWNS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** A town of Guichi District of its own, registered as a division, so a plan's pool holds only this test's enterprises. */
    private static String newTown() {
        String town;
        do {
            town = DISTRICT + String.format("%03d", 200 + ThreadLocalRandom.current().nextInt(800));
        } while (!TOWNS.add(town));
        TestRegistry.seed().division(town, "Town " + town, DISTRICT);
        return town;
    }

    private static List<String> registered(String town, int count) {
        return registered(town, count, "operating");
    }

    private static List<String> registered(String town, int count, String status) {
        List<String> usccs = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            String uscc = newUscc();
            TestRegistry.seed().enterprise(uscc, "Enterprise " + uscc, town, false, LATITUDE, LONGITUDE);
            if (!"operating".equals(status)) {
                TestRegistry.seed().status(uscc, status, "set by PlanTest");
            }
            usccs.add(uscc);
        }
        return usccs;
    }

    /** The registry's enterprise in the service's copy too (as the refresh writes it), so a case can be opened. */
    private static String inCopy(String uscc, String town) {
        Database.execute("insert into enterprise_copy (uscc, name, division_code, latitude, longitude, key_monitored, "
                + "status, refreshed_at) values (?, ?, ?, ?, ?, false, 'operating', now())", uscc, "Enterprise " + uscc,
                town, LATITUDE, LONGITUDE);
        return uscc;
    }

    private static Map<String, Object> planBody(String town, String ratio, boolean keyMonitoredOnly) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", "Double random, second half of 2026");
        body.put("jurisdiction", town);
        body.put("periodStart", "2026-07-01");
        body.put("periodEnd", "2026-12-31");
        body.put("keyMonitoredOnly", keyMonitoredOnly);
        body.put("samplingRatio", ratio);
        body.put("inspectors", POOL_INSPECTORS);
        return body;
    }

    private static String definePlan(String town, String ratio, boolean keyMonitoredOnly) {
        return as(EEB_LEAD).body(planBody(town, ratio, keyMonitoredOnly)).post("/api/v1/inspection-plans").then()
                .statusCode(201).body("status", is("defined")).body("agency", is(EEB)).extract().path("id");
    }

    private static io.restassured.response.ValidatableResponse draw(String plan, String ifMatch) {
        return as(EEB_LEAD).header("If-Match", ifMatch).body(Map.of()).post("/api/v1/inspection-plans/" + plan + "/draw")
                .then().statusCode(200);
    }

    @SuppressWarnings("unchecked")
    private static void start(Map<String, Object> assignment) {
        String id = (String) assignment.get("inspectionId");
        String token = inspector(((List<String>) assignment.get("inspectors")).get(0));
        as(token).header("If-Match", etag(token, id)).body(onSite(LATITUDE, LONGITUDE))
                .put("/api/v1/inspections/" + id).then().statusCode(200);
    }

    @SuppressWarnings("unchecked")
    private static void complete(Map<String, Object> assignment) {
        String id = (String) assignment.get("inspectionId");
        String token = inspector(((List<String>) assignment.get("inspectors")).get(0));
        Map<String, Object> record = onSite(LATITUDE, LONGITUDE);
        record.put("status", "completed");
        record.put("leftAt", "2026-11-30T11:00:00+08:00");
        as(token).header("If-Match", etag(token, id)).body(record).put("/api/v1/inspections/" + id).then().statusCode(200);
    }
}
