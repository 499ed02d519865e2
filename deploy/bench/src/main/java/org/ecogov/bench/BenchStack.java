package org.ecogov.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.ecogov.local.EmbeddedDatabase;
import org.ecogov.local.ProcessSupport;
import org.ecogov.local.ServiceProcess;

/**
 * What the benchmark measures against: an embedded PostgreSQL with a fresh data directory, the
 * registry and the gateway in front of it, each from its built fast-jar in {@code %prod}, trusting
 * only the {@link BenchIssuer}; on request also the {@link BareProxy} in front of the same registry. Stopped in reverse order by {@link #close()}, which is safe to call
 * more than once and from a shutdown hook; the data directory is deleted then.
 */
final class BenchStack implements AutoCloseable {

    static final String REGISTRY_DATABASE = "registry";
    static final String GATEWAY_DATABASE = "gateway";
    private static final String PGDATA = "pgdata";
    /** How long a process the benchmark started has to stop after SIGTERM before it is killed. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    /** Stop functions, last started last. */
    private final Deque<Step> running = new ArrayDeque<>();
    private final Path dataDirectory;
    private final Path logDirectory;
    private final Path postgresRuntime;
    private boolean closed;

    private ServiceProcess registry;
    private ServiceProcess gateway;
    private Process bareProxy;
    private URI bareProxyUrl;

    /**
     * @param logDirectory    where the servers' output goes (kept after the run, for a look at what they said)
     * @param postgresRuntime where PostgreSQL's binaries are unpacked (kept, so later runs skip it)
     */
    BenchStack(Path logDirectory, Path postgresRuntime) {
        try {
            this.dataDirectory = Files.createTempDirectory("ecogov-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary directory for PostgreSQL's data", e);
        }
        this.logDirectory = logDirectory;
        this.postgresRuntime = postgresRuntime;
    }

    /**
     * Starts PostgreSQL, the registry and the gateway (routing to that registry). Whatever started
     * stays registered for {@link #close()} even when a later step fails.
     */
    void start(Path registryJar, Path gatewayJar, BenchOptions options, ServiceTimeouts timeouts, BenchIssuer issuer) {
        say("starting PostgreSQL on 127.0.0.1:" + options.postgresPort() + " (data in " + dataDirectory + ") ...");
        EmbeddedDatabase database = EmbeddedDatabase.builder()
                .port(options.postgresPort())
                .dataDirectory(dataDirectory.resolve(PGDATA))
                .runtimeDirectory(postgresRuntime)
                .logFile(logDirectory.resolve("postgres.log"))
                .databases(REGISTRY_DATABASE, GATEWAY_DATABASE)
                .stopOnJvmExit(false)
                .start();
        register("PostgreSQL", database::stop);

        say("starting the registry on 127.0.0.1:" + options.registryPort() + " ...");
        Map<String, String> registrySettings = datasource(database, REGISTRY_DATABASE);
        registrySettings.putAll(issuer.trustSettings());
        registrySettings.put("ecogov.gateway.public-key", issuer.gatewayPublicKey());
        registry = startService("registry", registryJar, options.registryPort(), registrySettings, options, timeouts);

        say("starting the gateway on 127.0.0.1:" + options.gatewayPort() + " ...");
        Map<String, String> gatewaySettings = datasource(database, GATEWAY_DATABASE);
        gatewaySettings.putAll(issuer.trustSettings());
        gatewaySettings.put("ecogov.gateway.services.registry.url", registry.baseUrl().toString());
        gatewaySettings.put("ecogov.gateway.token.signing-key", issuer.gatewaySigningKey());
        // the load comes from one subject and client: counted like every caller's, never refused
        gatewaySettings.put("ecogov.gateway.rate-limits.subject.requests", Integer.toString(Integer.MAX_VALUE));
        gatewaySettings.put("ecogov.gateway.rate-limits.client.requests", Integer.toString(Integer.MAX_VALUE));
        gateway = startService("gateway", gatewayJar, options.gatewayPort(), gatewaySettings, options, timeouts);

        if (options.bareProxy()) {
            startBareProxy(options, timeouts);
        }
    }

    /**
     * Starts the {@link BareProxy} in a JVM of its own, with the services' JVM options, in front of the
     * registry, and waits until it accepts connections.
     */
    private void startBareProxy(BenchOptions options, ServiceTimeouts timeouts) {
        say("starting the bare proxy on 127.0.0.1:" + options.bareProxyPort() + " ...");
        String java = ProcessSupport.javaExecutable().toString();
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(options.serviceJvmOptions());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BareProxy.class.getName(),
                Integer.toString(options.bareProxyPort()), registry.baseUrl().getHost(),
                Integer.toString(registry.baseUrl().getPort())));
        Path log = logDirectory.resolve("bare-proxy.log");
        long started = System.nanoTime();
        try {
            Files.createDirectories(logDirectory);
            bareProxy = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the bare proxy: " + e.getMessage(), e);
        }
        Process proxy = bareProxy;
        register("bare proxy", () -> ProcessSupport.terminateTree(proxy.toHandle(), STOP_GRACE));
        long deadline = started + timeouts.startup().toNanos();
        while (!accepts(options.bareProxyPort())) {
            if (!bareProxy.isAlive()) {
                throw new IllegalStateException("the bare proxy stopped at start-up; see " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the bare proxy did not listen within " + timeouts.startup() + "; see " + log);
            }
            ProcessSupport.sleep(Duration.ofMillis(100));
        }
        bareProxyUrl = URI.create("http://127.0.0.1:" + options.bareProxyPort());
        say(String.format("  bare proxy ready in %.1f s (pid %d, log %s)", (System.nanoTime() - started) / 1e9,
                bareProxy.pid(), log));
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }


    URI registryUrl() {
        return registry.baseUrl();
    }

    URI gatewayUrl() {
        return gateway.baseUrl();
    }

    /** Where the bare proxy listens; only when the run measures it. */
    URI bareProxyUrl() {
        return bareProxyUrl;
    }

    Optional<ProcessHandle> bareProxyProcess() {
        return bareProxy == null ? Optional.empty() : Optional.of(bareProxy.toHandle());
    }

    Optional<ProcessHandle> registryProcess() {
        return registry == null ? Optional.empty() : ProcessHandle.of(registry.pid());
    }

    Optional<ProcessHandle> gatewayProcess() {
        return gateway == null ? Optional.empty() : ProcessHandle.of(gateway.pid());
    }

    /** The postmaster, whose children are the backends serving the services' connections. */
    Optional<ProcessHandle> postgresProcess() {
        try {
            List<String> lines = Files.readAllLines(dataDirectory.resolve(PGDATA).resolve("postmaster.pid"));
            return lines.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    Path logDirectory() {
        return logDirectory;
    }

    /** Stops what was started, last first, then deletes the data directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (!running.isEmpty()) {
            Step last = running.removeLast();
            say("stopping " + last.name() + " ...");
            try {
                last.stop().run();
            } catch (RuntimeException e) {
                System.err.println("[bench]   " + last.name() + " did not stop cleanly: " + e.getMessage());
            }
        }
        // a service whose start was under way when we were interrupted is a child not registered yet
        ProcessHandle.current().children().forEach(child -> ProcessSupport.terminateTree(child, STOP_GRACE));
        try {
            ProcessSupport.deleteTree(dataDirectory);
        } catch (UncheckedIOException e) {
            System.err.println("[bench] could not delete " + dataDirectory + ": " + e.getMessage());
        }
    }

    private ServiceProcess startService(String name, Path jar, int port, Map<String, String> settings,
                                        BenchOptions options, ServiceTimeouts timeouts) {
        ServiceProcess service = ServiceProcess.builder(name, jar)
                .port(port)
                .systemProperties(settings)
                .jvmOptions(options.serviceJvmOptions())
                .logFile(logDirectory.resolve(name + ".log"))
                .startupTimeout(timeouts.startup())
                .stopTimeout(timeouts.stop())
                .start();
        register(name, service::stop);
        say(String.format("  %s ready in %.1f s (pid %d, log %s)", name, service.startupTime().toMillis() / 1000.0,
                service.pid(), service.logFile()));
        return service;
    }

    private synchronized void register(String name, Runnable stop) {
        if (closed) {
            // interrupted while this one started: nobody else will stop it
            stop.run();
            throw new IllegalStateException("stopped while " + name + " was starting");
        }
        running.add(new Step(name, stop));
    }

    /** The datasource settings for one database on the embedded server, as the local run gives them. */
    private static Map<String, String> datasource(EmbeddedDatabase database, String name) {
        return new LinkedHashMap<>(org.ecogov.local.LocalStack.datasourceConfig(database, name));
    }



    static void say(String message) {
        System.out.println("[bench] " + message);
    }

    /** How long a service may take to start and to stop (the local run's settings). */
    record ServiceTimeouts(Duration startup, Duration stop) {
    }

    private record Step(String name, Runnable stop) {
    }
}
