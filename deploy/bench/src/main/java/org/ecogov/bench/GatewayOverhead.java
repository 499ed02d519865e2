package org.ecogov.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.ecogov.local.LocalConfig;
import org.ecogov.local.ServiceList;
import org.ecogov.local.RepositoryRoot;

/**
 * The gateway's overhead (issue 3, DESIGN §8): the same read, {@code GET /api/v1/enterprises/{uscc}},
 * called directly on the registry and through the gateway, at the same concurrency, in one run.
 * Both targets are warmed up, then measured in alternating order round after round, so that a
 * machine busy with something else in one moment spoils both sides of a round alike; the table gives
 * every round and the medians. Run it with {@code deploy/bench/gateway-overhead} ({@code --help}).
 */
public final class GatewayOverhead {

    /** A valid USCC (check digit and all); the enterprise the benchmark registers and reads. */
    static final String USCC = "91341702669392367N";
    static final String PATH = "/api/v1/enterprises/" + USCC;

    private static final String ENTERPRISE = """
            {
              "uscc": "%s",
              "details": {
                "name": "Chizhou Benchmark Smelting Co., Ltd.",
                "legalRepresentative": "Li Jianguo",
                "industryCode": "C3211",
                "address": "10 Binjiang Road, Qianjiang Industrial Park, Wusha Town",
                "location": {"latitude": 30.7012, "longitude": 117.3921},
                "divisionCode": "341702102001",
                "keyMonitored": true,
                "park": "QJIP"
              }
            }
            """.formatted(USCC);

    private final BenchOptions options;
    private final Path root;
    private volatile ClosedLoopLoad load;
    /** Where the processes were placed; null when they share every core. */
    private volatile CorePlacement placement;

    private GatewayOverhead(BenchOptions options, Path root) {
        this.options = options;
        this.root = root;
    }

    public static void main(String[] args) {
        Path root = RepositoryRoot.locate();
        LocalConfig local = LocalConfig.load(root);
        BenchOptions options;
        try {
            options = BenchOptions.parse(List.of(args), root, local.list("ecogov.services.jvm-options"));
        } catch (IllegalArgumentException e) {
            System.err.println("gateway-overhead: " + e.getMessage() + "\n\n" + BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(BenchOptions.USAGE);
            return;
        }
        BenchStack stack = new BenchStack(root.resolve("deploy/bench/target/logs"),
                root.resolve("deploy/bench/target/postgres-runtime"));
        GatewayOverhead benchmark = new GatewayOverhead(options, root);
        // Ctrl-C: the load stops first, so that it does not hammer servers on their way down
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            benchmark.stopLoad();
            stack.close();
        }, "bench-shutdown"));
        int status;
        try {
            BenchStack.ServiceTimeouts timeouts = new BenchStack.ServiceTimeouts(
                    local.duration("ecogov.services.startup-timeout"), local.duration("ecogov.services.stop-timeout"));
            // the jars the local run starts (services.yaml and ecogov-local.properties)
            status = benchmark.run(stack, timeouts, ServiceList.named(root, "registry").app(root),
                    local.path("ecogov.gateway.app"));
        } catch (RuntimeException e) {
            System.err.println("\ngateway-overhead: " + e.getMessage());
            System.err.println("(logs of the servers: " + stack.logDirectory() + ")");
            status = 1;
        } finally {
            stack.close();
        }
        System.exit(status);
    }

    private int run(BenchStack stack, BenchStack.ServiceTimeouts timeouts, Path registryJar, Path gatewayJar) {
        Instant started = Instant.now();
        double loadAtStart = loadAverage();
        BenchStack.say(String.format(Locale.ROOT, "%d connections, warm-up %s per target, %d round%s of %s per target",
                options.concurrency(), seconds(options.warmup()), options.rounds(), options.rounds() == 1 ? "" : "s",
                seconds(options.measure())));

        BenchIssuer issuer = new BenchIssuer();
        stack.start(registryJar, gatewayJar, options, timeouts, issuer);
        // outlives the run: one token for every request, as a real client reuses its token
        String token = issuer.platformAdminToken(options.loadTime().plus(Duration.ofHours(1)));
        registerEnterprise(stack, token);
        if (options.separateCores()) {
            placement = CorePlacement.separate(stack);
            BenchStack.say("placed: " + placement);
        }

        CpuMeter cpu = new CpuMeter()
                .track("bench", () -> Optional.of(ProcessHandle.current()))
                .track("gateway", stack::gatewayProcess);
        if (options.bareProxy()) {
            cpu.track(OverheadReport.BARE, stack::bareProxyProcess);
        }
        cpu.track("registry", stack::registryProcess)
                .trackTree("postgres", stack::postgresProcess);
        List<OverheadReport.Round> rounds = new ArrayList<>();
        try (ClosedLoopLoad load = new ClosedLoopLoad(options.clientThreads())) {
            this.load = load;
            List<ClosedLoopLoad.Target> targets = new ArrayList<>(List.of(
                    load.target(OverheadReport.DIRECT, stack.registryUrl(), PATH, token, options.concurrency()),
                    load.target(OverheadReport.GATEWAY, stack.gatewayUrl(), PATH, token, options.concurrency())));
            if (options.bareProxy()) {
                targets.add(load.target(OverheadReport.BARE, stack.bareProxyUrl(), PATH, token, options.concurrency()));
            }
            if (!options.warmup().isZero()) {
                for (ClosedLoopLoad.Target target : targets) {
                    BenchStack.say("warming up " + target.name() + " for " + seconds(options.warmup()) + " ...");
                    Measurement warm = load.run(target, options.warmup());
                    BenchStack.say(String.format(Locale.ROOT, "  %.0f requests/s, p50 %.2f ms", warm.perSecond(),
                            warm.p50() / 1e6));
                    if (warm.errors() > 0) {
                        throw new IllegalStateException(target.name() + ": " + warm.errors()
                                + " answers were not 200 during the warm-up (see above)");
                    }
                }
            }
            for (int number = 1; number <= options.rounds(); number++) {
                // alternating order: whatever drifts during a round (the JIT, the machine's other work) hits
                // the first target of one round and the last of the next
                List<ClosedLoopLoad.Target> order = new ArrayList<>(targets);
                if (number % 2 == 0) {
                    Collections.reverse(order);
                }
                List<OverheadReport.Taken> taken = new ArrayList<>();
                for (ClosedLoopLoad.Target target : order) {
                    taken.add(measure(load, cpu, target, number));
                }
                rounds.add(new OverheadReport.Round(number, taken));
            }
        }

        OverheadReport report = new OverheadReport(header(started, loadAtStart, loadAverage()), rounds);
        String table = report.render();
        System.out.println();
        System.out.print(table);
        Path file = write(table);
        System.out.println("\nwritten to " + root.relativize(file) + "; server logs in "
                + root.relativize(stack.logDirectory()));
        return report.errors() == 0 ? 0 : 1;
    }

    /** Stops the load generator if it runs; for the shutdown hook. */
    private void stopLoad() {
        ClosedLoopLoad running = load;
        if (running != null) {
            running.close();
        }
    }

    private OverheadReport.Taken measure(ClosedLoopLoad load, CpuMeter cpu, ClosedLoopLoad.Target target, int round) {
        BenchStack.say("round " + round + "/" + options.rounds() + ": " + target.name() + " for "
                + seconds(options.measure()) + " ...");
        CpuMeter.Sample before = cpu.sample();
        Measurement m = load.run(target, options.measure());
        CpuMeter.Use used = cpu.sample().since(before);
        BenchStack.say(String.format(Locale.ROOT, "  %.0f requests/s, p50 %.2f ms, p99 %.2f ms%s", m.perSecond(),
                m.p50() / 1e6, m.p99() / 1e6, m.errors() > 0 ? ", " + m.errors() + " ERRORS" : ""));
        return new OverheadReport.Taken(m, used);
    }

    /**
     * Registers the enterprise on the registry (its database is new), then checks that it reads back
     * 200 both ways: a benchmark of 404s or 401s would measure the wrong thing.
     */
    private static void registerEnterprise(BenchStack stack, String token) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        BenchStack.say("registering enterprise " + USCC + " on the registry ...");
        HttpResponse<String> created = send(http, HttpRequest.newBuilder(stack.registryUrl().resolve("/api/v1/enterprises"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ENTERPRISE)));
        if (created.statusCode() != 201) {
            throw new IllegalStateException("POST /api/v1/enterprises answered " + created.statusCode() + ": "
                    + created.body());
        }
        List<URI> bases = new ArrayList<>(List.of(stack.registryUrl(), stack.gatewayUrl()));
        if (stack.bareProxyUrl() != null) {
            bases.add(stack.bareProxyUrl());
        }
        for (URI base : bases) {
            HttpResponse<String> read = send(http, HttpRequest.newBuilder(base.resolve(PATH))
                    .header("Authorization", "Bearer " + token).GET());
            if (read.statusCode() != 200) {
                throw new IllegalStateException("GET " + base.resolve(PATH) + " answered " + read.statusCode() + ": "
                        + read.body());
            }
        }
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("setting up the benchmark: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** What a reader of the numbers needs to know about where and how they were taken. */
    private List<String> header(Instant started, double loadAtStart, double loadAtEnd) {
        List<String> lines = new ArrayList<>();
        lines.add("ecogov benchmark: gateway overhead");
        lines.add("  when      " + started.truncatedTo(ChronoUnit.SECONDS));
        lines.add("  commit    " + commit());
        lines.add(String.format(Locale.ROOT, "  machine   %d cores%s, %s %s %s",
                Runtime.getRuntime().availableProcessors(), cpuModel().map(m -> " (" + m + ")").orElse(""),
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch")));
        lines.add(String.format(Locale.ROOT, "  busy      load average %s at start, %s at the end (1-minute; the"
                + " benchmark's own processes count in the second)", load(loadAtStart), load(loadAtEnd)));
        lines.add("  java      " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ", "
                + System.getProperty("java.vendor") + "); services run with " + String.join(" ", options.serviceJvmOptions()));
        lines.add("  endpoint  GET " + PATH + " with a platform-admin bearer token: the registry reads it from"
                + " PostgreSQL each time");
        lines.add("  direct    registry  http://127.0.0.1:" + options.registryPort());
        lines.add("  gateway   gateway   http://127.0.0.1:" + options.gatewayPort() + " -> the same registry");
        if (options.bareProxy()) {
            lines.add("  bare      bare proxy http://127.0.0.1:" + options.bareProxyPort() + " -> the same registry: a"
                    + " pass-through proxy on the same JVM and Vert.x, without authentication, logging or limits");
        }
        lines.add(String.format(Locale.ROOT, "  load      %d keep-alive connections, closed loop (one request in flight"
                        + " each), %d client event loop%s, on this machine",
                options.concurrency(), options.clientThreads(), options.clientThreads() == 1 ? "" : "s"));
        lines.add("  cores     " + (placement == null ? "every process shares every core" : placement));
        lines.add(String.format(Locale.ROOT, "  schedule  warm-up %s per target, then %d round%s of %s per target,"
                        + " the order alternating", seconds(options.warmup()), options.rounds(),
                options.rounds() == 1 ? "" : "s", seconds(options.measure())));
        return lines;
    }

    /** The 1-minute load average, negative where the system does not tell. */
    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String load(double average) {
        return average < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", average);
    }

    private Path write(String table) {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneId.systemDefault()).format(Instant.now());
        Path file = options.resultsDirectory().resolve("gateway-overhead-" + stamp + ".txt");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, table, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The checked-out commit, and whether the working tree differs from it; "unknown" outside git. */
    private String commit() {
        Optional<String> head = git("rev-parse", "--short", "HEAD");
        if (head.isEmpty()) {
            return "unknown";
        }
        boolean dirty = git("status", "--porcelain", "--untracked-files=no").map(s -> !s.isBlank()).orElse(false);
        return head.get() + (dirty ? " with uncommitted changes" : "");
    }

    private Optional<String> git(String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", root.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return Optional.empty();
            }
            return Optional.of(output);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Optional<String> cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim().replaceAll("\\s+", " "))
                    .findFirst();
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    private static String seconds(Duration duration) {
        double s = duration.toMillis() / 1000.0;
        return (s == Math.rint(s) ? String.format(Locale.ROOT, "%.0f", s) : String.format(Locale.ROOT, "%.1f", s)) + " s";
    }
}
