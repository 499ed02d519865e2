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

/**
 * The local run: embedded PostgreSQL, Keycloak with the ecogov realm, then the services whose
 * fast-jars are built, then the demo data; stopped in reverse order on Ctrl-C. Also hands out
 * tokens for the demo users of a running stack.
 *
 * <pre>
 * java -jar deploy/local/target/ecogov-local.jar run [--reset]
 * java -jar deploy/local/target/ecogov-local.jar token &lt;user&gt; [--password P] [--claims]
 * java -jar deploy/local/target/ecogov-local.jar token --client &lt;clientId&gt; [--secret S] [--claims]
 * </pre>
 */
public final class LocalStack implements AutoCloseable {

    private static final String PIDS_FILE = "run.pids";

    private final LocalConfig config;
    private final Path workDir;
    private final Path logDir;
    /** What is running, last started last; stopped from the end. */
    private final Deque<Running> running = new ArrayDeque<>();
    private volatile boolean stopping;

    private EmbeddedDatabase database;
    private KeycloakServer keycloak;
    private ServiceProcess registry;

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

    public KeycloakServer keycloak() {
        return keycloak;
    }

    public Optional<ServiceProcess> registry() {
        return Optional.ofNullable(registry);
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
     * What every service is told at start: its own database on the embedded PostgreSQL and the realm
     * whose tokens it trusts. The system tests start services with the same settings.
     */
    static Map<String, String> serviceConfig(EmbeddedDatabase database, String databaseName, String realmUrl) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.datasource.reactive.url", database.reactiveUrl(databaseName));
        properties.put("quarkus.datasource.jdbc.url", database.jdbcUrl(databaseName));
        properties.put("quarkus.datasource.username", database.user());
        properties.put("quarkus.datasource.password", database.password());
        properties.put("quarkus.oidc.auth-server-url", realmUrl);
        return properties;
    }

    private void startAll(boolean reset) {
        long started = System.nanoTime();
        Path pgData = workDir.resolve("pgdata");
        Path keycloakState = workDir.resolve("keycloak");
        stopLeftoversOfEarlierRun();
        if (reset) {
            say("--reset: wiping " + pgData + " and " + keycloakState);
            ProcessSupport.deleteTree(pgData);
            ProcessSupport.deleteTree(keycloakState);
        }

        say("starting PostgreSQL on 127.0.0.1:" + config.port("ecogov.postgres.port") + " ...");
        database = EmbeddedDatabase.builder()
                .port(config.port("ecogov.postgres.port"))
                .dataDirectory(pgData)
                .runtimeDirectory(workDir.resolve("postgres-runtime"))
                .logFile(logDir.resolve("postgres.log"))
                .password(config.get("ecogov.postgres.password"))
                .databases(config.list("ecogov.postgres.databases"))
                .stopOnJvmExit(false)
                .start();
        running.add(new Running("PostgreSQL", database::stop));
        recordPid("postgres", postmasterPid(pgData));
        say(String.format(Locale.ROOT, "  PostgreSQL ready in %.1f s", seconds(database.startupTime())));

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

        Path registryJar = config.path("ecogov.registry.app");
        if (Files.isRegularFile(registryJar)) {
            say("starting registry on 127.0.0.1:" + config.port("ecogov.registry.port") + " ...");
            registry = ServiceProcess.builder("registry", registryJar)
                    .port(config.port("ecogov.registry.port"))
                    .systemProperties(serviceConfig(database, config.get("ecogov.registry.database"),
                            keycloak.realmUrl().toString()))
                    .jvmOptions(config.list("ecogov.services.jvm-options"))
                    .logFile(logDir.resolve("registry.log"))
                    .startupTimeout(config.duration("ecogov.services.startup-timeout"))
                    .stopTimeout(config.duration("ecogov.services.stop-timeout"))
                    .start();
            running.add(new Running("registry", registry::stop));
            recordPid("registry", Optional.of(registry.pid()));
            say(String.format(Locale.ROOT, "  registry ready in %.1f s", seconds(registry.startupTime())));

            say("loading demo data ...");
            Tokens tokens = Tokens.forLocalStack(keycloak.realmUrl(), config);
            DemoData.Summary demo = new DemoData().load(registry.baseUrl(), () -> tokens.login(
                    config.get("ecogov.demo.admin-user"), config.get("ecogov.demo.password")).value());
            say(String.format(Locale.ROOT, "  demo park: %d divisions, %d agencies, %d matrix entries, %d enterprises, %d outlets, %d permits",
                    demo.divisions(), demo.agencies(), demo.responsibilities(), demo.enterprises(), demo.outlets(), demo.permits()));
        } else {
            say("registry: no build at " + config.repositoryRoot().relativize(registryJar)
                    + " - not started, no demo data (build: ./mvnw -B install -DskipTests)");
        }
        say(String.format(Locale.ROOT, "everything up in %.1f s", seconds(Duration.ofNanos(System.nanoTime() - started))));
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
                check("registry", registry != null && !registry.isAlive(), registry == null ? null : registry.logFile(), reported);
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
        String db = config.get("ecogov.registry.database");
        StringBuilder out = new StringBuilder("\n");
        out.append("ecogov local stack is running\n\n");
        out.append(String.format("  PostgreSQL  127.0.0.1:%d  user %s / password %s  databases %s%n",
                database.port(), database.user(), database.password(), String.join(", ", config.list("ecogov.postgres.databases"))));
        out.append(String.format("              %s   (reactive: %s)%n", database.jdbcUrl(db), database.reactiveUrl(db)));
        out.append(String.format("  Keycloak    %s   realm %s   issuer %s%n", keycloak.baseUrl(), keycloak.realm(), keycloak.realmUrl()));
        out.append(String.format("              admin console %s/admin (master realm: %s / %s)%n", keycloak.baseUrl(),
                config.get("ecogov.keycloak.bootstrap-admin.username"), config.get("ecogov.keycloak.bootstrap-admin.password")));
        if (registry != null) {
            out.append(String.format("  registry    %s   (ready: %s/q/health/ready)%n", registry.baseUrl(), registry.baseUrl()));
        } else {
            out.append("  registry    not built, not started\n");
        }
        out.append("\nDemo logins (realm ").append(realm.realmName()).append(", local only):\n");
        out.append(String.format("  %-15s %-9s %-20s %-14s %-13s %s%n", "user", "password", "role", "agency", "jurisdiction", "uscc"));
        for (RealmFile.DemoUser user : realm.users()) {
            out.append(String.format("  %-15s %-9s %-20s %-14s %-13s %s%n", user.username(), user.password(),
                    String.join(",", user.roles()), user.agency().orElse("-"), user.jurisdiction().orElse("-"),
                    user.uscc().orElse("-")));
        }
        out.append(String.format("  machine client dept-eeb / secret %s (client credentials: agency-officer, EEB-341702, 341702)%n",
                config.clientSecret("dept-eeb")));
        out.append("\nTokens and a call:\n");
        out.append("  TOKEN=$(java -jar ").append(jar).append(" token eeb.officer)\n");
        out.append("  curl -s -H \"Authorization: Bearer $TOKEN\" ").append(keycloak.realmUrl()).append("/protocol/openid-connect/userinfo\n");
        if (registry != null) {
            out.append("  curl -s -H \"Authorization: Bearer $TOKEN\" ").append(registry.baseUrl())
                    .append(config.get("ecogov.registry.example-path")).append('\n');
        }
        out.append("  java -jar ").append(jar).append(" token --client dept-eeb\n");
        out.append("\nLogs in ").append(root.relativize(logDir)).append("/ (postgres.log, keycloak.log, registry.log)\n");
        out.append("Ctrl-C stops everything. deploy/local/run --reset starts with empty databases.\n");
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

                  run [--reset]            start PostgreSQL, Keycloak, the built services and the demo data;
                                           Ctrl-C stops them. --reset wipes the databases first.
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
