package org.ecogov.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.management.JMException;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The real registry behind a service under test: the registry's own application (its fast-jar, built earlier in the
 * reactor, {@code services/registry/target/quarkus-app/quarkus-run.jar}) run as a child process on a free port, with
 * its own embedded PostgreSQL and database (migrated by its own Flyway), verifying the same {@link TestTokens} the
 * service under test does, and loaded through its API with the records a test needs. The service under test reaches
 * it as it reaches the registry in a deployment: through its generated client, with its own identity, which it gets
 * from {@link TestTokenEndpoint} by client credentials (roles {@value #DEFAULT_SERVICE_ROLES} unless the
 * {@value #SERVICE_ROLES_ARG} arg says otherwise).
 * <pre>{@code
 * @WithTestResource(value = RegistryTestResource.class,
 *         initArgs = @ResourceArg(name = RegistryTestResource.SEED_ARG, value = "/registry-seed.json"))
 * class IntakeTest {
 *     RegistryTestResource.seed().enterprise(...);   // more records, through the API
 *     RegistryTestResource.stopRegistry();           // the registry goes away (connection refused) ...
 *     RegistryTestResource.startRegistry();          // ... and comes back on the same port, with its data
 * }
 * }</pre>
 * The seed is a class-path JSON document shaped like deploy/local's demo park ({@code divisions}, {@code agencies},
 * {@code responsibilities}, {@code enterprises} with their {@code outlets}, {@code permits} and {@code status}), see
 * {@link RegistrySeed}. The resource sets {@code quarkus.rest-client.registry.url}, the {@code service} OIDC client
 * ({@code quarkus.oidc-client.service.*}, discovery off, token path {@value TestTokenEndpoint#PATH}) and
 * {@code ecogov.service.client-secret}, and makes the registry client fail at once when the registry is down (no retry,
 * no breaker opening). The registry's events wait in its outbox (no broker is given to it); its log is
 * {@code target/registry-under-test/registry-<id>.log} of the tested module.
 * <p>
 * The application is found at the system property {@value #APP_PROPERTY} if set, else by walking up from the tested
 * module to the repository's {@code services/registry}. A module using this resource declares a test-scoped
 * dependency on the registry's pom ({@code <type>pom</type>}), so that the reactor builds the registry first.
 */
public class RegistryTestResource implements QuarkusTestResourceLifecycleManager {

    /** Init arg: a class-path resource with the registry records to load at start (optional). */
    public static final String SEED_ARG = "seed";
    /** Init arg: the realm roles of the service's own identity, comma-separated. */
    public static final String SERVICE_ROLES_ARG = "serviceRoles";
    public static final String DEFAULT_SERVICE_ROLES = "registry-reader";
    /** The client secret the service under test is given and the token endpoint expects. */
    public static final String CLIENT_SECRET = "test-client-secret";
    /** System property: where the registry's fast-jar is, overriding the search from the tested module. */
    public static final String APP_PROPERTY = "ecogov.testing.registry.app";

    /** Where a test finds the running registry; see {@link PostgresTestResource} on why not a static field. */
    static final String URL_PROPERTY = "ecogov.testing.registry.url";
    private static final String SWITCH_NAME = "org.ecogov.testing:type=RegistrySwitch";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    /** The switch a test flips from its own class loader, as a standard MBean. */
    public interface RegistrySwitchMBean {
        void stopRegistry();

        void startRegistry();

        int getTokensIssued();
    }

    private String seedResource;
    private List<String> serviceRoles = List.of(DEFAULT_SERVICE_ROLES);
    private EmbeddedPostgres postgres;
    private TestTokenEndpoint tokens;
    private Path logFile;
    private Path app;
    private final Map<String, String> registryProperties = new LinkedHashMap<>();
    private Process registry;
    private Thread reaper;

    @Override
    public void init(Map<String, String> initArgs) {
        seedResource = initArgs.getOrDefault(SEED_ARG, defaultSeed());
        String roles = initArgs.get(SERVICE_ROLES_ARG);
        if (roles != null) {
            serviceRoles = Arrays.stream(roles.split(",")).map(String::trim).filter(role -> !role.isEmpty()).toList();
        }
    }

    @Override
    public Map<String, String> start() {
        Path app = application();
        postgres = PostgresTestResource.startServer();
        PostgresTestResource.createDatabase(postgres, "registry");
        tokens = TestTokenEndpoint.start(CLIENT_SECRET, serviceRoles);
        int port = freePort();
        String database = "//localhost:" + postgres.getPort() + "/registry";
        registryProperties.put("quarkus.http.port", Integer.toString(port));
        registryProperties.put("quarkus.http.host", "127.0.0.1");
        registryProperties.put("quarkus.management.port", Integer.toString(freePort()));
        registryProperties.put("vertx.disableURIValidation", "true");
        registryProperties.put("quarkus.datasource.reactive.url", "vertx-reactive:postgresql:" + database);
        registryProperties.put("quarkus.datasource.jdbc.url", "jdbc:postgresql:" + database);
        registryProperties.put("quarkus.datasource.username", "registry" + PostgresTestResource.SERVICE_ROLE_SUFFIX);
        registryProperties.put("quarkus.datasource.password", PostgresTestResource.PASSWORD);
        registryProperties.put("quarkus.flyway.username", "registry" + PostgresTestResource.OWNER_ROLE_SUFFIX);
        registryProperties.put("quarkus.flyway.password", PostgresTestResource.PASSWORD);
        // the same trust as the service under test: OidcTestKeyResource's keys and issuer, no OIDC server
        registryProperties.put("quarkus.oidc.public-key", TestTokens.publicKeyBase64());
        registryProperties.put("quarkus.oidc.token.issuer", TestTokens.ISSUER);
        registryProperties.put("quarkus.oidc.auth-server-url", "");
        registryProperties.put(OidcTestKeyResource.GATEWAY_PUBLIC_KEY_PROPERTY, TestTokens.gatewayPublicKeyBase64());
        // no broker: the registry's events and checkpoints wait in its outbox (its relay keeps trying a closed port)
        registryProperties.put("amqp-port", Integer.toString(freePort()));
        logFile = PostgresTestResource.targetDirectory().resolve("registry-under-test")
                .resolve("registry-" + UUID.randomUUID() + ".log");
        this.app = app;
        startProcess();
        registerSwitch();
        String url = "http://127.0.0.1:" + port;
        System.setProperty(URL_PROPERTY, url);
        if (seedResource != null) {
            seed().load(readSeed(seedResource));
        }
        Map<String, String> config = new LinkedHashMap<>();
        // a registry that is down (stopRegistry) is answered at once: a test need not wait for the retry and the
        // breaker of services/clients' RegistryClient, whose own tests cover those
        config.put("ecogov.clients.registry.read-retries", "0");
        config.put("ecogov.clients.registry.breaker.failure-threshold", "100");
        config.putAll(serviceConfig());
        config.putAll(Map.of(
                "quarkus.rest-client.registry.url", url,
                "quarkus.oidc-client.service.auth-server-url", tokens.baseUrl(),
                "quarkus.oidc-client.service.discovery-enabled", "false",
                "quarkus.oidc-client.service.token-path", TestTokenEndpoint.PATH,
                "ecogov.service.client-secret", CLIENT_SECRET));
        return config;
    }

    /** The seed a subclass loads when the test names none; none here. */
    protected String defaultSeed() {
        return null;
    }

    /** More configuration of the service under test, for a subclass (say, its client's retry settings). */
    protected Map<String, String> serviceConfig() {
        return Map.of();
    }

    @Override
    public void stop() {
        try {
            unregisterSwitch();
            stopProcess();
        } finally {
            System.clearProperty(URL_PROPERTY);
            if (tokens != null) {
                tokens.close();
            }
            if (postgres != null) {
                try {
                    postgres.close();
                } catch (IOException e) {
                    throw new UncheckedIOException("could not stop the registry's embedded PostgreSQL", e);
                }
            }
        }
    }

    /** The running registry's base URL, e.g. {@code http://127.0.0.1:40123}. */
    public static URI url() {
        String url = System.getProperty(URL_PROPERTY);
        if (url == null) {
            throw new IllegalStateException("no RegistryTestResource is running in this JVM");
        }
        return URI.create(url);
    }

    /** Writes more records into the running registry through its API, as a platform admin. */
    public static RegistrySeed seed() {
        return new RegistrySeed(url(), TestTokens.platformAdmin());
    }

    /** Stops the registry process: calls to it are refused until {@link #startRegistry()}. */
    public static void stopRegistry() {
        registrySwitch().stopRegistry();
    }

    /** Starts the registry again on the same port, with the data it had. */
    public static void startRegistry() {
        registrySwitch().startRegistry();
    }

    /** How many tokens the service's own identity was given: it asked the realm, not a user, for its credential. */
    public static int serviceTokensIssued() {
        return registrySwitch().getTokensIssued();
    }

    private static RegistrySwitchMBean registrySwitch() {
        try {
            return JMX.newMBeanProxy(ManagementFactory.getPlatformMBeanServer(), new ObjectName(SWITCH_NAME),
                    RegistrySwitchMBean.class);
        } catch (JMException e) {
            throw new IllegalStateException("no RegistryTestResource is running in this JVM", e);
        }
    }

    private final class Switch implements RegistrySwitchMBean {
        @Override
        public void stopRegistry() {
            stopProcess();
        }

        @Override
        public void startRegistry() {
            startProcess();
        }

        @Override
        public int getTokensIssued() {
            return tokens.issued();
        }
    }

    private void registerSwitch() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName(SWITCH_NAME);
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(new StandardMBean(new Switch(), RegistrySwitchMBean.class), name);
        } catch (JMException e) {
            throw new IllegalStateException("could not register the registry switch", e);
        }
    }

    private void unregisterSwitch() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName(SWITCH_NAME);
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
        } catch (JMException e) {
            throw new IllegalStateException("could not unregister the registry switch", e);
        }
    }

    private synchronized void startProcess() {
        if (registry != null && registry.isAlive()) {
            return;
        }
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        // a small heap and the quick JIT: it answers a handful of reads and writes per test
        command.add("-Xmx256m");
        command.add("-XX:TieredStopAtLevel=1");
        registryProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(app.toString());
        long started = System.nanoTime();
        try {
            Files.createDirectories(logFile.getParent());
            registry = new ProcessBuilder(command).directory(app.getParent().toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not run the registry: " + command, e);
        }
        if (reaper == null) {
            // a test JVM that ends without stopping its resources takes the registry with it
            reaper = new Thread(() -> {
                Process running = registry;
                if (running != null) {
                    running.destroyForcibly();
                }
            }, "registry-under-test-reaper");
            Runtime.getRuntime().addShutdownHook(reaper);
        }
        awaitReady(System.nanoTime() - started);
    }

    private void awaitReady(long alreadySpentNanos) {
        URI ready = URI.create("http://127.0.0.1:" + registryProperties.get("quarkus.http.port") + "/q/health/ready");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() - alreadySpentNanos + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!registry.isAlive()) {
                throw new IllegalStateException("the registry under test exited with " + registry.exitValue()
                        + " before it was ready; its log " + logFile + " ends:\n" + logTail());
            }
            try {
                HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the registry", e);
            }
            sleep(Duration.ofMillis(200));
        }
        stopProcess();
        throw new IllegalStateException("the registry under test was not ready within " + STARTUP_TIMEOUT
                + "; its log " + logFile + " ends:\n" + logTail());
    }

    private synchronized void stopProcess() {
        if (registry == null) {
            return;
        }
        registry.destroy();
        try {
            if (!registry.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                registry.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            registry.destroyForcibly();
        }
        registry = null;
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** The registry's fast-jar: the system property, else {@code services/registry} found upwards from the module. */
    static Path application() {
        Optional<Path> configured = Optional.ofNullable(System.getProperty(APP_PROPERTY)).map(Paths::get);
        Path found = configured.orElseGet(() -> {
            for (Path at = PostgresTestResource.targetDirectory().getParent(); at != null; at = at.getParent()) {
                Path candidate = at.resolve("services/registry/target/quarkus-app/quarkus-run.jar");
                if (Files.isDirectory(at.resolve("services/registry"))) {
                    return candidate;
                }
            }
            throw new IllegalStateException("no services/registry above " + PostgresTestResource.targetDirectory()
                    + "; set -D" + APP_PROPERTY + " to the registry's quarkus-run.jar");
        });
        if (!Files.isRegularFile(found)) {
            throw new IllegalStateException("the registry is not built: no " + found
                    + " (./mvnw -B package -DskipTests -pl services/registry -am)");
        }
        return found.toAbsolutePath().normalize();
    }

    private static JsonNode readSeed(String resource) {
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        ClassLoader loader = Optional.ofNullable(Thread.currentThread().getContextClassLoader())
                .orElse(RegistryTestResource.class.getClassLoader());
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no registry seed " + resource + " on the class path");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the registry seed " + resource, e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
