package org.ecogov.bench;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.ecogov.local.EmbeddedBroker;
import org.ecogov.local.EmbeddedDatabase;
import org.ecogov.local.LocalStack;
import org.ecogov.local.ProcessSupport;
import org.ecogov.local.ServiceProcess;
import org.postgresql.PGConnection;

/**
 * The emissions service's ingest and aggregate benchmark (issue 10, "Storage and speed"), on its own PostgreSQL and
 * broker and the service's fast-jar:
 * <ol>
 * <li><b>COPY</b>: 1,000,000 hourly values (5 enterprises x 5 outlets x 4 pollutants x 10,000 hours) loaded into
 * {@code measurement} with PostgreSQL's {@code COPY ... FROM STDIN} as the database's superuser, values/s;</li>
 * <li><b>endpoint</b>: the table emptied, the same rows sent through {@code PUT .../measurement-batches/{id}} as CSV,
 * 100,000 values a request, two senders in parallel (each its own enterprises, in time order), every value judged
 * against the limits copy (SO2 100, NOx 200, PM 20 mg/m3; some values above, some flagged), values/s and the ratio to
 * COPY (target at least 40 %);</li>
 * <li><b>aggregates</b>: 9,000,000 more values of 45 more enterprises by COPY (10,000,000 stored), vacuumed and
 * analysed; then {@code GET /api/v1/emissions/aggregates} for one enterprise's month in hourly buckets and for the
 * whole park's month in daily buckets (50 enterprises), one pollutant, p50/p99 over N requests each (targets p99
 * under 50 ms and 250 ms).</li>
 * </ol>
 * The limits copy (with a permit in force naming every outlet) is written straight into the service's tables (as the registry's events would leave it), since the
 * registry plays no part in what is measured.
 */
public final class EmissionsIngest {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final String[] OUTLETS = { "DA001", "DA002", "DA003", "DA004", "DA005" };
    private static final String[] POLLUTANTS = { "a21026", "a21002", "a34013", "a00000" };
    private static final double[] LIMITS = { 100, 200, 20, 0 };
    private static final double[] TYPICAL = { 45, 90, 8, 60000 };
    private static final int HOURS = 10_000;
    private static final int BATCH = 100_000;
    private static final String DIVISION = "341702102";

    private final Path root;
    private final int enterprises;
    private final int ingested;
    private final int queries;
    private final Path jfr;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Instant first;
    private final String[] usccs;

    private EmissionsIngest(Path root, int enterprises, int ingested, int queries, Path jfr) {
        this.root = root;
        this.jfr = jfr;
        this.enterprises = enterprises;
        this.ingested = ingested;
        this.queries = queries;
        this.first = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(HOURS + 2L));
        // one more than measured: the last is the warm-up's, sent to before anything is measured and then removed
        this.usccs = new String[enterprises + 1];
        for (int e = 0; e <= enterprises; e++) {
            usccs[e] = EventsRelay.uscc(900_000 + e);
        }
    }

    public static void main(String[] args) throws Exception {
        int enterprises = 50;
        int ingested = 5;
        int queries = 200;
        Path jfr = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--enterprises" -> enterprises = Integer.parseInt(args[++i]);
                case "--ingested" -> ingested = Integer.parseInt(args[++i]);
                case "--queries" -> queries = Integer.parseInt(args[++i]);
                case "--jfr" -> jfr = Path.of(args[++i]).toAbsolutePath();
                case "--help", "-h" -> {
                    System.out.println("deploy/bench/emissions-ingest [--no-build] [--enterprises N (50: 200,000 values"
                            + " each)] [--ingested M (5 of them through the endpoint and by COPY)] [--queries Q (200)]"
                            + " [--jfr FILE (the service records a Flight Recorder profile into FILE)]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path root = Path.of(System.getProperty("ecogov.root", ".")).toAbsolutePath().normalize();
        System.exit(new EmissionsIngest(root, enterprises, ingested, queries, jfr).run());
    }

    private int run() throws Exception {
        Path work = Files.createTempDirectory("ecogov-emissions-bench-");
        Path logs = root.resolve("deploy/bench/target/logs");
        Files.createDirectories(logs);
        BenchIssuer issuer = new BenchIssuer();
        EmbeddedDatabase database = null;
        EmbeddedBroker broker = null;
        ServiceProcess emissions = null;
        try {
            BenchStack.say("starting PostgreSQL, the broker and the emissions service ...");
            database = EmbeddedDatabase.builder().port(0).dataDirectory(work.resolve("pgdata"))
                    .runtimeDirectory(root.resolve("deploy/bench/target/postgres-runtime"))
                    .logFile(logs.resolve("emissions-postgres.log"))
                    .databases("emissions").stopOnJvmExit(false).start();
            broker = EmbeddedBroker.start(0, work.resolve("broker"));
            Map<String, String> settings = new LinkedHashMap<>(LocalStack.datasourceConfig(database, "emissions"));
            settings.putAll(issuer.trustSettings());
            settings.putAll(broker.clientConfig());
            settings.put("quarkus.http.access-log.enabled", "false");
            settings.put("ecogov.service.client-id", "");
            settings.put("ecogov.audit.witness.enabled", "false");
            List<String> jvmOptions = new ArrayList<>(List.of("-Xms64m", "-Xmx1g"));
            if (jfr != null) {
                jvmOptions.add("-XX:StartFlightRecording=settings=profile,filename=" + jfr);
            }
            emissions = ServiceProcess.builder("emissions", root.resolve("services/emissions/target/quarkus-app/quarkus-run.jar"))
                    .port(0).systemProperties(settings).jvmOptions(jvmOptions)
                    .logFile(logs.resolve("emissions.log")).startupTimeout(Duration.ofMinutes(2))
                    .stopTimeout(Duration.ofSeconds(15)).start();
            String token = issuer.platformAdminToken(Duration.ofHours(3));
            copyOfTheRegistry(database);
            ServiceProcess service = emissions;
            Path pgdata = database.dataDirectory();
            CpuMeter cpu = new CpuMeter().track("emissions", () -> ProcessHandle.of(service.pid()))
                    .trackTree("postgres", () -> postmaster(pgdata))
                    .track("bench", () -> Optional.of(ProcessHandle.current()));

            // warm-up: a freshly started JVM compiles its hot code while it runs; a service runs warm for days.
            // 200,000 values of one more enterprise through the endpoint, as the measured ones, then removed
            BenchStack.say("warm-up: 200000 values of another enterprise through the endpoint (not measured) ...");
            byte[][] warmUp = { csvRows(enterprises, 0, HOURS / 2), csvRows(enterprises, HOURS / 2, HOURS) };
            ExecutorService warmers = Executors.newFixedThreadPool(2);
            URI warmBase = emissions.baseUrl();
            List<Future<?>> warmed = new ArrayList<>();
            for (byte[] body : warmUp) {
                warmed.add(warmers.submit(() -> {
                    send(warmBase, token, usccs[enterprises], body);
                    return null;
                }));
            }
            for (Future<?> f : warmed) {
                f.get();
            }
            warmers.shutdownNow();
            // then wait until the service is quiet (its compiler threads done, the warm-up's events relayed), so
            // that nothing of the warm-up runs while COPY is measured
            quiet(cpu, "emissions");
            execute(database, "truncate measurement, measurement_day, exceedance_value, exceedance, data_gap,"
                    + " outlet_activity", "vacuum analyze measurement");

            long values = (long) ingested * OUTLETS.length * POLLUTANTS.length * HOURS;
            BenchStack.say("COPY: " + values + " values of " + ingested + " enterprises ...");
            List<byte[]> copyChunks = new ArrayList<>();
            for (int e = 0; e < ingested; e++) {
                copyChunks.add(copyRows(e, 0, HOURS / 2));
                copyChunks.add(copyRows(e, HOURS / 2, HOURS));
            }
            CpuMeter.Sample copyCpu = cpu.sample();
            long copyStart = System.nanoTime();
            try (Connection c = database.connect("emissions")) {
                for (byte[] chunk : copyChunks) {
                    copy(c, chunk);
                }
            }
            double copySeconds = (System.nanoTime() - copyStart) / 1e9;
            CpuMeter.Use copyUse = cpu.sample().since(copyCpu);
            copyChunks.clear();
            long copied = single(database, "select count(*) from measurement");
            execute(database, "truncate measurement", "vacuum analyze measurement");

            BenchStack.say("endpoint: the same " + values + " values as CSV, " + BATCH + " a request, 2 senders ...");
            List<List<byte[]>> bodies = new ArrayList<>();
            for (int e = 0; e < ingested; e++) {
                bodies.add(List.of(csvRows(e, 0, HOURS / 2), csvRows(e, HOURS / 2, HOURS)));
            }
            URI base = emissions.baseUrl();
            AtomicInteger next = new AtomicInteger();
            ExecutorService senders = Executors.newFixedThreadPool(2);
            String loadBefore = loadAverage();
            CpuMeter.Sample ingestCpu = cpu.sample();
            long ingestStart = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int s = 0; s < 2; s++) {
                done.add(senders.submit(() -> {
                    for (int e = next.getAndIncrement(); e < ingested; e = next.getAndIncrement()) {
                        for (byte[] body : bodies.get(e)) {
                            send(base, token, usccs[e], body);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            double ingestSeconds = (System.nanoTime() - ingestStart) / 1e9;
            CpuMeter.Use ingestUse = cpu.sample().since(ingestCpu);
            String loadAfter = loadAverage();
            senders.shutdownNow();
            bodies.clear();
            long stored = single(database, "select count(*) from measurement");
            long exceedances = single(database, "select count(*) from exceedance");
            long gaps = single(database, "select count(*) from data_gap where reason = 'flagged'");

            BenchStack.say("loading " + (enterprises - ingested) + " more enterprises by COPY ...");
            try (Connection c = database.connect("emissions")) {
                for (int e = ingested; e < enterprises; e++) {
                    copy(c, copyRows(e, 0, HOURS / 2));
                    copy(c, copyRows(e, HOURS / 2, HOURS));
                }
            }
            // values loaded behind the service's back are added to its daily roll-up as an operator would
            // (services/emissions/README.md, migration V8); the endpoint's values are added by the service itself
            long rollupStart = System.nanoTime();
            execute(database, "insert into measurement_day (uscc, pollutant, kind, day, outlet_code, n, n_avg, sum_avg,"
                    + " lo, hi) select uscc, pollutant, kind, (measured_at at time zone 'UTC')::date, outlet_code,"
                    + " count(*), count(avg_value), coalesce(sum(avg_value), 0), min(coalesce(min_value, avg_value)),"
                    + " max(coalesce(max_value, avg_value)) from measurement where flag = 'N' and uscc in ("
                    + Arrays.stream(usccs, ingested, enterprises).map(u -> "'" + u + "'").collect(Collectors.joining(","))
                    + ") group by 1, 2, 3, 4, 5");
            double rollupSeconds = (System.nanoTime() - rollupStart) / 1e9;
            execute(database, "vacuum analyze measurement", "vacuum analyze measurement_day");
            long total = single(database, "select count(*) from measurement");

            BenchStack.say("aggregates: " + queries + " requests each, after 20 to warm up ...");
            Random random = new Random(7);
            LocalDate lastFullMonth = LocalDate.ofInstant(Instant.now(), ZoneOffset.UTC).withDayOfMonth(1).minusMonths(1);
            double[] enterpriseMonth = latencies(base, token, random, lastFullMonth, false);
            double[] parkMonth = latencies(base, token, random, lastFullMonth, true);

            double copyRate = copied / copySeconds;
            double ingestRate = stored / ingestSeconds;
            List<String> lines = new ArrayList<>();
            lines.add("emissions ingest and aggregates benchmark, " + DateTimeFormatter.ISO_INSTANT.format(Instant.now())
                    + ", " + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version"));
            lines.add(String.format(Locale.ROOT, "COPY into measurement: %d values in %.2f s = %.0f values/s",
                    copied, copySeconds, copyRate));
            lines.add(String.format(Locale.ROOT, "bulk endpoint (CSV, %d values a request, 2 senders, limits judged): "
                    + "%d values in %.2f s = %.0f values/s; %d exceedances, %d flagged gaps", BATCH, stored,
                    ingestSeconds, ingestRate, exceedances, gaps));
            lines.add(String.format(Locale.ROOT, "endpoint / COPY = %.1f %% (target at least 40 %%)",
                    100 * ingestRate / copyRate));
            lines.add("  CPU seconds during COPY: " + cpuLine(copyUse));
            lines.add("  CPU seconds during the endpoint: " + cpuLine(ingestUse));
            lines.add("  load average (1, 5, 15 min) before the endpoint: " + loadBefore + ", after: " + loadAfter);
            lines.add(String.format(Locale.ROOT, "aggregates over %d stored values (%d requests each, one pollutant;"
                    + " the daily roll-up of the %d enterprises loaded by COPY built in %.1f s):", total, queries,
                    enterprises - ingested, rollupSeconds));
            lines.add(String.format(Locale.ROOT, "  one enterprise's month, hourly buckets: p50 %.1f ms  p99 %.1f ms"
                    + "  max %.1f ms (target p99 < 50 ms)", enterpriseMonth[0], enterpriseMonth[1], enterpriseMonth[2]));
            lines.add(String.format(Locale.ROOT, "  the park's month (%d enterprises), daily buckets: p50 %.1f ms"
                    + "  p99 %.1f ms  max %.1f ms (target p99 < 250 ms)", enterprises, parkMonth[0], parkMonth[1],
                    parkMonth[2]));
            lines.forEach(System.out::println);
            Path results = root.resolve("deploy/bench/results");
            Files.createDirectories(results);
            Path file = results.resolve("emissions-ingest-" + STAMP.format(Instant.now()) + ".txt");
            Files.write(file, lines);
            BenchStack.say("written to " + root.relativize(file));
            return 0;
        } finally {
            for (Runnable stop : new Runnable[] { emissions == null ? null : emissions::stop,
                    broker == null ? null : broker::stop, database == null ? null : database::stop }) {
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

    /** Waits (at most a minute) until the process used under 2 % of a core over a second, three seconds running. */
    private static void quiet(CpuMeter cpu, String process) throws InterruptedException {
        int calm = 0;
        for (int i = 0; i < 60 && calm < 3; i++) {
            CpuMeter.Sample before = cpu.sample();
            Thread.sleep(1000);
            calm = cpu.sample().since(before).secondsByProcess().get(process) < 0.02 ? calm + 1 : 0;
        }
    }

    private static String cpuLine(CpuMeter.Use use) {
        StringBuilder line = new StringBuilder();
        use.secondsByProcess().forEach((name, seconds) -> line.append(name).append(' ')
                .append(String.format(Locale.ROOT, "%.1f", seconds)).append(", "));
        return line.append(String.format(Locale.ROOT, "other processes %.2f cores", use.otherCores())).toString();
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static Optional<ProcessHandle> postmaster(Path pgdata) {
        try {
            List<String> lines = Files.readAllLines(pgdata.resolve("postmaster.pid"));
            return lines.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
        } catch (java.io.IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The enterprises, their outlets and limits, as the registry's events would leave the copy. */
    private void copyOfTheRegistry(EmbeddedDatabase database) throws SQLException {
        List<String> statements = new ArrayList<>();
        for (String uscc : usccs) {
            // the warm-up's enterprise lies outside the park
            String division = uscc.equals(usccs[enterprises]) ? "341703101" : DIVISION;
            statements.add("insert into enterprise_copy (uscc, name, division_code, park, status, registry_version,"
                    + " copied_at) values ('" + uscc + "', 'Bench " + uscc + "', '" + division + "', 'QJIP', 'operating',"
                    + " 1, now())");
            statements.add("insert into permit_copy (permit_number, uscc, valid_from, valid_to, status, outlet_codes,"
                    + " registry_version, copied_at) values ('" + uscc + "001P', '" + uscc + "', current_date - 3650,"
                    + " current_date + 1825, 'in-force', array['" + String.join("','", OUTLETS) + "']::varchar(5)[], 1,"
                    + " now())");
            for (String outlet : OUTLETS) {
                statements.add("insert into outlet_copy (uscc, outlet_code, kind, registry_version, copied_at) values ('"
                        + uscc + "', '" + outlet + "', 'air', 1, now())");
                for (int p = 0; p < 3; p++) {
                    statements.add("insert into outlet_limit (uscc, outlet_code, pollutant, unit, limit_max,"
                            + " annual_tonnes, registry_version) values ('" + uscc + "', '" + outlet + "', '"
                            + POLLUTANTS[p] + "', 'mg/m3', " + LIMITS[p] + ", 50, 1)");
                }
            }
        }
        execute(database, statements.toArray(String[]::new));
    }

    /** The value of enterprise e, outlet o, pollutant p at hour h: typical with noise, now and then above its limit. */
    private static double value(int e, int o, int p, int h) {
        long seed = ((((long) e * 7 + o) * 5 + p) * 100_003L + h) * 0x9E3779B97F4A7C15L;
        double unit = ((seed >>> 11) & ((1L << 40) - 1)) / (double) (1L << 40);
        double v = TYPICAL[p] * (0.6 + 0.8 * unit);
        if (p < 3 && (h % 997) < 3 && o == e % OUTLETS.length) {
            v = LIMITS[p] * 1.3;
        }
        return Math.round(v * 1000) / 1000.0;
    }

    private static String flag(int o, int h) {
        return (h % 1009) == o ? "M" : "N";
    }

    private byte[] csvRows(int e, int fromHour, int toHour) {
        StringBuilder out = new StringBuilder(60 * BATCH);
        out.append("outlet,pollutant,kind,time,avg,flag\n");
        for (int h = fromHour; h < toHour; h++) {
            String time = first.plus(Duration.ofHours(h)).toString();
            for (int o = 0; o < OUTLETS.length; o++) {
                for (int p = 0; p < POLLUTANTS.length; p++) {
                    out.append(OUTLETS[o]).append(',').append(POLLUTANTS[p]).append(",hourly,").append(time).append(',')
                            .append(value(e, o, p, h)).append(',').append(flag(o, h)).append('\n');
                }
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] copyRows(int e, int fromHour, int toHour) {
        StringBuilder out = new StringBuilder(110 * BATCH);
        String batch = UUID.randomUUID().toString();
        String received = Instant.now().toString();
        for (int h = fromHour; h < toHour; h++) {
            String time = first.plus(Duration.ofHours(h)).toString();
            for (int o = 0; o < OUTLETS.length; o++) {
                for (int p = 0; p < POLLUTANTS.length; p++) {
                    out.append(usccs[e]).append(',').append(OUTLETS[o]).append(',').append(POLLUTANTS[p])
                            .append(",hourly,").append(time).append(',').append(value(e, o, p, h)).append(',')
                            .append(flag(o, h)).append(',').append(batch).append(',').append(received).append('\n');
                }
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void copy(Connection c, byte[] rows) throws Exception {
        c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy measurement (uscc, outlet_code, pollutant, kind,"
                + " measured_at, avg_value, flag, batch_id, received_at) from stdin with (format csv)",
                new ByteArrayInputStream(rows));
    }

    private void send(URI base, String token, String uscc, byte[] body) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/emissions/enterprises/"
                        + uscc + "/measurement-batches/" + UUID.randomUUID()))
                .timeout(Duration.ofMinutes(10)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/csv").PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 201 || !answer.body().contains("\"rejected\":0")) {
            throw new IllegalStateException("ingest answered " + answer.statusCode() + ": "
                    + answer.body().substring(0, Math.min(500, answer.body().length())));
        }
    }

    /** p50, p99, max in ms of the aggregate request over random months of the year before and random enterprises. */
    private double[] latencies(URI base, String token, Random random, LocalDate lastFullMonth, boolean park)
            throws Exception {
        double[] times = new double[queries];
        for (int i = -20; i < queries; i++) {
            LocalDate month = lastFullMonth.minusMonths(random.nextInt(11));
            String query = "pollutant=a21026&from=" + month.atStartOfDay(ZoneOffset.UTC).toInstant() + "&to="
                    + month.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant()
                    + (park ? "&bucket=day&division=" + DIVISION.substring(0, 6)
                            : "&bucket=hour&uscc=" + usccs[random.nextInt(enterprises)]);
            long start = System.nanoTime();
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/emissions/aggregates?"
                    + query)).timeout(Duration.ofMinutes(1)).header("Authorization", "Bearer " + token).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            double ms = (System.nanoTime() - start) / 1e6;
            if (answer.statusCode() != 200 || !answer.body().contains("\"count\"")) {
                throw new IllegalStateException("aggregates answered " + answer.statusCode() + ": " + answer.body());
            }
            if (i >= 0) {
                times[i] = ms;
            }
        }
        Arrays.sort(times);
        return new double[] { times[queries / 2], times[(int) Math.ceil(queries * 0.99) - 1], times[queries - 1] };
    }

    private static void execute(EmbeddedDatabase database, String... statements) throws SQLException {
        try (Connection c = database.connect("emissions"); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static long single(EmbeddedDatabase database, String sql) throws SQLException {
        try (Connection c = database.connect("emissions"); var r = c.createStatement().executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
