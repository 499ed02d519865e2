package org.ecogov.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The events backbone between processes, with the real broker: the registry's fast-jar publishes through its outbox
 * to the embedded Artemis, and the event probe (deploy/event-probe, a Quarkus app on the runtime's consumer
 * machinery) consumes from its own queue into its own database. Real Keycloak tokens throughout.
 */
class EventsSystemTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String TOWN = "341702101";

    private static LocalConfig config;
    private static Path state;
    private static EmbeddedDatabase database;
    private static EmbeddedBroker broker;
    private static ServiceProcess registry;
    private static ServiceProcess probe;
    private static String realmUrl;
    private static Tokens tokens;

    @BeforeAll
    static void startTheStack() {
        config = LocalConfig.load();
        Path registryJar = ServiceList.named(config.repositoryRoot(), "registry").app(config.repositoryRoot());
        assertThat(registryJar).as("the registry must be built before the system tests (reactor order)").exists();
        assertThat(probeJar()).as("the event probe must be built before the system tests (reactor order)").exists();

        KeycloakServer keycloak = SharedKeycloak.get();
        tokens = SharedKeycloak.tokens();
        realmUrl = keycloak.realmUrl().toString();
        state = TestPaths.target().resolve("events-system-test");
        ProcessSupport.deleteTree(state);
        database = EmbeddedDatabase.builder()
                .port(0)
                .dataDirectory(state.resolve("pgdata"))
                .runtimeDirectory(state.resolve("pg"))
                .logFile(state.resolve("postgres.log"))
                .databases("registry", "event_probe")
                .start();
        broker = EmbeddedBroker.start(0, state.resolve("broker"));
        // the probe first, so that its queue is there before the first event is published
        probe = startProbe();
        registry = ServiceProcess.builder("registry", registryJar)
                .port(0)
                .systemProperties(LocalStack.serviceConfig(database, "registry", realmUrl))
                .systemProperties(broker.clientConfig())
                .jvmOptions(config.list("ecogov.services.jvm-options"))
                .logFile(state.resolve("registry.log"))
                .startupTimeout(config.duration("ecogov.services.startup-timeout"))
                .start();
        new DemoData().load(registry.baseUrl(), EventsSystemTest::admin);
    }

    private static ServiceProcess startProbe() {
        return ServiceProcess.builder("event-probe", probeJar())
                .port(0)
                .systemProperties(LocalStack.serviceConfig(database, "event_probe", realmUrl))
                .systemProperties(broker.clientConfig())
                .systemProperty("ecogov.events.consumer.max-attempts", "3")
                .systemProperty("ecogov.events.consumer.initial-backoff", "100ms")
                .jvmOptions(config.list("ecogov.services.jvm-options"))
                .logFile(state.resolve("event-probe.log"))
                .startupTimeout(config.duration("ecogov.services.startup-timeout"))
                .start();
    }

    private static Path probeJar() {
        return config.repositoryRoot().resolve("deploy/event-probe/target/quarkus-app/quarkus-run.jar");
    }

    @AfterAll
    static void stopTheStack() {
        for (AutoCloseable running : new AutoCloseable[] { registry == null ? null : registry::stop,
                probe == null ? null : probe::stop, broker == null ? null : broker::stop,
                database == null ? null : database::stop }) {
            try {
                if (running != null) {
                    running.close();
                }
            } catch (Exception e) {
                System.err.println("did not stop cleanly: " + e);
            }
        }
    }

    @Test
    void writesSucceedWhileTheBrokerIsDownAndTheirEventsArriveWhenItReturns() throws Exception {
        String[] usccs = new String[5];
        broker.stop();
        try {
            for (int i = 0; i < usccs.length; i++) {
                usccs[i] = register("Brokerless Smelter " + i);
            }
            ProcessSupport.sleep(Duration.ofSeconds(3));
            for (String uscc : usccs) {
                assertThat(received("enterprises/" + uscc)).as("nothing can arrive while the broker is down").isZero();
            }
            assertThat(count(registryDb(), "select count(*) from event_outbox where sent_at is null")).isGreaterThanOrEqualTo(5);
        } finally {
            broker.start();
        }
        for (String uscc : usccs) {
            awaitTrue(Duration.ofSeconds(90), () -> received("enterprises/" + uscc) == 1,
                    "the created event of " + uscc + " after the broker returned");
        }
        assertThat(count(registryDb(), "select count(*) from event_outbox where sent_at is null")).isZero();
    }

    @Test
    void aConsumerKilledInTheMiddleOfAnEventProcessesItOnceAfterItsRestart() throws Exception {
        String uscc = register("SLOW Smelter");
        String subject = "enterprises/" + uscc;
        // the probe says when it starts on the event; from then its effect is written but not committed for 8 s
        awaitTrue(Duration.ofSeconds(30), () -> Files.readString(probe.logFile()).contains("processing "
                + "org.ecogov.registry.enterprise.created.v1 " + subject), "the probe processing the event");
        ProcessSupport.sleep(Duration.ofSeconds(1));
        ProcessHandle.of(probe.pid()).ifPresent(ProcessHandle::destroyForcibly);
        awaitTrue(Duration.ofSeconds(15), () -> !probe.isAlive(), "the probe killed");
        assertThat(received(subject)).as("the killed attempt's effect was rolled back").isZero();

        probe = startProbe();
        awaitTrue(Duration.ofSeconds(60), () -> received(subject) == 1, "the event processed after the restart");
        ProcessSupport.sleep(Duration.ofSeconds(3));
        assertThat(received(subject)).as("once in effect").isEqualTo(1);
        assertThat(count(probeDb(), "select count(*) from event_processed e join probe_received r using (event_id)"
                + " where r.subject = '" + subject + "'")).isEqualTo(1);
    }

    @Test
    void aPoisonEventLandsInTheDeadLetterListAndIsReplayedOnceCured() throws Exception {
        String uscc = register("POISON Works");
        String subject = "enterprises/" + uscc;
        String admin = admin();
        JsonNode letter = awaitLetter(admin, subject);
        assertThat(letter.get("attempts").asInt()).isEqualTo(3);
        assertThat(letter.get("lastError").asText()).contains("poisoned enterprise " + subject);
        assertThat(letter.get("type").asText()).isEqualTo("org.ecogov.registry.enterprise.created.v1");
        assertThat(received(subject)).isZero();

        String officer = tokens.login("eeb.officer", "demo").value();
        assertThat(call("GET", "/api/v1/event-probe/dead-letters", officer).statusCode()).isEqualTo(403);

        try (Connection c = probeDb(); PreparedStatement cure = c.prepareStatement("insert into probe_cure values (?)")) {
            cure.setString(1, subject);
            cure.executeUpdate();
        }
        HttpResponse<String> replayed = call("POST", "/api/v1/event-probe/dead-letters/" + letter.get("id").asText()
                + "/replay", admin);
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
        assertThat(JSON.readTree(replayed.body()).get("replayedAt").isNull()).isFalse();
        assertThat(received(subject)).isEqualTo(1);
        assertThat(findLetter(admin, subject)).as("a replayed letter leaves the list").isNull();
    }

    @Test
    void aPoisonEventThatKillsItsConsumerIsParkedAfterItsAttemptsCountedAcrossRestarts() throws Exception {
        String uscc = register("CRASH Foundry");
        String subject = "enterprises/" + uscc;
        String admin = admin();
        // a supervisor's part: start the probe again whenever it has died, and count the deaths
        int deaths = 0;
        JsonNode letter = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        while (letter == null) {
            assertThat(System.nanoTime()).as("the crashing event parked within 240 s; the probe died " + deaths
                    + " times").isLessThan(deadline);
            if (!probe.isAlive()) {
                deaths++;
                try {
                    probe = startProbe();
                } catch (ServerStartException diedWhileStarting) {
                    continue;                                   // dead again: counted on the next round
                }
            }
            try {
                letter = findLetter(admin, subject);
            } catch (java.io.IOException diedMeanwhile) {
                letter = null;
            }
            ProcessSupport.sleep(Duration.ofMillis(300));
        }
        assertThat(deaths).as("one death per attempt, then parked without a fourth").isEqualTo(3);
        assertThat(letter.get("attempts").asInt()).isEqualTo(3);
        assertThat(letter.get("lastError").asText()).contains("did not finish: the consumer stopped during it");
        assertThat(received(subject)).isZero();
        assertThat(count(probeDb(), "select count(*) from event_attempt")).as("no count left behind").isZero();

        // the events behind it go on
        String next = register("After The Crash Works");
        awaitTrue(Duration.ofSeconds(60), () -> received("enterprises/" + next) == 1, "the next event processed");
        assertThat(probe.isAlive()).isTrue();
    }

    private static JsonNode awaitLetter(String admin, String subject) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode letter = findLetter(admin, subject);
            if (letter != null) {
                return letter;
            }
            ProcessSupport.sleep(Duration.ofMillis(300));
        }
        throw new AssertionError("no dead letter for " + subject);
    }

    private static JsonNode findLetter(String admin, String subject) throws Exception {
        HttpResponse<String> list = call("GET", "/api/v1/event-probe/dead-letters?limit=100", admin);
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        for (JsonNode item : JSON.readTree(list.body()).get("items")) {
            if (subject.equals(item.path("subject").asText())) {
                return item;
            }
        }
        return null;
    }

    private static HttpResponse<String> call(String method, String path, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(probe.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Registers an enterprise in the town as the district EEB's department system; its USCC. */
    private static String register(String name) throws Exception {
        String uscc = TestUsccs.fresh();
        Map<String, Object> body = Map.of("uscc", uscc, "details", Map.of("name", name, "legalRepresentative",
                "Test Person", "industryCode", "C3211", "address", "1 Test Road",
                "location", Map.of("latitude", 30.65, "longitude", 117.48), "divisionCode", TOWN, "keyMonitored", false));
        String token = tokens.clientCredentials("dept-eeb", config.clientSecret("dept-eeb")).value();
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(registry.baseUrl() + "/api/v1/enterprises"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return uscc;
    }

    private static String admin() {
        return tokens.login(config.get("ecogov.demo.admin-user"), config.get("ecogov.demo.password")).value();
    }

    private static long received(String subject) throws SQLException {
        try (Connection c = probeDb()) {
            return count(c, "select count(*) from probe_received where subject = '" + subject + "'");
        }
    }

    private static Connection registryDb() throws SQLException {
        return database.connect("registry");
    }

    private static Connection probeDb() throws SQLException {
        return database.connect("event_probe");
    }

    /** Runs the count on the connection and closes it. */
    private static long count(Connection connection, String sql) throws SQLException {
        try (connection; ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void awaitTrue(Duration patience, CheckedCondition condition, String what) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.holds()) {
                return;
            }
            ProcessSupport.sleep(Duration.ofMillis(250));
        }
        throw new AssertionError("not within " + patience.toSeconds() + " s: " + what);
    }

    @FunctionalInterface
    private interface CheckedCondition {
        boolean holds() throws Exception;
    }
}
