package org.ecogov.runtime.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.ecogov.testing.ArtemisTestResource;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.ecogov.testing.TestTokens;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The events backbone end to end in one service: a write and its event commit together, the relay publishes to a
 * real broker (embedded Artemis, AMQP 1.0) in order, survives the broker going away, and the consumer processes
 * each event once in effect, retrying and then parking what keeps failing.
 */
@QuarkusTest
@TestProfile(EventsProfile.class)
@QuarkusTestResource(OidcTestKeyResource.class)
@QuarkusTestResource(ArtemisTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class,
        initArgs = @ResourceArg(name = PostgresTestResource.DATABASE_ARG, value = "runtime_events"))
class EventsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Note ids, unique across the tests of the class (they share one database). */
    private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000 * 1000);

    @Test
    void aWrittenNoteArrivesAsACloudEventWithTheRequestsTraceContext() throws Exception {
        long id = IDS.incrementAndGet();
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        String eventId = given().header("traceparent", traceparent).header("tracestate", "ecogov=1")
                .queryParam("text", "hello")
                .post("/fixture/notes/{id}", id)
                .then().statusCode(200).extract().asString();

        JsonNode event = JSON.readTree(await().atMost(PATIENCE).until(() -> received("notes/" + id), r -> !r.isEmpty()).get(0));
        assertThat(event.get("specversion").asText()).isEqualTo("1.0");
        assertThat(event.get("id").asText()).isEqualTo(eventId);
        assertThat(event.get("source").asText()).isEqualTo("urn:ecogov:runtime-fixture");
        assertThat(event.get("type").asText()).isEqualTo(NotesResource.TYPE);
        assertThat(event.get("subject").asText()).isEqualTo("notes/" + id);
        assertThat(event.get("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(event.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
        assertThat(event.get("traceparent").asText()).isEqualTo(traceparent);
        assertThat(event.get("tracestate").asText()).isEqualTo("ecogov=1");
        assertThat(event.get("data").get("text").asText()).isEqualTo("hello");
        await().atMost(PATIENCE).until(() -> unsent("notes/" + id) == 0);
    }

    @Test
    void aRolledBackWriteLeavesNoEvent() throws Exception {
        long id = IDS.incrementAndGet();
        given().queryParam("text", "rollback").post("/fixture/notes/{id}", id).then().statusCode(500);
        assertThat(count("select count(*) from event_outbox where subject = 'notes/" + id + "'")).isZero();
        assertThat(count("select count(*) from fixture_note where id = " + id)).isZero();
    }

    @Test
    void writesGoOnWhileTheBrokerIsDownAndTheirEventsArriveInOrderWhenItReturns() throws Exception {
        long first = IDS.getAndAdd(10) + 1;
        ArtemisTestResource.stopBroker();
        try {
            for (int i = 0; i < 5; i++) {
                given().queryParam("text", "while-down-" + i).post("/fixture/notes/{id}", first + i)
                        .then().statusCode(200);
            }
            // the relay tries, fails, notes why, and keeps every event
            await().atMost(PATIENCE).until(() -> count(
                    "select count(*) from event_outbox where sent_at is null and last_error is not null") > 0);
            assertThat(count("select count(*) from event_outbox where sent_at is null and subject like 'notes/%' and "
                    + "substring(subject from 7)::bigint between " + first + " and " + (first + 4))).isEqualTo(5);
            // and says so where operators look
            await().atMost(PATIENCE).until(() -> gauge("ecogov_events_outbox_backlog") >= 5
                    && gauge("ecogov_events_outbox_oldest_age_seconds") > 0);
        } finally {
            ArtemisTestResource.startBroker();
        }
        List<Long> arrived = await().atMost(Duration.ofSeconds(60)).until(
                () -> receivedIdsBetween(first, first + 4), ids -> ids.size() == 5);
        assertThat(arrived).containsExactly(first, first + 1, first + 2, first + 3, first + 4);
    }

    @Test
    void whileAnotherReplicaHoldsTheRelayThisOneLeavesTheOutboxAlone() throws Exception {
        long id = IDS.incrementAndGet();
        try (Connection otherReplica = PostgresTestResource.dataSource().getConnection()) {
            otherReplica.setAutoCommit(false);
            try (Statement lock = otherReplica.createStatement()) {
                lock.execute("select pg_advisory_xact_lock(" + OutboxRelay.RELAY_LOCK + ")");
            }
            given().queryParam("text", "held").post("/fixture/notes/{id}", id).then().statusCode(200);
            // several rounds (every 500 ms, and one woken by the commit) find the relay taken
            Thread.sleep(2000);
            assertThat(unsent("notes/" + id)).isEqualTo(1);
            assertThat(received("notes/" + id)).isEmpty();
            otherReplica.rollback();
        }
        await().atMost(PATIENCE).until(() -> received("notes/" + id).size() == 1 && unsent("notes/" + id) == 0);
    }

    @Test
    void aRepublishedEventChangesNothingTheSecondTime() throws Exception {
        long id = IDS.getAndAdd(2) + 1;
        given().queryParam("text", "once").post("/fixture/notes/{id}", id).then().statusCode(200);
        await().atMost(PATIENCE).until(() -> received("notes/" + id).size() == 1 && unsent("notes/" + id) == 0);
        int callsBefore = RecordingHandler.calls.get();

        // the relay publishes it again, as after an acceptance whose answer was lost
        execute("update event_outbox set sent_at = null where subject = 'notes/" + id + "'");
        await().atMost(PATIENCE).until(() -> unsent("notes/" + id) == 0);
        given().queryParam("text", "after").post("/fixture/notes/{id}", id + 1).then().statusCode(200);
        await().atMost(PATIENCE).until(() -> received("notes/" + (id + 1)).size() == 1);

        assertThat(received("notes/" + id)).hasSize(1);
        // the duplicate reached the consumer and was recognised before the handler ran
        assertThat(RecordingHandler.calls.get() - callsBefore).isEqualTo(1);
    }

    @Test
    void aFlakyConsumerIsRetriedUntilItSucceeds() throws Exception {
        long id = IDS.incrementAndGet();
        RecordingHandler.flakyAttempts.set(0);
        String eventId = given().queryParam("text", "flaky").post("/fixture/notes/{id}", id)
                .then().statusCode(200).extract().asString();
        await().atMost(PATIENCE).until(() -> received("notes/" + id).size() == 1);
        assertThat(RecordingHandler.flakyAttempts.get()).isEqualTo(3);
        assertThat(count("select count(*) from event_dead_letter where subject = 'notes/" + id + "'")).isZero();
        // processed: its count of attempts ended with it, so a later redelivery starts afresh and changes nothing
        assertThat(count("select count(*) from event_attempt where event_id = '" + eventId + "'")).isZero();
    }

    @Test
    void aConsumerThatRestartedGoesOnCountingTheAttemptsItMadeBefore() throws Exception {
        long id = IDS.incrementAndGet();
        String subject = "notes/" + id;
        String eventId = java.util.UUID.randomUUID().toString();
        RecordingHandler.cured.set(false);
        // what a consumer process leaves behind that made two attempts at the event (max-attempts is 3), then
        // stopped before acknowledging it: the broker gives the event to the consumer that starts next
        execute("insert into event_attempt (consumer, event_id, attempts, last_error) values ('runtime-fixture', '"
                + eventId + "', 2, 'IllegalStateException: poisoned note " + subject + "')");
        given().auth().oauth2(TestTokens.platformAdmin()).body(envelope(eventId, subject, "poison"))
                .post("/fixture/dead-letters/raw").then().statusCode(204);

        JsonNode parked = awaitLetter(subject);
        assertThat(parked.get("attempts").asInt()).as("two before the restart, one after").isEqualTo(3);
        assertThat(RecordingHandler.callsBySubject.get(subject).get()).as("attempts made by this process").isEqualTo(1);
        assertThat(parked.get("last_error").asText()).contains("poisoned note " + subject);
        assertThat(count("select count(*) from event_attempt where event_id = '" + eventId + "'")).isZero();
    }

    @Test
    void anEventWhoseLastAttemptNeverEndedIsParkedWithoutRunningItAgain() throws Exception {
        long id = IDS.incrementAndGet();
        String subject = "notes/" + id;
        String eventId = java.util.UUID.randomUUID().toString();
        // three attempts begun and none ended, not even with an error: the event kills its consumer each time
        execute("insert into event_attempt (consumer, event_id, attempts) values ('runtime-fixture', '" + eventId + "', 3)");
        given().auth().oauth2(TestTokens.platformAdmin()).body(envelope(eventId, subject, "harmless now"))
                .post("/fixture/dead-letters/raw").then().statusCode(204);

        JsonNode parked = awaitLetter(subject);
        assertThat(parked.get("attempts").asInt()).isEqualTo(3);
        assertThat(parked.get("last_error").asText()).isEqualTo("attempt 3 did not finish: the consumer stopped during it");
        assertThat(RecordingHandler.callsBySubject.get(subject)).as("the handler is not given it a fourth time").isNull();
        assertThat(received(subject)).isEmpty();
    }

    /** A CloudEvent of the fixture's note type, as the outbox would write it. */
    private static String envelope(String eventId, String subject, String text) {
        return JSON.createObjectNode()
                .put("specversion", "1.0")
                .put("id", eventId)
                .put("source", "urn:ecogov:runtime-fixture")
                .put("type", NotesResource.TYPE)
                .put("subject", subject)
                .put("time", java.time.Instant.now().toString())
                .put("datacontenttype", "application/json")
                .set("data", JSON.createObjectNode().put("text", text))
                .toString();
    }

    /** The dead letter of the subject once it is parked, as its row (snake_case members). */
    private static JsonNode awaitLetter(String subject) throws Exception {
        await().atMost(PATIENCE).until(
                () -> count("select count(*) from event_dead_letter where subject = '" + subject + "'") > 0);
        try (Connection c = PostgresTestResource.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("select row_to_json(d)::text from event_dead_letter d where subject = '"
                        + subject + "'")) {
            rows.next();
            return JSON.readTree(rows.getString(1));
        }
    }

    @Test
    void aPoisonEventIsParkedAfterItsAttemptsAndCanBeReplayedOnceCured() throws Exception {
        long id = IDS.incrementAndGet();
        RecordingHandler.cured.set(false);
        given().queryParam("text", "poison").post("/fixture/notes/{id}", id).then().statusCode(200);
        await().atMost(PATIENCE).until(
                () -> count("select count(*) from event_dead_letter where subject = 'notes/" + id + "'"), found -> found > 0);
        String letter = text("select letter_id from event_dead_letter where subject = 'notes/" + id + "'");
        assertThat(received("notes/" + id)).isEmpty();
        await().atMost(PATIENCE).until(() -> gauge("ecogov_events_dead_letters") >= 1);

        String admin = TestTokens.platformAdmin();
        JsonNode page = JSON.readTree(given().auth().oauth2(admin).get("/fixture/dead-letters")
                .then().statusCode(200).extract().asString());
        JsonNode parked = findById(page.get("items"), letter);
        assertThat(parked.get("attempts").asInt()).isEqualTo(3);
        assertThat(parked.get("lastError").asText()).contains("poisoned note notes/" + id);
        assertThat(parked.get("type").asText()).isEqualTo(NotesResource.TYPE);

        // still poisoned: the replay fails, says why, and the letter stays
        given().auth().oauth2(admin).post("/fixture/dead-letters/{id}/replay", letter)
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.equalTo("/problems/dead-letter-replay-failed"));
        assertThat(received("notes/" + id)).isEmpty();

        RecordingHandler.cured.set(true);
        given().auth().oauth2(admin).post("/fixture/dead-letters/{id}/replay", letter)
                .then().statusCode(200).body("replayedAt", org.hamcrest.Matchers.notNullValue());
        assertThat(received("notes/" + id)).hasSize(1);
        JsonNode after = JSON.readTree(given().auth().oauth2(admin).get("/fixture/dead-letters")
                .then().statusCode(200).extract().asString());
        assertThat(findById(after.get("items"), letter)).isNull();
    }

    @Test
    void aMessageThatIsNoCloudEventIsParkedAtOnce() throws Exception {
        String admin = TestTokens.platformAdmin();
        long before = count("select count(*) from event_dead_letter where event_id is null");
        given().auth().oauth2(admin).body("{\"not\":\"an event\"}").post("/fixture/dead-letters/raw").then().statusCode(204);
        await().atMost(PATIENCE).until(() -> count("select count(*) from event_dead_letter where event_id is null") == before + 1);
    }

    @Test
    void deadLettersAreForPlatformAdminsOnly() {
        given().auth().oauth2(TestTokens.officer("EEB-341702", "341702")).get("/fixture/dead-letters")
                .then().statusCode(403).contentType("application/problem+json");
        given().get("/fixture/dead-letters").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.platformAdmin()).post("/fixture/dead-letters/{id}/replay", java.util.UUID.randomUUID())
                .then().statusCode(404).body("type", org.hamcrest.Matchers.equalTo("/problems/dead-letter-not-found"));
    }

    /** A gauge's value as the Prometheus endpoint shows it (on the management interface, services/runtime). */
    private static double gauge(String name) {
        String management = org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("test.management.url", String.class);
        String metrics = given().get(management + "/metrics").then().statusCode(200).extract().asString();
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no gauge " + name + " at /q/metrics");
    }

    private static JsonNode findById(JsonNode items, String id) {
        for (JsonNode item : items) {
            if (item.get("id").asText().equals(id)) {
                return item;
            }
        }
        return null;
    }

    private static List<String> received(String subject) throws SQLException {
        List<String> envelopes = new ArrayList<>();
        try (Connection c = PostgresTestResource.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("select envelope from fixture_received where subject = '" + subject + "'")) {
            while (rows.next()) {
                envelopes.add(rows.getString(1));
            }
        }
        return envelopes;
    }

    private static List<Long> receivedIdsBetween(long from, long to) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection c = PostgresTestResource.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("select substring(subject from 7)::bigint from fixture_received"
                        + " where subject like 'notes/%' and substring(subject from 7)::bigint between " + from + " and " + to
                        + " order by position")) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }

    private static long unsent(String subject) throws SQLException {
        return count("select count(*) from event_outbox where sent_at is null and subject = '" + subject + "'");
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = PostgresTestResource.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String text(String sql) throws SQLException {
        try (Connection c = PostgresTestResource.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = PostgresTestResource.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
