package org.ecogov.registry.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ecogov.registry.Fixtures.EEB_OFFICER;
import static org.ecogov.registry.Fixtures.amendment;
import static org.ecogov.registry.Fixtures.TOWN_A;
import static org.ecogov.registry.Fixtures.as;
import static org.ecogov.registry.Fixtures.details;
import static org.ecogov.registry.Fixtures.enterpriseIn;
import static org.ecogov.registry.Fixtures.permit;
import static org.ecogov.registry.Fixtures.waterOutlet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.ecogov.testing.ArtemisTestResource;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.runtime.audit.AuditCheckpoints;
import org.ecogov.testing.PostgresTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;

/**
 * The registry's events: each change appends its event in the change's transaction, the relay hands it to the
 * broker (an embedded Artemis), and what is published validates against api-specs/events.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
// for every test class of the module: the registry always publishes, so it always has a broker
@QuarkusTestResource(ArtemisTestResource.class)
class RegistryEventsTest {

    private static final Path EVENTS = Path.of(System.getProperty("ecogov.root"), "api-specs", "events");
    private static final String BASE = "https://ecogov.org/events/";

    record Published(String type, String subject, JsonObject envelope, boolean sent) {
    }

    @Test
    void everyRegistryChangePublishesItsEventInOrderWithItsReason() throws Exception {
        String uscc = enterpriseIn(TOWN_A);
        as(EEB_OFFICER).header("If-Match", "\"1\"")
                .body(Map.of("details", details("Renamed Smelter", TOWN_A), "reason", "Name corrected after inspection"))
                .put("/api/v1/enterprises/" + uscc).then().statusCode(200);
        as(EEB_OFFICER).header("If-Match", "\"2\"")
                .body(Map.of("status", "suspended", "reason", "Production halted by order 2026-17"))
                .post("/api/v1/enterprises/" + uscc + "/status-changes").then().statusCode(200);
        as(EEB_OFFICER).body(waterOutlet("DW001")).post("/api/v1/enterprises/" + uscc + "/outlets").then().statusCode(201);
        as(EEB_OFFICER).header("If-Match", "\"1\"").body(Map.of("details", waterOutlet("DW001").get("details")))
                .put("/api/v1/enterprises/" + uscc + "/outlets/DW001").then().statusCode(200);
        as(EEB_OFFICER).body(permit(uscc + "001P", "2026-01-01", "2030-12-31", List.of("DW001")))
                .post("/api/v1/enterprises/" + uscc + "/permits").then().statusCode(201);

        List<Published> events = await().atMost(Duration.ofSeconds(30))
                .until(() -> published(uscc), all -> all.size() == 6 && all.stream().allMatch(Published::sent));

        assertThat(events).extracting(Published::type).containsExactly(
                RegistryEvents.ENTERPRISE_CREATED, RegistryEvents.ENTERPRISE_CHANGED,
                RegistryEvents.ENTERPRISE_STATUS_CHANGED, RegistryEvents.OUTLET_CREATED, RegistryEvents.OUTLET_CHANGED,
                RegistryEvents.PERMIT_CREATED);
        assertThat(events).extracting(Published::subject).containsExactly(
                "enterprises/" + uscc, "enterprises/" + uscc, "enterprises/" + uscc,
                "enterprises/" + uscc + "/outlets/DW001", "enterprises/" + uscc + "/outlets/DW001",
                "enterprises/" + uscc + "/permits/" + uscc + "001P");
        JsonObject renamed = events.get(1).envelope().getJsonObject("data");
        assertThat(renamed.getString("reason")).isEqualTo("Name corrected after inspection");
        assertThat(renamed.getJsonObject("enterprise").getJsonObject("details").getString("name")).isEqualTo("Renamed Smelter");
        JsonObject suspended = events.get(2).envelope().getJsonObject("data");
        assertThat(suspended.getString("previousStatus")).isEqualTo("operating");
        assertThat(suspended.getString("status")).isEqualTo("suspended");
        assertThat(suspended.getString("reason")).isEqualTo("Production halted by order 2026-17");
        assertThat(events.get(0).envelope().getString("source")).isEqualTo("urn:ecogov:registry");
    }

    @Test
    void aRefusedChangePublishesNothing() throws Exception {
        String uscc = enterpriseIn(TOWN_A);
        as(EEB_OFFICER).header("If-Match", "\"7\"").body(Map.of("details", details("Stale", TOWN_A)))
                .put("/api/v1/enterprises/" + uscc).then().statusCode(412);
        as(EEB_OFFICER).header("If-Match", "\"1\"").body(Map.of("status", "operating", "reason", "already is"))
                .post("/api/v1/enterprises/" + uscc + "/status-changes").then().statusCode(409);
        assertThat(published(uscc)).extracting(Published::type).containsExactly(RegistryEvents.ENTERPRISE_CREATED);
    }

    @Test
    void everyPublishedEventValidatesAgainstItsSchemas() throws Exception {
        String uscc = enterpriseIn(TOWN_A);
        as(EEB_OFFICER).body(waterOutlet("DW002")).post("/api/v1/enterprises/" + uscc + "/outlets").then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> published(uscc).size() == 2);

        SchemaRepository schemas = schemas();
        List<Published> all = publishedLike("%");
        assertThat(all).extracting(Published::type).contains(RegistryEvents.OUTLET_CREATED, AuditCheckpoints.TYPE);
        for (Published event : all) {
            OutputUnit envelope = schemas.validator(BASE + "cloudevent.schema.json").validate(event.envelope());
            assertThat(envelope.getValid()).as(event.type() + " envelope: " + envelope.getErrors()).isTrue();
            // org.ecogov.<group>.<name>: the registry's own events, and its audit chain's checkpoints (org.ecogov.audit)
            String name = event.type().substring("org.ecogov.".length()).replaceFirst("\\.", "/") + ".json";
            assertThat(EVENTS.resolve(name)).as("a schema for " + event.type()).exists();
            OutputUnit data = schemas.validator(BASE + name).validate(event.envelope().getJsonObject("data"));
            assertThat(data.getValid()).as(event.type() + " data: " + data.getErrors()).isTrue();
        }
    }

    @Test
    void permitChangesPublishTheirEventsWithTheReasonValidAgainstTheirSchemas() throws Exception {
        String uscc = enterpriseIn(TOWN_A);
        String number = uscc + "001P";
        String permits = "/api/v1/enterprises/" + uscc + "/permits";
        as(EEB_OFFICER).body(waterOutlet("DW001")).post("/api/v1/enterprises/" + uscc + "/outlets").then().statusCode(201);
        as(EEB_OFFICER).body(permit(number, "2026-01-01", "2030-12-31", List.of("DW001"))).post(permits).then().statusCode(201);
        as(EEB_OFFICER).header("If-Match", "\"1\"")
                .body(amendment("2026-01-01", "2028-12-31", List.of("DW001"), "Shortened: the plant closes in 2028"))
                .put(permits + "/" + number).then().statusCode(200);
        // refused: publishes nothing
        as(EEB_OFFICER).header("If-Match", "\"1\"").body(Map.of("reason", "Stale"))
                .post(permits + "/" + number + "/revocation").then().statusCode(412);
        as(EEB_OFFICER).header("If-Match", "\"2\"").body(Map.of("reason", "The plant closed early"))
                .post(permits + "/" + number + "/revocation").then().statusCode(200);

        List<Published> events = await().atMost(Duration.ofSeconds(30))
                .until(() -> publishedLike("enterprises/" + uscc + "/permits/%"),
                        all -> all.size() == 3 && all.stream().allMatch(Published::sent));
        assertThat(events).extracting(Published::type).containsExactly(RegistryEvents.PERMIT_CREATED,
                RegistryEvents.PERMIT_AMENDED, RegistryEvents.PERMIT_STATUS_CHANGED);
        assertThat(events).extracting(Published::subject).containsOnly("enterprises/" + uscc + "/permits/" + number);

        JsonObject amended = events.get(1).envelope().getJsonObject("data");
        assertThat(amended.getString("reason")).isEqualTo("Shortened: the plant closes in 2028");
        assertThat(amended.getJsonObject("permit").getString("validTo")).isEqualTo("2028-12-31");
        assertThat(amended.getJsonObject("permit").getJsonObject("audit").getLong("version")).isEqualTo(2);
        JsonObject revoked = events.get(2).envelope().getJsonObject("data");
        assertThat(revoked.getString("previousStatus")).isEqualTo("in-force");
        assertThat(revoked.getString("status")).isEqualTo("revoked");
        assertThat(revoked.getString("reason")).isEqualTo("The plant closed early");
        assertThat(revoked.getJsonObject("permit").getString("revocationReason")).isEqualTo("The plant closed early");

        SchemaRepository schemas = schemas();
        for (Published event : events) {
            String name = event.type().substring("org.ecogov.registry.".length()) + ".json";
            OutputUnit data = schemas.validator(BASE + "registry/" + name).validate(event.envelope().getJsonObject("data"));
            assertThat(data.getValid()).as(event.type() + " data: " + data.getErrors()).isTrue();
        }
    }

    @Test
    void theSchemasRejectAnEventThatBreaksThem() throws Exception {
        SchemaRepository schemas = schemas();
        JsonObject missingReason = new JsonObject().put("enterprise", new JsonObject());
        assertThat(schemas.validator(BASE + "registry/enterprise.status-changed.v1.json").validate(missingReason).getValid())
                .isFalse();
        JsonObject unknownStatus = new JsonObject().put("uscc", "91341702669392367N").put("permit", new JsonObject())
                .put("previousStatus", "active").put("status", "revoked").put("reason", "closed");
        assertThat(schemas.validator(BASE + "registry/permit.status-changed.v1.json").validate(unknownStatus).getValid())
                .isFalse();
        JsonObject noId = new JsonObject().put("specversion", "1.0").put("source", "urn:ecogov:registry");
        assertThat(schemas.validator(BASE + "cloudevent.schema.json").validate(noId).getValid()).isFalse();
    }

    private static SchemaRepository schemas() throws IOException {
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

    private static List<Published> published(String uscc) throws SQLException {
        return publishedLike("enterprises/" + uscc + "%");
    }

    private static List<Published> publishedLike(String subject) throws SQLException {
        List<Published> events = new ArrayList<>();
        try (Connection c = PostgresTestResource.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement(
                        "select type, subject, envelope, sent_at is not null from event_outbox where subject like ? order by position")) {
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
