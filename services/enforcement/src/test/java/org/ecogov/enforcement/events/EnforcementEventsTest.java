package org.ecogov.enforcement.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ecogov.enforcement.Fixtures.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;

import org.ecogov.testing.ArtemisTestResource;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.junit.jupiter.api.Test;

/**
 * The enforcement service's events: every inspection and decision change appends its event in the transaction of
 * the change, the relay hands it to a real broker (an embedded Artemis), and what is published validates against
 * api-specs/events; a refused change publishes nothing.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
// for every test class of the module: the service always publishes, so it always has a broker
@QuarkusTestResource(ArtemisTestResource.class)
public class EnforcementEventsTest {

    private static final Path EVENTS = Path.of(System.getProperty("ecogov.root"), "api-specs", "events");
    public static final String BASE = "https://ecogov.org/events/";

    /** An event as the outbox holds it, and whether the relay has handed it to the broker. */
    public record Published(String type, String subject, JsonObject envelope, boolean sent) {

        public JsonObject data() {
            return envelope.getJsonObject("data");
        }
    }

    @Test
    void inspectionsAndDecisionsPublishTheirEventsInOrderThroughTheBrokerValidAgainstTheirSchemas() throws Exception {
        String uscc = enterpriseIn(TOWN_A);
        String inspection = routineInspection(uscc, INSPECTOR_LI);
        as(LI).header("If-Match", "\"1\"").body(onSite(LATITUDE, LONGITUDE)).put("/api/v1/inspections/" + inspection)
                .then().statusCode(200);
        Map<String, Object> completed = onSite(LATITUDE, LONGITUDE);
        completed.put("status", "completed");
        completed.put("leftAt", "2026-11-30T11:00:00+08:00");
        as(LI).header("If-Match", "\"2\"").body(completed).put("/api/v1/inspections/" + inspection).then().statusCode(200);
        String caseId = as(EEB_OFFICER).body(Map.of("enterpriseUscc", uscc, "inspectionId", inspection, "violations",
                        List.of(Map.of("legalBasis", "Water Pollution Prevention and Control Law art. 83(2)",
                                "description", "Discharge log not kept"))))
                .post("/api/v1/cases").then().statusCode(201).extract().path("id");
        String fine = as(EEB_OFFICER).body(Map.of("kind", "fine", "description", "Fine", "amount", "250000.00"))
                .post("/api/v1/cases/" + caseId + "/decisions").then().statusCode(201).extract().path("id");
        as(EEB_LEAD).header("If-Match", "\"1\"").body(Map.of()).post("/api/v1/decisions/" + fine + "/approval").then()
                .statusCode(200);
        as(EEB_OFFICER).header("If-Match", "\"2\"").body(new HashMap<>(Map.of("servedOn", "2026-03-02")))
                .post("/api/v1/decisions/" + fine + "/issuance").then().statusCode(200);

        List<Published> inspections = await().atMost(Duration.ofSeconds(30)).until(
                () -> publishedLike("inspections/" + inspection), all -> all.size() == 3 && all.stream().allMatch(Published::sent));
        assertThat(inspections).extracting(Published::type).containsExactly(EnforcementEvents.INSPECTION_ASSIGNED,
                EnforcementEvents.INSPECTION_RECORDED, EnforcementEvents.INSPECTION_RECORDED);
        assertThat(inspections).extracting(p -> p.data().getString("status"))
                .containsExactly("assigned", "on-site", "completed");
        assertThat(inspections.get(2).data().getInteger("findings")).isEqualTo(1);
        assertThat(inspections.get(2).data().getBoolean("suspectedViolation")).isTrue();
        assertThat(inspections.get(0).envelope().getString("source")).isEqualTo("urn:ecogov:enforcement");

        List<Published> decisions = await().atMost(Duration.ofSeconds(30)).until(
                () -> publishedLike("decisions/" + fine), all -> all.size() == 3 && all.stream().allMatch(Published::sent));
        assertThat(decisions).extracting(Published::type).containsOnly(EnforcementEvents.DECISION_CHANGED);
        assertThat(decisions).extracting(p -> p.data().getString("status")).containsExactly("proposed", "approved", "issued");
        assertThat(decisions.get(2).data().getString("amount")).isEqualTo("250000.00");
        assertThat(decisions.get(2).data().getString("servedOn")).isEqualTo("2026-03-02");
        assertThat(decisions.get(2).data().getString("caseId")).isEqualTo(caseId);
        assertThat(publishedLike("cases/" + caseId)).extracting(Published::type)
                .containsExactly(EnforcementEvents.CASE_CHANGED);

        SchemaRepository schemas = schemas();
        List<Published> all = publishedLike("%");
        assertThat(all).extracting(Published::type).contains(EnforcementEvents.INSPECTION_ASSIGNED,
                EnforcementEvents.INSPECTION_RECORDED, EnforcementEvents.CASE_CHANGED, EnforcementEvents.DECISION_CHANGED);
        for (Published event : all) {
            OutputUnit envelope = schemas.validator(BASE + "cloudevent.schema.json").validate(event.envelope());
            assertThat(envelope.getValid()).as(event.type() + " envelope: " + envelope.getErrors()).isTrue();
            // org.ecogov.<group>.<name>: the service's own events (and any audit checkpoint of its chain)
            String name = event.type().substring("org.ecogov.".length()).replaceFirst("\\.", "/") + ".json";
            assertThat(EVENTS.resolve(name)).as("a schema for " + event.type()).exists();
            OutputUnit data = schemas.validator(BASE + name).validate(event.data());
            assertThat(data.getValid()).as(event.type() + " data: " + data.getErrors()).isTrue();
        }
    }

    @Test
    void aRefusedChangePublishesNothing() throws Exception {
        String uscc = enterpriseIn(TOWN_A);
        String inspection = routineInspection(uscc, INSPECTOR_LI);
        String caseId = openCase(uscc);
        String warning = warning(caseId);
        await().atMost(Duration.ofSeconds(30)).until(() -> publishedLike("decisions/" + warning).size() == 1
                && publishedLike("inspections/" + inspection).size() == 1);
        as(EEB_OFFICER).header("If-Match", "\"1\"").body(new HashMap<>(Map.of("servedOn", "2026-03-02")))
                .post("/api/v1/decisions/" + warning + "/issuance").then().statusCode(409);
        as(LI).header("If-Match", "\"7\"").body(onSite(LATITUDE, LONGITUDE)).put("/api/v1/inspections/" + inspection)
                .then().statusCode(412);
        assertThat(publishedLike("decisions/" + warning)).hasSize(1);
        assertThat(publishedLike("inspections/" + inspection)).hasSize(1);
    }

    @Test
    void theSchemasRejectAnEventThatBreaksThem() throws Exception {
        SchemaRepository schemas = schemas();
        JsonObject unknownKind = new JsonObject().put("id", "3f0c2b9e-6a51-4d3e-9b7a-0c1d2e3f4a5b")
                .put("caseId", "4a1d3c0f-7b62-4e4f-8c8b-1d2e3f4a5b6c").put("enterpriseUscc", "91341702669392367N")
                .put("divisionCode", "341702101").put("kind", "caning").put("status", "issued").put("version", 3);
        assertThat(schemas.validator(BASE + "enforcement/decision.changed.v1.json").validate(unknownKind).getValid())
                .isFalse();
        assertThat(schemas.validator(BASE + "enforcement/decision.changed.v1.json")
                .validate(unknownKind.copy().put("kind", "fine")).getValid()).isTrue();
        JsonObject noStatus = new JsonObject().put("id", "3f0c2b9e-6a51-4d3e-9b7a-0c1d2e3f4a5b").put("kind", "routine");
        assertThat(schemas.validator(BASE + "enforcement/inspection.assigned.v1.json").validate(noStatus).getValid())
                .isFalse();
    }

    /** Every schema of api-specs/events, by its $id. */
    public static SchemaRepository schemas() throws IOException {
        SchemaRepository repository = SchemaRepository.create(new JsonSchemaOptions()
                .setDraft(Draft.DRAFT202012).setBaseUri(BASE));
        try (Stream<Path> files = Files.walk(EVENTS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                String id = BASE + EVENTS.relativize(file).toString().replace('\\', '/');
                repository.dereference(id, JsonSchema.of(new JsonObject(Files.readString(file))));
            }
        }
        return repository;
    }

    /** The outbox's events whose subject is like the pattern given, in order. */
    public static List<Published> publishedLike(String subject) throws SQLException {
        List<Published> events = new ArrayList<>();
        try (Connection c = PostgresTestResource.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("select type, subject, envelope, sent_at is not null"
                        + " from event_outbox where subject like ? order by position")) {
            s.setString(1, subject);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    events.add(new Published(rows.getString(1), rows.getString(2), new JsonObject(rows.getString(3)),
                            rows.getBoolean(4)));
                }
            }
        }
        return events;
    }
}
