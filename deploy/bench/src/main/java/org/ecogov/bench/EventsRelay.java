package org.ecogov.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.ecogov.local.EmbeddedBroker;
import org.ecogov.local.EmbeddedDatabase;
import org.ecogov.local.ProcessSupport;
import org.ecogov.local.ServiceProcess;

/**
 * The events relay's benchmark: the registry's fast-jar publishing through its outbox to the embedded Artemis, and
 * the event probe (deploy/event-probe) consuming from its own queue, each on a fresh PostgreSQL database.
 * <ol>
 * <li><b>delay</b>: N enterprises registered over HTTP by W concurrent writers with the broker up; for each
 * created event, the time from the change (the event's {@code time}, stamped in the writing transaction just
 * before its commit) to the probe's commit of its effect ({@code received_at}); p50/p90/p99/max.</li>
 * <li><b>relay rate</b>: with the broker stopped, N more registrations pile up in the outbox; then the broker
 * starts and the relay drains them: events/s from the first to the last acceptance ({@code sent_at}), and until the
 * probe has processed the last.</li>
 * </ol>
 * <pre>
 * java -cp deploy/bench/target/ecogov-bench.jar org.ecogov.bench.EventsRelay [--events N] [--writers W]
 * </pre>
 */
public final class EventsRelay {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };

    private final int events;
    private final int writers;
    private final Path root;
    private final AtomicLong serial = new AtomicLong();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private EventsRelay(int events, int writers, Path root) {
        this.events = events;
        this.writers = writers;
        this.root = root;
    }

    public static void main(String[] args) throws Exception {
        int events = 1000;
        int writers = 4;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--events" -> events = Integer.parseInt(args[++i]);
                case "--writers" -> writers = Integer.parseInt(args[++i]);
                case "--help", "-h" -> {
                    System.out.println("deploy/bench/events-relay [--no-build] [--events N (1000)] [--writers W (4)]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path root = Path.of(System.getProperty("ecogov.root", ".")).toAbsolutePath().normalize();
        System.exit(new EventsRelay(events, writers, root).run());
    }

    private int run() throws Exception {
        Path work = Files.createTempDirectory("ecogov-events-bench-");
        Path logs = root.resolve("deploy/bench/target/logs");
        Files.createDirectories(logs);
        BenchIssuer issuer = new BenchIssuer();
        EmbeddedDatabase database = null;
        EmbeddedBroker broker = null;
        ServiceProcess probe = null;
        ServiceProcess registry = null;
        try {
            BenchStack.say("starting PostgreSQL, the broker, the event probe and the registry ...");
            database = EmbeddedDatabase.builder().port(0).dataDirectory(work.resolve("pgdata"))
                    .runtimeDirectory(root.resolve("deploy/bench/target/postgres-runtime"))
                    .logFile(logs.resolve("events-postgres.log"))
                    .databases("registry", "event_probe").stopOnJvmExit(false).start();
            broker = EmbeddedBroker.start(0, work.resolve("broker"));
            probe = service("event-probe", "deploy/event-probe/target/quarkus-app/quarkus-run.jar", database,
                    "event_probe", broker, issuer, logs);
            registry = service("registry", "services/registry/target/quarkus-app/quarkus-run.jar", database,
                    "registry", broker, issuer, logs);
            String token = issuer.platformAdminToken(Duration.ofHours(2));

            BenchStack.say("warm-up: 200 registrations ...");
            write(registry.baseUrl(), token, 200);
            awaitConsumed(database, 200, Duration.ofMinutes(2));

            BenchStack.say("delay: " + events + " registrations by " + writers + " writers, broker up ...");
            Instant delayFrom = Instant.now();
            double writeSeconds = write(registry.baseUrl(), token, events);
            awaitConsumed(database, 200 + events, Duration.ofMinutes(5));
            double[] delay = delays(database, delayFrom);

            BenchStack.say("relay rate: broker down, " + events + " registrations pile up in the outbox ...");
            broker.stop();
            Instant pileFrom = Instant.now();
            write(registry.baseUrl(), token, events);
            long waiting = single(database, "registry", "select count(*) from event_outbox where sent_at is null");
            BenchStack.say("  " + waiting + " events waiting; broker up again");
            long drainStart = System.nanoTime();
            broker.start();
            awaitConsumed(database, 200 + 2L * events, Duration.ofMinutes(5));
            double drainToConsumed = (System.nanoTime() - drainStart) / 1e9;
            double[] relay = relaySpan(database, pileFrom);

            List<String> lines = new ArrayList<>();
            lines.add("events relay benchmark, " + DateTimeFormatter.ISO_INSTANT.format(Instant.now())
                    + ", " + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version"));
            lines.add("registry -> outbox -> relay -> Artemis (embedded, AMQP 1.0) -> event probe (runtime consumer)");
            lines.add(String.format(Locale.ROOT, "delay, change -> consumer commit (%d events, %d writers, %.0f writes/s): "
                    + "p50 %.1f ms  p90 %.1f ms  p99 %.1f ms  max %.1f ms", (long) delay[4], writers, events / writeSeconds,
                    delay[0], delay[1], delay[2], delay[3]));
            lines.add(String.format(Locale.ROOT, "relay rate, backlog of %d drained after the broker returned: "
                    + "%.0f events/s (first to last acceptance, %.2f s); all processed by the consumer %.2f s after the "
                    + "broker's start", (long) relay[1], relay[1] / relay[0], relay[0], drainToConsumed));
            lines.forEach(System.out::println);
            Path results = root.resolve("deploy/bench/results");
            Files.createDirectories(results);
            Path file = results.resolve("events-relay-" + STAMP.format(Instant.now()) + ".txt");
            Files.write(file, lines);
            BenchStack.say("written to " + root.relativize(file));
            return 0;
        } finally {
            for (Runnable stop : new Runnable[] { registry == null ? null : registry::stop,
                    probe == null ? null : probe::stop, broker == null ? null : broker::stop,
                    database == null ? null : database::stop }) {
                if (stop != null) {
                    try {
                        stop.run();
                    } catch (RuntimeException e) {
                        System.err.println("[bench] did not stop cleanly: " + e.getMessage());
                    }
                }
            }
            ProcessSupport.deleteTree(work);
        }
    }

    private ServiceProcess service(String name, String jar, EmbeddedDatabase database, String db, EmbeddedBroker broker,
            BenchIssuer issuer, Path logs) {
        Map<String, String> settings = new java.util.LinkedHashMap<>(org.ecogov.local.LocalStack.datasourceConfig(database, db));
        settings.putAll(issuer.trustSettings());
        settings.putAll(broker.clientConfig());
        // one access-log line per registration would only measure the disk
        settings.put("quarkus.http.access-log.enabled", "false");
        return ServiceProcess.builder(name, root.resolve(jar))
                .port(0)
                .systemProperties(settings)
                .jvmOptions(List.of("-Xms32m", "-Xmx384m"))
                .logFile(logs.resolve("events-" + name + ".log"))
                .startupTimeout(Duration.ofMinutes(2))
                .stopTimeout(Duration.ofSeconds(15))
                .start();
    }

    /** Registers n enterprises with the writers in parallel; the seconds it took. */
    private double write(URI registry, String token, int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        long started = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            AtomicLong left = new AtomicLong(n);
            for (int w = 0; w < writers; w++) {
                done.add(pool.submit(() -> {
                    while (left.getAndDecrement() > 0) {
                        register(registry, token);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private void register(URI registry, String token) throws Exception {
        String uscc = uscc(serial.incrementAndGet());
        String body = """
                {"uscc":"%s","details":{"name":"Bench Smelter %s","legalRepresentative":"Bench Person",
                "industryCode":"C3211","address":"1 Bench Road","location":{"latitude":30.65,"longitude":117.48},
                "divisionCode":"341702102001","keyMonitored":false}}""".formatted(uscc, uscc);
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(registry.resolve("/api/v1/enterprises"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("registration answered " + created.statusCode() + ": " + created.body());
        }
    }

    /** A valid USCC of district 341702 numbered n, with its GB 32100-2015 check character. */
    static String uscc(long n) {
        StringBuilder code = new StringBuilder("91341702").append(String.format(Locale.ROOT, "%09d", n));
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(code.charAt(i)) * WEIGHTS[i];
        }
        return code.append(ALPHABET.charAt((31 - sum % 31) % 31)).toString();
    }

    private static void awaitConsumed(EmbeddedDatabase database, long expected, Duration patience) throws SQLException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (single(database, "event_probe", "select count(*) from probe_received") < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the probe did not process " + expected + " events within " + patience);
            }
            ProcessSupport.sleep(Duration.ofMillis(100));
        }
    }

    /** p50, p90, p99, max of (received_at - event_time) in ms for events stamped after {@code from}; and their count. */
    private static double[] delays(EmbeddedDatabase database, Instant from) throws SQLException {
        try (Connection c = database.connect("event_probe"); ResultSet r = c.createStatement().executeQuery("""
                select percentile_cont(0.5) within group (order by d), percentile_cont(0.9) within group (order by d),
                       percentile_cont(0.99) within group (order by d), max(d), count(*)
                from (select extract(epoch from received_at - event_time) * 1000 as d from probe_received
                      where event_time >= '%s') delays""".formatted(from))) {
            r.next();
            return new double[] { r.getDouble(1), r.getDouble(2), r.getDouble(3), r.getDouble(4), r.getLong(5) };
        }
    }

    /** Seconds from the first to the last acceptance of the events appended after {@code from}, and their count. */
    private static double[] relaySpan(EmbeddedDatabase database, Instant from) throws SQLException {
        try (Connection c = database.connect("registry"); ResultSet r = c.createStatement().executeQuery("""
                select extract(epoch from max(sent_at) - min(sent_at)), count(*) from event_outbox
                where created_at >= '%s'""".formatted(from))) {
            r.next();
            return new double[] { r.getDouble(1), r.getLong(2) };
        }
    }

    private static long single(EmbeddedDatabase database, String db, String sql) throws SQLException {
        try (Connection c = database.connect(db); ResultSet r = c.createStatement().executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
