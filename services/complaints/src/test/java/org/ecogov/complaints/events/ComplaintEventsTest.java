package org.ecogov.complaints.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ecogov.complaints.Fixtures.CITIZEN;
import static org.ecogov.complaints.Fixtures.filed;
import static org.ecogov.complaints.Fixtures.idOf;
import static org.ecogov.complaints.Fixtures.odourComplaint;
import static org.ecogov.complaints.Fixtures.submit;
import static org.ecogov.complaints.Fixtures.with;

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
import java.util.stream.Stream;

import org.ecogov.complaints.TestRegistry;
import org.ecogov.testing.ArtemisTestResource;
import org.ecogov.testing.OidcTestKeyResource;
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
 * The complaints service's events: intake appends its event in the transaction of the complaint, the relay hands it
 * to a real broker (an embedded Artemis), and what is published validates against api-specs/events; a refused
 * complaint publishes nothing.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(OidcTestKeyResource.class)
@WithTestResource(TestRegistry.class)
// for every test class of the module: the service always publishes, so it always has a broker
@QuarkusTestResource(ArtemisTestResource.class)
class ComplaintEventsTest {

    private static final Path EVENTS = Path.of(System.getProperty("ecogov.root"), "api-specs", "events");
    private static final String BASE = "https://ecogov.org/events/";

    record Published(String type, String subject, JsonObject envelope, boolean sent) {
    }

    @Test
    void intakePublishesItsEventThroughTheBrokerValidAgainstItsSchemas() throws Exception {
        String id = idOf(filed(CITIZEN, odourComplaint()));
        List<Published> events = await().atMost(Duration.ofSeconds(30))
                .until(() -> publishedLike("complaints/" + id), all -> all.size() == 1 && all.get(0).sent());
        assertThat(events.get(0).type()).isEqualTo(ComplaintEvents.SUBMITTED);
        assertThat(events.get(0).envelope().getString("source")).isEqualTo("urn:ecogov:complaints");

        SchemaRepository schemas = schemas();
        for (Published event : publishedLike("%")) {
            OutputUnit envelope = schemas.validator(BASE + "cloudevent.schema.json").validate(event.envelope());
            assertThat(envelope.getValid()).as(event.type() + " envelope: " + envelope.getErrors()).isTrue();
            String name = event.type().substring("org.ecogov.".length()).replaceFirst("\\.", "/") + ".json";
            assertThat(EVENTS.resolve(name)).as("a schema for " + event.type()).exists();
            OutputUnit data = schemas.validator(BASE + name).validate(event.envelope().getJsonObject("data"));
            assertThat(data.getValid()).as(event.type() + " data: " + data.getErrors()).isTrue();
        }
    }

    @Test
    void aRefusedComplaintPublishesNothing() throws Exception {
        int before = publishedLike("complaints/%").size();
        submit(CITIZEN, with(odourComplaint(), "category", "solid-waste")).then().statusCode(422);
        submit(CITIZEN, with(odourComplaint(), "channel", "hotline")).then().statusCode(403);
        assertThat(publishedLike("complaints/%")).hasSize(before);
    }

    private static SchemaRepository schemas() throws IOException {
        SchemaRepository repository = SchemaRepository.create(new JsonSchemaOptions()
                .setDraft(Draft.DRAFT202012).setBaseUri(BASE));
        try (Stream<Path> files = Files.walk(EVENTS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                String schemaId = BASE + EVENTS.relativize(file).toString().replace('\\', '/');
                repository.dereference(schemaId, JsonSchema.of(new JsonObject(Files.readString(file))));
            }
        }
        return repository;
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
