package org.ecogov.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * The local run: embedded PostgreSQL, Keycloak with the ecogov realm, then the services of the service list
 * ({@code services.yaml}, {@link ServiceList}) whose fast-jars are built, then the gateway in front of them,
 * then the demo data (through the gateway) and the demo organisation's API key; stopped in reverse order on Ctrl-C. Also hands out tokens for
 * the demo users of a running stack.
 *
 * <pre>
 * java -jar deploy/local/target/ecogov-local.jar run [--reset]
 * java -jar deploy/local/target/ecogov-local.jar token &lt;user&gt; [--password P] [--claims]
 * java -jar deploy/local/target/ecogov-local.jar token --client &lt;clientId&gt; [--secret S] [--claims]
 * </pre>
 */
public final class LocalStack implements AutoCloseable {

    private static final String PIDS_FILE = "run.pids";
    /**
     * The Quarkus profile every service and the gateway run with here: services/runtime's local-only values (the
     * embedded PostgreSQL's superuser, ...) are under it, and production never names it (deploy/production.md).
     */
    public static final String LOCAL_PROFILE = "local";

    private final LocalConfig config;
    private final Path workDir;
    private final Path logDir;
    /** What is running, last started last; stopped from the end. */
    private final Deque<Running> running = new ArrayDeque<>();
    private volatile boolean stopping;

    private EmbeddedDatabase database;
    private EmbeddedBroker broker;
    private KeycloakServer keycloak;
    /** The services of the list that were started, by name, in the list's order. */
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private ServiceProcess gateway;
    private DemoApiKey.Result demoKey;
    private DemoEmissions.Summary demoEmissions;
    private DemoEnforcement.Summary demoEnforcement;
    private DemoComplaints.Summary demoComplaints;

    private LocalStack(LocalConfig config) {
        this.config = config;
        this.workDir = config.path("ecogov.local.work-dir");
        this.logDir = workDir.resolve("logs");
    }

    public static void main(String[] args) {
        List<String> arguments = List.of(args);
        String command = arguments.isEmpty() ? "help" : arguments.get(0);
        List<String> rest = arguments.isEmpty() ? List.of() : arguments.subList(1, arguments.size());
        int status;
        try {
            status = switch (command) {
                case "run" -> runCommand(rest);
                case "token" -> tokenCommand(rest);
                case "help", "--help", "-h" -> usage(0);
                default -> usage(2);
            };
        } catch (UsageException e) {
            System.err.println("ecogov-local: " + e.getMessage());
            status = usage(2);
        } catch (RuntimeException e) {
            System.err.println("ecogov-local: " + e.getMessage());
            status = 1;
        }
        if (status != 0 || !"run".equals(command)) {
            System.exit(status);
        }
    }

    /**
     * Starts the stack as configured. {@code reset} first wipes PostgreSQL's data and Keycloak's
     * database. Whatever started is stopped again if a later step fails.
     */
    public static LocalStack start(LocalConfig config, boolean reset) {
        LocalStack stack = new LocalStack(config);
        try {
            stack.startAll(reset);
            return stack;
        } catch (RuntimeException e) {
            stack.stop();
            throw e;
        }
    }

    public EmbeddedDatabase database() {
        return database;
    }

    public EmbeddedBroker broker() {
        return broker;
    }

    public KeycloakServer keycloak() {
        return keycloak;
    }

    /** The named service of the list, if its build was there to start. */
    public Optional<ServiceProcess> service(String name) {
        return Optional.ofNullable(services.get(name));
    }

    public Optional<ServiceProcess> gateway() {
        return Optional.ofNullable(gateway);
    }

    /** Stops everything in reverse order of start, then any child process left over. Idempotent. */
    public synchronized void stop() {
        stopping = true;
        while (!running.isEmpty()) {
            Running last = running.removeLast();
            say("stopping " + last.name() + " ...");
            try {
                last.stopper().run();
            } catch (RuntimeException e) {
                System.err.println("  " + last.name() + " did not stop cleanly: " + e.getMessage());
            }
        }
        // a server whose start was under way when we were asked to stop is a child we do not know yet
        ProcessHandle.current().children().forEach(child -> ProcessSupport.terminateTree(child, Duration.ofSeconds(10)));
        try {
            Files.deleteIfExists(workDir.resolve(PIDS_FILE));
        } catch (IOException e) {
            // nothing left to stop it for
        }
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * What every service is told at start: the local profile (services/runtime: the values only a run on one machine
     * may assume), its own database on the embedded PostgreSQL and the realm whose tokens it trusts. The system tests
     * start services with the same settings.
     */
    static Map<String, String> serviceConfig(EmbeddedDatabase database, String databaseName, String realmUrl) {
        Map<String, String> properties = new LinkedHashMap<>(datasourceConfig(database, databaseName));
        properties.put("quarkus.oidc.auth-server-url", realmUrl);
        return properties;
    }

    /**
     * A server's own database: it connects as the database's service role, which can neither alter the tables nor
     * switch their triggers off; its migrations run as the database's owner (EmbeddedDatabase, deploy/database.md).
     */
    public static Map<String, String> datasourceConfig(EmbeddedDatabase database, String databaseName) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.profile", LOCAL_PROFILE);
        properties.put("quarkus.datasource.reactive.url", database.reactiveUrl(databaseName));
        properties.put("quarkus.datasource.jdbc.url", database.jdbcUrl(databaseName));
        properties.put("quarkus.datasource.username", database.serviceUser(databaseName));
        properties.put("quarkus.datasource.password", database.password());
        properties.put("quarkus.flyway.username", database.ownerUser(databaseName));
        properties.put("quarkus.flyway.password", database.password());
        return properties;
    }

    /**
     * A party's audit chain anchored with the others: its checkpoint key, the public keys of the chains it witnesses,
     * and where its own witness answers ({@code null}: nowhere; the gateway's, the registry, it knows from its routes).
     */
    static Map<String, String> auditConfig(AuditKeys keys, String party, URI witness) {
        Map<String, String> properties = new LinkedHashMap<>(keys.config(party));
        if (witness != null) {
            properties.put("quarkus.rest-client.audit-witness.url", witness.toString());
        }
        return properties;
    }

    /**
     * Each party's witness queue on the event address (services/runtime: {@code ecogov.events::audit-witness.<party>}),
     * made before any party starts so that no checkpoint of an early write passes a witness by.
     */
    static void witnessQueues(EmbeddedBroker broker, List<String> parties) {
        parties.forEach(party -> broker.ensureQueue("ecogov.events", "audit-witness." + party));
    }

    /** Where the gateway answers as the witness of the services' chains. */
    static URI gatewayWitness(URI gateway) {
        return URI.create(gateway.toString().replaceAll("/+$", "") + "/api/v1/gateway");
    }

    /**
     * A service behind the gateway: {@link #serviceConfig} plus the gateway's public key, with which it
     * verifies the tokens the gateway signs for API-key requests ({@code null}: realm tokens only).
     */
    static Map<String, String> serviceConfig(EmbeddedDatabase database, String databaseName, String realmUrl,
                                             String gatewayPublicKey) {
        Map<String, String> properties = serviceConfig(database, databaseName, realmUrl);
        if (gatewayPublicKey != null) {
            properties.put("ecogov.gateway.public-key", gatewayPublicKey);
        }
        return properties;
    }

    /**
     * What the gateway is told at start: its own database, the realm, where each service answers (by the name
     * the service list gives it) and the private key it signs API-key requests with. Which paths each service
     * owns the gateway knows from its build (api-specs derives them from the specs). The system tests start it
     * with the same settings.
     */
    static Map<String, String> gatewayConfig(EmbeddedDatabase database, String databaseName, String realmUrl,
                                             Map<String, URI> serviceUrls, Path signingKeyFile) {
        Map<String, String> properties = serviceConfig(database, databaseName, realmUrl);
        serviceUrls.forEach((name, url) -> properties.put("ecogov.gateway.services." + name + ".url", url.toString()));
        properties.put("ecogov.gateway.token.signing-key-file", signingKeyFile.toString());
        return properties;
    }

    /**
     * The databases of one PostgreSQL for the whole stack: each listed service's and the gateway's.
     */
    static List<String> databases(List<ServiceList.Service> list, String gatewayDatabase) {
        List<String> names = new ArrayList<>();
        list.forEach(service -> names.add(service.database()));
        names.add(gatewayDatabase);
        return names;
    }

    private void startAll(boolean reset) {
        long started = System.nanoTime();
        List<ServiceList.Service> list = ServiceList.read(config.repositoryRoot());
        Path pgData = workDir.resolve("pgdata");
        Path keycloakState = workDir.resolve("keycloak");
        Path keys = workDir.resolve("keys");
        stopLeftoversOfEarlierRun();
        if (reset) {
            say("--reset: wiping " + pgData + ", " + keycloakState + " and " + keys);
            ProcessSupport.deleteTree(pgData);
            ProcessSupport.deleteTree(keycloakState);
            ProcessSupport.deleteTree(keys);
            ProcessSupport.deleteTree(workDir.resolve("broker"));
        }

        say("starting PostgreSQL on 127.0.0.1:" + config.port("ecogov.postgres.port") + " ...");
        database = EmbeddedDatabase.builder()
                .port(config.port("ecogov.postgres.port"))
                .dataDirectory(pgData)
                .runtimeDirectory(workDir.resolve("postgres-runtime"))
                .logFile(logDir.resolve("postgres.log"))
                .password(config.get("ecogov.postgres.password"))
                .databases(databases(list, config.get("ecogov.gateway.database")))
                .stopOnJvmExit(false)
                .start();
        running.add(new Running("PostgreSQL", database::stop));
        recordPid("postgres", postmasterPid(pgData));
        say(String.format(Locale.ROOT, "  PostgreSQL ready in %.1f s", seconds(database.startupTime())));

        broker = EmbeddedBroker.start(config.port("ecogov.broker.port"), workDir.resolve("broker"));
        running.add(new Running("broker", broker::stop));
        say(String.format(Locale.ROOT, "broker (Artemis, AMQP 1.0) on 127.0.0.1:%d ready in %.1f s", broker.port(),
                seconds(broker.startupTime())));

        say("starting Keycloak on 127.0.0.1:" + config.port("ecogov.keycloak.port")
                + " (the first start after a build configures Keycloak: ~40 s; later ~10 s) ...");
        keycloak = KeycloakServer.builder()
                .home(config.path("ecogov.keycloak.home"))
                .realmFile(config.path("ecogov.keycloak.realm-file"))
                .stateDirectory(keycloakState)
                .logFile(logDir.resolve("keycloak.log"))
                .httpPort(config.port("ecogov.keycloak.port"))
                .managementPort(config.port("ecogov.keycloak.management-port"))
                .heap(config.get("ecogov.keycloak.heap"))
                .startupTimeout(config.duration("ecogov.keycloak.startup-timeout"))
                .bootstrapAdmin(config.get("ecogov.keycloak.bootstrap-admin.username"),
                        config.get("ecogov.keycloak.bootstrap-admin.password"))
                .start();
        running.add(new Running("Keycloak", keycloak::stop));
        recordPid("keycloak", Optional.of(keycloak.pid()));
        say(String.format(Locale.ROOT, "  Keycloak ready in %.1f s (%s)", seconds(keycloak.startupTime()),
                keycloak.freshImport() ? "realm imported" : "realm kept from the last run"));

        Path gatewayJar = config.path("ecogov.gateway.app");
        GatewaySigningKey signingKey = null;
        if (Files.isRegularFile(gatewayJar)) {
            signingKey = GatewaySigningKey.loadOrGenerate(keys);
            say((signingKey.generated() ? "made the gateway's signing key (RSA 2048): " : "gateway's signing key: ")
                    + config.repositoryRoot().relativize(signingKey.privateKeyFile()));
        }
        String realmUrl = keycloak.realmUrl().toString();
        // every party signs the checkpoints of its audit chain and witnesses the others' (services/runtime)
        List<String> parties = new ArrayList<>(list.stream().map(ServiceList.Service::name).toList());
        parties.add("gateway");
        AuditKeys auditKeys = AuditKeys.loadOrGenerate(keys, parties);
        witnessQueues(broker, parties);
        URI gatewayUrl = URI.create("http://127.0.0.1:" + config.port("ecogov.gateway.port"));

        Map<String, URI> serviceUrls = new LinkedHashMap<>();
        for (ServiceList.Service listed : list) {
            String name = listed.name();
            Path jar = listed.app(config.repositoryRoot());
            int port = servicePort(listed);
            serviceUrls.put(name, listed.localUrl(port));
            if (!Files.isRegularFile(jar)) {
                say(name + ": no build at " + config.repositoryRoot().relativize(jar)
                        + " - not started (build: ./mvnw -B install -DskipTests)");
                continue;
            }
            say("starting " + name + " on 127.0.0.1:" + port + " ...");
            ServiceProcess service = ServiceProcess.builder(name, jar)
                    .port(port)
                    .managementPort(managementPort(port))
                    .systemProperties(serviceConfig(database, listed.database(), realmUrl,
                            signingKey == null ? null : signingKey.publicKeyBase64()))
                    .systemProperties(broker.clientConfig())
                    .systemProperties(auditConfig(auditKeys, name, signingKey == null ? null : gatewayWitness(gatewayUrl)))
                    .jvmOptions(config.list("ecogov.services.jvm-options"))
                    .logFile(logDir.resolve(name + ".log"))
                    .startupTimeout(config.duration("ecogov.services.startup-timeout"))
                    .stopTimeout(config.duration("ecogov.services.stop-timeout"))
                    .start();
            services.put(name, service);
            running.add(new Running(name, service::stop));
            recordPid(name, Optional.of(service.pid()));
            say(String.format(Locale.ROOT, "  %s ready in %.1f s", name, seconds(service.startupTime())));
        }
        ServiceProcess registry = services.get(DemoData.SERVICE);
        if (registry == null) {
            say(DemoData.SERVICE + " not started: no demo data");
        }

        if (signingKey != null) {
            say("starting gateway on 127.0.0.1:" + config.port("ecogov.gateway.port") + " ...");
            gateway = ServiceProcess.builder("gateway", gatewayJar)
                    .port(config.port("ecogov.gateway.port"))
                    .managementPort(managementPort(config.port("ecogov.gateway.port")))
                    .systemProperties(gatewayConfig(database, config.get("ecogov.gateway.database"), realmUrl,
                            serviceUrls, signingKey.privateKeyFile()))
                    .systemProperties(broker.clientConfig())
                    .systemProperties(auditConfig(auditKeys, "gateway", null))
                    .jvmOptions(config.list("ecogov.services.jvm-options"))
                    .logFile(logDir.resolve("gateway.log"))
                    .startupTimeout(config.duration("ecogov.services.startup-timeout"))
                    .stopTimeout(config.duration("ecogov.services.stop-timeout"))
                    .start();
            running.add(new Running("gateway", gateway::stop));
            recordPid("gateway", Optional.of(gateway.pid()));
            say(String.format(Locale.ROOT, "  gateway ready in %.1f s", seconds(gateway.startupTime())));
        } else {
            say("gateway: no build at " + config.repositoryRoot().relativize(gatewayJar)
                    + " - not started, no API key (build: ./mvnw -B install -DskipTests)");
        }

        Tokens tokens = Tokens.forLocalStack(keycloak.realmUrl(), config);
        Supplier<String> admin = () -> tokens.login(config.get("ecogov.demo.admin-user"),
                config.get("ecogov.demo.password")).value();
        if (registry != null) {
            // through the one door when it is there, as every client calls
            ServiceProcess door = gateway != null ? gateway : registry;
            say("loading demo data through the " + door.name() + " ...");
            DemoData.Summary demo = new DemoData().load(door.baseUrl(), admin);
            say(String.format(Locale.ROOT, "  demo park: %d divisions, %d agencies, %d matrix entries, %d enterprises, %d outlets, %d permits",
                    demo.divisions(), demo.agencies(), demo.responsibilities(), demo.enterprises(), demo.outlets(), demo.permits()));
            if (services.containsKey(DemoEmissions.SERVICE)) {
                long loading = System.nanoTime();
                demoEmissions = new DemoEmissions(java.time.Period.parse(config.get("ecogov.demo.emissions.window")))
                        .load(door.baseUrl(), admin, Instant.now());
                say(String.format(Locale.ROOT, "  demo emissions: %,d hourly values of %d outlets from %s to %s (%,d stored now, %d of %d"
                                + " weekly batches already sent whole), %d exceedance episodes, silent since day %d: %s %s (%.1f s)",
                        demoEmissions.values(), demoEmissions.outlets(), demoEmissions.from(), demoEmissions.to(),
                        demoEmissions.stored(), demoEmissions.replayed(), demoEmissions.batches(),
                        demoEmissions.exceedanceEpisodes(), DemoEmissions.SILENT_AFTER_DAY, DemoEmissions.SILENT_ENTERPRISE,
                        DemoEmissions.SILENT_OUTLET, seconds(Duration.ofNanos(System.nanoTime() - loading))));
            }
            if (services.containsKey(DemoEnforcement.SERVICE)) {
                long loading = System.nanoTime();
                demoEnforcement = new DemoEnforcement().load(door.baseUrl(),
                        user -> tokens.login(user, config.get("ecogov.demo.password")).value());
                say(String.format(Locale.ROOT, "  demo enforcement: a random plan of %s (%d random inspections%s), case %s at %s: %s (%.1f s)",
                        DemoEnforcement.JURISDICTION, demoEnforcement.randomInspections(),
                        demoEnforcement.planDrawn() ? ", drawn now" : "", demoEnforcement.caseId(), DemoEnforcement.ENTERPRISE,
                        demoEnforcement.penaltyArithmetic(), seconds(Duration.ofNanos(System.nanoTime() - loading))));
            }
            if (services.containsKey(DemoComplaints.SERVICE) && gateway != null) {
                long loading = System.nanoTime();
                demoComplaints = new DemoComplaints().load(gateway.baseUrl(), admin,
                        user -> tokens.login(user, config.get("ecogov.demo.password")).value());
                say(String.format(Locale.ROOT, "  demo complaints: %d overdue, 1 transferred %d times (escalating), %d odour"
                                + " complaints in one matter (%d filed now, %d transfers now) (%.1f s)",
                        demoComplaints.overdue().size(), demoComplaints.bouncedTransfers(), demoComplaints.cluster().size(),
                        demoComplaints.filedNow(), demoComplaints.transfersNow(),
                        seconds(Duration.ofNanos(System.nanoTime() - loading))));
            }
        }
        if (gateway != null) {
            say("issuing the demo API key through the gateway ...");
            demoKey = new DemoApiKey(config).issue(new GatewayApiKeys(gateway.baseUrl(), admin));
            say("  " + demoKey.request().organisation() + ": " + demoKey.issued().id()
                    + (demoKey.revoked() > 0 ? " (the demo key of the last start revoked)" : ""));
        }
        say(String.format(Locale.ROOT, "everything up in %.1f s", seconds(Duration.ofNanos(System.nanoTime() - started))));
    }

    /** The management interface's port (metrics) of a server on {@code port}: a fixed offset above it. */
    private int managementPort(int port) {
        return port + Integer.parseInt(config.get("ecogov.services.management-port-offset"));
    }

    /** The service's port in the list, or {@code -Decogov.services.<name>.port} where one is given. */
    private int servicePort(ServiceList.Service service) {
        String key = "ecogov.services." + service.name() + ".port";
        return System.getProperty(key) != null ? config.port(key) : service.port();
    }

    private static int runCommand(List<String> args) {
        boolean reset = false;
        for (String arg : args) {
            if ("--reset".equals(arg)) {
                reset = true;
            } else {
                throw new UsageException("run: unknown option " + arg);
            }
        }
        LocalStack stack = new LocalStack(LocalConfig.load());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!stack.running.isEmpty()) {
                System.out.println();
                say("shutting down");
            }
            stack.stop();
            stopped.countDown();
            say("stopped");
        }, "ecogov-local-shutdown"));
        try {
            stack.startAll(reset);
        } catch (RuntimeException e) {
            if (!stack.stopping) {
                System.err.println("\necogov-local: could not start the stack:\n" + e.getMessage());
            }
            return 1;
        }
        stack.printSummary();
        stack.watchUntilStopped(stopped);
        return 0;
    }

    /** Says so when a server dies under us; Ctrl-C (the shutdown hook) ends the wait. */
    private void watchUntilStopped(CountDownLatch stopped) {
        List<String> reported = new ArrayList<>();
        try {
            while (!stopped.await(2, java.util.concurrent.TimeUnit.SECONDS)) {
                check("Keycloak", keycloak != null && !keycloak.isAlive(), keycloak == null ? null : keycloak.logFile(), reported);
                services.forEach((name, service) -> check(name, !service.isAlive(), service.logFile(), reported));
                check("gateway", gateway != null && !gateway.isAlive(), gateway == null ? null : gateway.logFile(), reported);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void check(String name, boolean died, Path log, List<String> reported) {
        if (died && !stopping && !reported.contains(name)) {
            reported.add(name);
            System.err.println("ecogov-local: " + name + " has exited unexpectedly. Last lines of " + log + ":\n"
                    + ProcessSupport.tail(log, 20));
        }
    }

    private void printSummary() {
        Path root = config.repositoryRoot();
        RealmFile realm = RealmFile.read(config.path("ecogov.keycloak.realm-file"));
        String jar = launcherJar();
        List<ServiceList.Service> list = ServiceList.read(root);
        ServiceProcess registry = services.get(DemoData.SERVICE);
        String db = list.stream().filter(service -> service.name().equals(DemoData.SERVICE)).findFirst()
                .orElse(list.get(0)).database();
        // every client calls the gateway; without a gateway build, the registry directly
        URI api = gateway != null ? gateway.baseUrl() : registry != null ? registry.baseUrl() : null;
        String uscc = config.get("ecogov.demo.example-enterprise");
        StringBuilder out = new StringBuilder("\n");
        out.append("ecogov local stack is running\n\n");
        if (gateway != null) {
            URI url = gateway.baseUrl();
            out.append(String.format("  gateway     %s   the one entry for every client: %s/api/v1/...%n", url, url));
            out.append(String.format("              API docs  %s/q/swagger-ui%n", url));
            out.append(String.format("              OpenAPI   %s/q/openapi   (every service's contract in one document)%n", url));
            out.append(String.format("              health    %s/q/health    (with each service's reachability)%n", url));
            out.append(String.format("              metrics   %s/q/metrics   (Prometheus; management interface, loopback only)%n",
                    gateway.managementUrl()));
        } else {
            out.append("  gateway     not built, not started\n");
        }
        for (ServiceList.Service listed : list) {
            ServiceProcess service = services.get(listed.name());
            out.append(service != null
                    ? String.format("  %-11s %s   internal, behind the gateway (ready: %s/q/health/ready, metrics: %s/q/metrics)%n",
                            listed.name(), service.baseUrl(), service.baseUrl(), service.managementUrl())
                    : String.format("  %-11s not built, not started%n", listed.name()));
        }
        out.append(String.format("  Keycloak    %s   realm %s   issuer %s%n", keycloak.baseUrl(), keycloak.realm(), keycloak.realmUrl()));
        out.append(String.format("              admin console %s/admin (master realm: %s / %s)%n", keycloak.baseUrl(),
                config.get("ecogov.keycloak.bootstrap-admin.username"), config.get("ecogov.keycloak.bootstrap-admin.password")));
        out.append(String.format("  PostgreSQL  127.0.0.1:%d  user %s / password %s  databases %s%n",
                database.port(), database.user(), database.password(), String.join(", ", databases(list, config.get("ecogov.gateway.database")))));
        out.append(String.format("              %s   (reactive: %s)%n", database.jdbcUrl(db), database.reactiveUrl(db)));
        out.append(String.format("  broker      amqp://127.0.0.1:%d   Artemis, AMQP 1.0; the services' events on address ecogov.events%n",
                broker.port()));

        out.append("\nDemo logins (realm ").append(realm.realmName()).append(", local only):\n");
        out.append(String.format("  %-15s %-9s %-20s %-14s %-13s %s%n", "user", "password", "role", "agency", "jurisdiction", "uscc"));
        for (RealmFile.DemoUser user : realm.users()) {
            out.append(String.format("  %-15s %-9s %-20s %-14s %-13s %s%n", user.username(), user.password(),
                    String.join(",", user.roles()), user.agency().orElse("-"), user.jurisdiction().orElse("-"),
                    user.uscc().orElse("-")));
        }
        out.append(String.format("  machine client dept-eeb / secret %s (client credentials: agency-officer, EEB-341702, 341702)%n",
                config.clientSecret("dept-eeb")));

        if (demoEmissions != null || demoEnforcement != null || demoComplaints != null) {
            out.append(String.format(Locale.ROOT, "%nDemo data beyond the registry's park (loaded through the services' APIs, again at every start):%n"));
        }
        if (demoEmissions != null) {
            out.append(String.format(Locale.ROOT, "  emissions: %,d hourly values of %d outlets, %s to %s; %d exceedance episodes;"
                            + " silent device %s of %s since %s%n", demoEmissions.values(), demoEmissions.outlets(),
                    demoEmissions.from(), demoEmissions.to(), demoEmissions.exceedanceEpisodes(), DemoEmissions.SILENT_OUTLET,
                    DemoEmissions.SILENT_ENTERPRISE, demoEmissions.from().plus(Duration.ofDays(DemoEmissions.SILENT_AFTER_DAY))));
        }
        if (demoEnforcement != null) {
            out.append(String.format(Locale.ROOT, "  enforcement: a random inspection plan of %s drawn (%d random inspections);"
                            + " case %s at %s: fine, rectification order, daily continuing penalty %s%n",
                    DemoEnforcement.JURISDICTION, demoEnforcement.randomInspections(), demoEnforcement.caseId(),
                    DemoEnforcement.ENTERPRISE, demoEnforcement.penaltyArithmetic()));
        }
        if (demoComplaints != null) {
            out.append(String.format(Locale.ROOT, "  complaints: %d hotline calls of %d days ago, overdue with %s"
                            + " (GET /api/v1/complaints?under=341702&overdue=true); one noise complaint passed %s -> %s -> %s,"
                            + " escalated by the scheduler within a minute (complaint %s, its ledger at .../custody);"
                            + " %d odour complaints near %s's smelter, one matter of %s (matter %s, %d complainants)%n",
                    demoComplaints.overdue().size(), DemoComplaints.OVERDUE_DAYS_AGO, DemoComplaints.EEB,
                    DemoComplaints.WUSHA_TOWN, DemoComplaints.EEB, DemoComplaints.WUSHA_TOWN, demoComplaints.bounced(),
                    demoComplaints.cluster().size(), DemoComplaints.SMELTER, DemoComplaints.PARK_COMMITTEE,
                    demoComplaints.clusterMatter(), demoComplaints.clusterComplainants()));
        }
        if (demoKey != null) {
            GatewayApiKeys.Request key = demoKey.request();
            String secret = demoKey.issued().key();
            out.append(String.format("%nDemo API key of %s (%s), local only; a fresh one is issued at every start:%n",
                    key.organisation(), key.organisationName()));
            out.append("  ").append(secret).append('\n');
            out.append(String.format("  scopes %s; %d requests per %d s; expires %s%n", String.join(", ", key.scopes()),
                    key.requests(), key.windowSeconds(), GatewayApiKeys.rfc3339(key.expiresAt())));
            out.append("  curl -s -H 'X-API-Key: ").append(secret).append("' ")
                    .append(api).append("/api/v1/enterprises/").append(uscc).append("/profile\n");
            out.append("  curl -s -H 'X-API-Key: ").append(secret).append("' '")
                    .append(api).append(config.get("ecogov.demo.example-path")).append("?limit=5'\n");
        }

        out.append("\nTokens and a call").append(gateway != null ? " through the gateway" : "").append(":\n");
        out.append("  TOKEN=$(java -jar ").append(jar).append(" token eeb.officer)\n");
        if (api != null) {
            out.append("  curl -s -H \"Authorization: Bearer $TOKEN\" ").append(api)
                    .append(config.get("ecogov.demo.example-path")).append('\n');
            if (gateway != null) {
                out.append("  curl -s -H \"Authorization: Bearer $TOKEN\" ").append(api)
                        .append("/api/v1/enterprises/").append(uscc).append("/profile\n");
            }
        }
        out.append("  curl -s -H \"Authorization: Bearer $TOKEN\" ").append(keycloak.realmUrl()).append("/protocol/openid-connect/userinfo\n");
        out.append("  java -jar ").append(jar).append(" token --client dept-eeb\n");

        List<String> logs = new ArrayList<>(List.of("postgres.log", "keycloak.log"));
        services.keySet().forEach(name -> logs.add(name + ".log"));
        if (gateway != null) {
            logs.add("gateway.log");
        }
        out.append("\nLogs in ").append(root.relativize(logDir)).append("/ (").append(String.join(", ", logs)).append(")\n");
        out.append("Ctrl-C stops everything. deploy/local/run --reset starts with empty databases and a new signing key.\n");
        System.out.println(out);
    }

    private static int tokenCommand(List<String> args) {
        String user = null;
        String client = null;
        String password = null;
        String secret = null;
        boolean claims = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--client" -> client = value(args, ++i, arg);
                case "--password" -> password = value(args, ++i, arg);
                case "--secret" -> secret = value(args, ++i, arg);
                case "--claims" -> claims = true;
                default -> {
                    if (arg.startsWith("-") || user != null) {
                        throw new UsageException("token: unexpected " + arg);
                    }
                    user = arg;
                }
            }
        }
        if ((user == null) == (client == null)) {
            throw new UsageException("token: name a demo user or --client <clientId>");
        }
        LocalConfig config = LocalConfig.load();
        RealmFile realm = RealmFile.read(config.path("ecogov.keycloak.realm-file"));
        URI realmUrl = URI.create("http://127.0.0.1:" + config.port("ecogov.keycloak.port") + "/realms/" + realm.realmName());
        Tokens tokens = Tokens.forLocalStack(realmUrl, config);
        Tokens.AccessToken token = client != null
                ? tokens.clientCredentials(client, secret != null ? secret : config.clientSecret(client))
                : tokens.login(user, password != null ? password : config.get("ecogov.demo.password"));
        System.out.println(claims ? prettyClaims(token) : token.value());
        return 0;
    }

    private static String prettyClaims(Tokens.AccessToken token) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(token.claims());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return token.claims().toString();
        }
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(index);
    }

    private static int usage(int status) {
        (status == 0 ? System.out : System.err).println("""
                usage: java -jar deploy/local/target/ecogov-local.jar <command>

                  run [--reset]            start PostgreSQL, Keycloak, the built services, the gateway, the
                                           demo data and a demo API key; Ctrl-C stops them. --reset wipes
                                           the databases and the gateway's signing key first.
                  token <user> [--password P] [--claims]
                                           an access token for a demo user (password: demo) from the
                                           running local Keycloak; --claims prints its claims instead
                  token --client <clientId> [--secret S] [--claims]
                                           a client-credentials token (e.g. --client dept-eeb)

                Ports, paths and local secrets: ecogov-local.properties in the jar, each key
                overridable with -D<key>=<value> (e.g. -Decogov.keycloak.port=8280).""");
        return status;
    }

    /** Leftovers of a launcher that was killed without its shutdown hook running. */
    private void stopLeftoversOfEarlierRun() {
        Path pids = workDir.resolve(PIDS_FILE);
        if (!Files.isRegularFile(pids)) {
            return;
        }
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(pids, StandardCharsets.UTF_8));
            java.util.Collections.reverse(lines); // last started, first stopped
            for (String line : lines) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length != 3) {
                    continue;
                }
                long pid = Long.parseLong(fields[1]);
                Instant startedAt = Instant.parse(fields[2]);
                ProcessHandle.of(pid)
                        .filter(p -> p.info().startInstant().map(startedAt::equals).orElse(false))
                        .ifPresent(p -> {
                            say("stopping " + fields[0] + " (pid " + pid + ") left running by an earlier run");
                            ProcessSupport.terminateTree(p, Duration.ofSeconds(15));
                        });
            }
            Files.delete(pids);
        } catch (IOException | RuntimeException e) {
            say("could not read " + pids + " (" + e.getMessage() + "); ignoring it");
        }
    }

    private void recordPid(String name, Optional<Long> pid) {
        pid.flatMap(ProcessHandle::of).ifPresent(process -> process.info().startInstant().ifPresent(startedAt -> {
            try {
                Files.createDirectories(workDir);
                Files.writeString(workDir.resolve(PIDS_FILE), name + " " + process.pid() + " " + startedAt + "\n",
                        StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + workDir.resolve(PIDS_FILE), e);
            }
        }));
    }

    /** The postmaster's pid, the first line of postmaster.pid. */
    private static Optional<Long> postmasterPid(Path pgData) {
        try {
            List<String> lines = Files.readAllLines(pgData.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String launcherJar() {
        try {
            var source = LocalStack.class.getProtectionDomain().getCodeSource();
            Path location = Path.of(source.getLocation().toURI());
            if (location.toString().endsWith(".jar")) {
                return location.toString();
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through to the documented path
        }
        return "deploy/local/target/ecogov-local.jar";
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static void say(String message) {
        System.out.println("[ecogov-local] " + message);
    }

    private record Running(String name, Runnable stopper) {
    }

    private static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
