package org.ecogov.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The stack the gateway's system tests share, started once per test run (surefire runs every test class in one
 * JVM) and stopped when the JVM exits: the real Keycloak ({@link SharedKeycloak}), one PostgreSQL with a database
 * for each service of the service list and one for the gateway, the broker, every listed service from its built
 * fast-jar, the gateway in front of them signing API-key requests with a key pair made as the local run makes it,
 * every party anchoring its audit chain with the others (checkpoint keys, witness queues), the demo park loaded
 * through the gateway, then the rest of the local run's demo data (emissions, enforcement, complaints) as the run loads it. Besides the listed services, the gateway routes {@value #SILENT_PATH} to a
 * stand-in service that accepts connections and never answers. Every server gets free ports.
 */
final class SystemStack {

    /** A path of the stand-in service that accepts connections and never answers. */
    static final String SILENT_PATH = "/api/v1/silent-things";
    static final Duration SILENT_TIMEOUT = Duration.ofSeconds(1);
    /** The one client of the realm whose tokens have a small limit at the gateway: this many requests an hour. */
    static final String LIMITED_CLIENT = "enforcement-service";
    static final int LIMITED_CLIENT_REQUESTS = 4;
    /**
     * The demo emissions' window in the stack: long enough for the first exceedance episode and the silent device's
     * silence beyond the latest values' 7 days, a third of the run's three months (and of the values to ingest).
     */
    static final java.time.Period DEMO_EMISSIONS_WINDOW = java.time.Period.ofDays(40);
    /**
     * The services' schedules, shorter in the stack than in the local run, so that the tests wait seconds, not minutes:
     * complaints' escalation (the demo's twice-transferred complaint; 60 s in the run) and enforcement's refresh of its
     * enterprise copy from the registry (10 min in the run).
     */
    static final Map<String, Map<String, String>> SCHEDULES = Map.of(
            DemoComplaints.SERVICE, Map.of("complaints.escalation.every", "2s"),
            DemoEnforcement.SERVICE, Map.of("enforcement.enterprise-refresh.every", "2s"));

    private static SystemStack stack;
    /** Why the stack could not start: every test class after the first is told the same at once. */
    private static RuntimeException failure;

    final LocalConfig config;
    final Tokens tokens;
    final Supplier<String> admin;
    final Path state;
    final EmbeddedDatabase database;
    final EmbeddedBroker broker;
    final GatewaySigningKey signingKey;
    final AuditKeys auditKeys;
    final List<ServiceList.Service> list;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final SilentService silent;
    private ServiceProcess gateway;
    private int gatewayPort;
    /** Where the services that read the registry for themselves (complaints' routing) find it. */
    private URI registryUrl;
    private GatewayApiKeys keys;
    private DemoEmissions.Summary demoEmissions;
    private DemoEnforcement.Summary demoEnforcement;
    private DemoComplaints.Summary demoComplaints;

    /** The stack, started on first use. */
    static synchronized SystemStack get() {
        if (failure != null) {
            throw failure;
        }
        if (stack == null) {
            long started = System.nanoTime();
            try {
                SystemStack starting = new SystemStack();
                Runtime.getRuntime().addShutdownHook(new Thread(starting::stop, "stop-system-stack"));
                starting.start();
                stack = starting;
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
            System.out.printf("system-test stack (services %s, gateway %s) ready in %d ms%n", stack.services.keySet(),
                    stack.gateway.baseUrl(), Duration.ofNanos(System.nanoTime() - started).toMillis());
        }
        return stack;
    }

    private SystemStack() {
        config = LocalConfig.load();
        list = ServiceList.read(config.repositoryRoot());
        tokens = SharedKeycloak.tokens();
        admin = cached(() -> tokens.login(config.get("ecogov.demo.admin-user"), config.get("ecogov.demo.password")).value());
        state = TestPaths.target().resolve("system-stack");
        ProcessSupport.deleteTree(state);
        database = EmbeddedDatabase.builder()
                .port(0)
                .dataDirectory(state.resolve("pgdata"))
                .runtimeDirectory(state.resolve("pg"))
                .logFile(state.resolve("postgres.log"))
                .databases(LocalStack.databases(list, config.get("ecogov.gateway.database")))
                .start();
        signingKey = GatewaySigningKey.loadOrGenerate(state.resolve("keys"));
        broker = EmbeddedBroker.start(0, state.resolve("broker"));
        List<String> parties = new java.util.ArrayList<>(list.stream().map(ServiceList.Service::name).toList());
        parties.add("gateway");
        auditKeys = AuditKeys.loadOrGenerate(state.resolve("keys"), parties);
        LocalStack.witnessQueues(broker, parties);
        silent = SilentService.start();
    }

    /** When the stack began to start its servers, and when it was ready (its demo data loaded), before any test. */
    Instant startedAt;
    Instant readyAt;

    private void start() {
        startedAt = Instant.now();
        for (ServiceList.Service service : list) {
            if (!java.nio.file.Files.isRegularFile(service.app(config.repositoryRoot()))) {
                throw new IllegalStateException(service.name() + " must be built before the system tests (reactor order: "
                        + "deploy/local/pom.xml depends on every module of services.yaml)");
            }
        }
        // the gateway needs only the services' addresses, not the services themselves, to start: all start at once
        Map<String, Integer> ports = new LinkedHashMap<>();
        Map<String, URI> urls = new LinkedHashMap<>();
        for (ServiceList.Service service : list) {
            int port = ProcessSupport.freePort();
            ports.put(service.name(), port);
            urls.put(service.name(), service.localUrl(port));
        }
        gatewayPort = ProcessSupport.freePort();
        registryUrl = urls.get(DemoData.SERVICE);
        Map<String, String> gatewayConfig = LocalStack.gatewayConfig(database, config.get("ecogov.gateway.database"),
                SharedKeycloak.get().realmUrl().toString(), urls, signingKey.privateKeyFile());
        gatewayConfig.putAll(broker.clientConfig());
        gatewayConfig.putAll(LocalStack.auditConfig(auditKeys, "gateway", null));
        // a stopped service opens its circuit; let it close soon after the service is back
        urls.keySet().forEach(name -> gatewayConfig.put("ecogov.gateway.services." + name + ".breaker.open-for", "2s"));
        gatewayConfig.put("ecogov.gateway.keys.usage-flush-every", "1s");
        // every test sends from 127.0.0.1 with a handful of users: their limits out of reach, but for one client whose
        // small limit GatewayRateLimitSystemTest spends (nothing else calls the gateway with its tokens)
        gatewayConfig.put("ecogov.gateway.rate-limits.subject.requests", "1000000");
        gatewayConfig.put("ecogov.gateway.rate-limits.client.requests", "1000000");
        gatewayConfig.put("ecogov.gateway.rate-limits.anonymous.requests", "1000000");
        gatewayConfig.put("ecogov.gateway.rate-limits.clients." + LIMITED_CLIENT + ".requests",
                Integer.toString(LIMITED_CLIENT_REQUESTS));
        gatewayConfig.put("ecogov.gateway.rate-limits.clients." + LIMITED_CLIENT + ".window", "1h");
        // one more service behind the door, one that accepts connections and never answers
        gatewayConfig.put("ecogov.gateway.services.silent.url", "http://127.0.0.1:" + silent.port());
        gatewayConfig.put("ecogov.gateway.services.silent.paths", SILENT_PATH + "/**");
        gatewayConfig.put("ecogov.gateway.services.silent.timeout", SILENT_TIMEOUT.toSeconds() + "s");
        CompletableFuture<ServiceProcess> startingGateway = CompletableFuture.supplyAsync(() ->
                ServiceProcess.builder("gateway", config.path("ecogov.gateway.app"))
                        .port(gatewayPort)
                        .systemProperties(gatewayConfig)
                        .jvmOptions(config.list("ecogov.services.jvm-options"))
                        .logFile(state.resolve("gateway.log"))
                        .startupTimeout(config.duration("ecogov.services.startup-timeout"))
                        .start());
        try {
            for (ServiceList.Service service : list) {
                services.put(service.name(), startService(service, ports.get(service.name())));
            }
        } finally {
            // waited for whether the services started or not, so that stop() stops it
            gateway = startingGateway.exceptionally(failure -> null).join();
        }
        if (gateway == null) {
            startingGateway.join(); // throws why the gateway did not start
        }
        long phase = System.nanoTime();
        System.out.printf("system-test stack: servers up in %d ms%n", Duration.between(startedAt, Instant.now()).toMillis());
        new DemoData().load(gateway.baseUrl(), admin);
        phase = timed("demo park", phase);
        // the rest of the local run's demo data, as deploy/local/run loads it
        demoEmissions = new DemoEmissions(DEMO_EMISSIONS_WINDOW).load(gateway.baseUrl(), admin, Instant.now());
        phase = timed("demo emissions (" + demoEmissions.values() + " values)", phase);
        demoEnforcement = new DemoEnforcement().load(gateway.baseUrl(), user -> tokens.login(user, config.get("ecogov.demo.password")).value());
        phase = timed("demo enforcement", phase);
        demoComplaints = new DemoComplaints().load(gateway.baseUrl(), admin,
                user -> tokens.login(user, config.get("ecogov.demo.password")).value());
        timed("demo complaints", phase);
        keys = new GatewayApiKeys(gateway.baseUrl(), admin);
        readyAt = Instant.now();
    }

    /** Prints how long a phase of the start took; answers when the next begins. */
    private static long timed(String phase, long since) {
        long now = System.nanoTime();
        System.out.printf("system-test stack: %s in %d ms%n", phase, Duration.ofNanos(now - since).toMillis());
        return now;
    }

    /** A listed service on the test database, trusting the realm and the gateway's key. */
    private ServiceProcess startService(ServiceList.Service service, int port) {
        return ServiceProcess.builder(service.name(), service.app(config.repositoryRoot()))
                .port(port)
                .systemProperties(LocalStack.serviceConfig(database, service.database(),
                        SharedKeycloak.get().realmUrl().toString(), signingKey.publicKeyBase64()))
                .systemProperties(broker.clientConfig())
                .systemProperties(LocalStack.auditConfig(auditKeys, service.name(),
                        LocalStack.gatewayWitness(URI.create("http://127.0.0.1:" + gatewayPort))))
                .systemProperty("quarkus.rest-client.registry.url", registryUrl.toString())
                .systemProperties(SCHEDULES.getOrDefault(service.name(), Map.of()))
                .jvmOptions(config.list("ecogov.services.jvm-options"))
                .logFile(state.resolve(service.name() + ".log"))
                .startupTimeout(config.duration("ecogov.services.startup-timeout"))
                .start();
    }

    ServiceProcess gateway() {
        return gateway;
    }

    /** A listed service as it runs now (a new process after {@link #restart}). */
    ServiceProcess service(String name) {
        ServiceProcess service = services.get(name);
        if (service == null) {
            throw new IllegalArgumentException("no service " + name + " in " + services.keySet());
        }
        return service;
    }

    /** Stops a listed service; {@link #restart} brings it back on the same port. */
    void stopService(String name) {
        service(name).stop();
    }

    /** Starts a stopped service again on the port the gateway knows. */
    synchronized void restart(String name) {
        ServiceProcess old = service(name);
        ServiceList.Service listed = list.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
        services.put(name, startService(listed, old.port()));
    }

    GatewayApiKeys keys() {
        return keys;
    }

    /** What the demo emissions' load at start sent. */
    DemoEmissions.Summary demoEmissions() {
        return demoEmissions;
    }

    /** What the demo enforcement's load at start made. */
    DemoEnforcement.Summary demoEnforcement() {
        return demoEnforcement;
    }

    /** What the demo complaints' load at start filed and did. */
    DemoComplaints.Summary demoComplaints() {
        return demoComplaints;
    }

    private synchronized void stop() {
        if (gateway != null) {
            gateway.stop();
        }
        services.values().forEach(ServiceProcess::stop);
        if (silent != null) {
            silent.close();
        }
        if (broker != null) {
            broker.stop();
        }
        if (database != null) {
            database.stop();
        }
    }

    /** The admin's token, fetched again only when it is about to expire (tokens live five minutes). */
    private static Supplier<String> cached(Supplier<String> fetch) {
        return new Supplier<>() {
            private String token;
            private Instant renewAfter = Instant.MIN;

            @Override
            public synchronized String get() {
                if (Instant.now().isAfter(renewAfter)) {
                    token = fetch.get();
                    renewAfter = Instant.now().plus(Duration.ofMinutes(3));
                }
                return token;
            }
        };
    }

    /**
     * A service that is alive but never answers an API request: its liveness probe ({@code GET /q/health/live})
     * gets 200, so the gateway's health stays UP; any other request is read and left unanswered, so the
     * gateway waits for its timeout.
     */
    private static final class SilentService implements AutoCloseable {

        private static final byte[] ALIVE = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

        private final ServerSocket server;
        private final List<Socket> connections = new CopyOnWriteArrayList<>();

        private SilentService(ServerSocket server) {
            this.server = server;
        }

        static SilentService start() {
            try {
                ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                SilentService service = new SilentService(server);
                Thread acceptor = new Thread(service::acceptForever, "silent-service");
                acceptor.setDaemon(true);
                acceptor.start();
                return service;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        int port() {
            return server.getLocalPort();
        }

        private void acceptForever() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    connections.add(socket);
                    Thread reader = new Thread(() -> serve(socket), "silent-service-connection");
                    reader.setDaemon(true);
                    reader.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        /** Answers liveness probes (bodiless GETs) on the connection until another request comes; then silence. */
        private static void serve(Socket socket) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))) {
                String requestLine;
                while ((requestLine = in.readLine()) != null) {
                    String line;
                    do {
                        line = in.readLine(); // the headers, up to the blank line
                    } while (line != null && !line.isEmpty());
                    if (!requestLine.startsWith("GET /q/health/live ")) {
                        break;
                    }
                    socket.getOutputStream().write(ALIVE);
                    socket.getOutputStream().flush();
                }
                in.transferTo(Writer.nullWriter()); // read on, answer nothing
            } catch (IOException e) {
                // the gateway gave up on us: that is the point
            }
        }

        @Override
        public void close() {
            try {
                server.close();
                for (Socket socket : connections) {
                    socket.close();
                }
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
