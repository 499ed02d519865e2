package org.ecogov.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The real Keycloak server from its Maven Central distribution ({@code bin/kc.sh start-dev}),
 * with one realm imported from a file, on 127.0.0.1.
 *
 * <p>Its database (H2) lives in a state directory of the caller's choosing, not in the
 * distribution, so tests and the local run can share one unpacked distribution. Restarting with
 * the same realm file keeps the database and Keycloak skips the import ("realm exists"); when the
 * realm file has changed since the last import, the database is dropped first so the file is
 * imported afresh. The realm file stays the one source of truth.
 */
public final class KeycloakServer implements AutoCloseable {

    private static final String IMPORTED_REALM_HASH = "imported-realm.sha256";

    private final Process process;
    private final int httpPort;
    private final int managementPort;
    private final String realm;
    private final Path logFile;
    private final Duration startupTime;
    private final boolean freshImport;

    private KeycloakServer(Process process, int httpPort, int managementPort, String realm, Path logFile,
                           Duration startupTime, boolean freshImport) {
        this.process = process;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.realm = realm;
        this.logFile = logFile;
        this.startupTime = startupTime;
        this.freshImport = freshImport;
    }

    public static Builder builder() {
        return new Builder();
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    /** The issuer, e.g. {@code http://127.0.0.1:8180/realms/ecogov} ({@code quarkus.oidc.auth-server-url}). */
    public URI realmUrl() {
        return URI.create(baseUrl() + "/realms/" + realm);
    }

    public String realm() {
        return realm;
    }

    public int httpPort() {
        return httpPort;
    }

    public int managementPort() {
        return managementPort;
    }

    public Path logFile() {
        return logFile;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** How long the start took, until the realm answered. */
    public Duration startupTime() {
        return startupTime;
    }

    /** Whether this start imported the realm into an empty database. */
    public boolean freshImport() {
        return freshImport;
    }

    /** Stops kc.sh and the java process it started. */
    public void stop() {
        ProcessSupport.terminateTree(process.toHandle(), Duration.ofSeconds(20));
    }

    @Override
    public void close() {
        stop();
    }

    public static final class Builder {
        private Path home;
        private Path realmFile;
        private Path stateDirectory;
        private Path logFile;
        private int httpPort;
        private int managementPort;
        private String heap = "-Xms64m -Xmx512m";
        private Duration startupTimeout = Duration.ofMinutes(4);
        private String bootstrapAdminUser;
        private String bootstrapAdminPassword;
        private String bootstrapAdminClientId;
        private String bootstrapAdminClientSecret;

        private Builder() {
        }

        /** The unpacked distribution (holding bin/kc.sh). Required. */
        public Builder home(Path home) {
            this.home = home;
            return this;
        }

        /** The realm to import. Required. */
        public Builder realmFile(Path realmFile) {
            this.realmFile = realmFile;
            return this;
        }

        /** Where this server keeps its database. Required. */
        public Builder stateDirectory(Path stateDirectory) {
            this.stateDirectory = stateDirectory;
            return this;
        }

        /** Keycloak's console output (default: keycloak.log in the state directory); truncated at start. */
        public Builder logFile(Path logFile) {
            this.logFile = logFile;
            return this;
        }

        /** 0 (the default) picks a free port. */
        public Builder httpPort(int httpPort) {
            this.httpPort = httpPort;
            return this;
        }

        /** The management interface (health); 0 (the default) picks a free port. */
        public Builder managementPort(int managementPort) {
            this.managementPort = managementPort;
            return this;
        }

        /** JAVA_OPTS_KC_HEAP. */
        public Builder heap(String heap) {
            this.heap = heap;
            return this;
        }

        public Builder startupTimeout(Duration startupTimeout) {
            this.startupTimeout = startupTimeout;
            return this;
        }

        /** A master-realm administrator, created on the first start of an empty database only. */
        public Builder bootstrapAdmin(String username, String password) {
            this.bootstrapAdminUser = username;
            this.bootstrapAdminPassword = password;
            return this;
        }

        /**
         * A master-realm administrator client (client credentials, so nothing needs the password grant), created on
         * the first start of an empty database only; the system tests read the realm through the admin API with it.
         */
        public Builder bootstrapAdminClient(String clientId, String clientSecret) {
            this.bootstrapAdminClientId = clientId;
            this.bootstrapAdminClientSecret = clientSecret;
            return this;
        }

        public KeycloakServer start() {
            Objects.requireNonNull(home, "home");
            Objects.requireNonNull(realmFile, "realmFile");
            Objects.requireNonNull(stateDirectory, "stateDirectory");
            Path kcHome = home.toAbsolutePath().normalize();
            Path kcScript = kcHome.resolve("bin/kc.sh");
            if (!Files.isRegularFile(kcScript)) {
                throw new ServerStartException("no Keycloak distribution at " + kcHome
                        + " (bin/kc.sh missing); the build unpacks it: ./mvnw -B -pl deploy/local generate-test-resources");
            }
            if (!Files.isRegularFile(realmFile)) {
                throw new ServerStartException("no realm file at " + realmFile);
            }
            int http = httpPort != 0 ? httpPort : ProcessSupport.freePort();
            int management = managementPort;
            while (management == 0 || management == http) {
                management = ProcessSupport.freePort();
            }
            ProcessSupport.requirePortFree(http, "Keycloak");
            ProcessSupport.requirePortFree(management, "Keycloak management interface");

            Path state = stateDirectory.toAbsolutePath().normalize();
            Path log = (logFile != null ? logFile : state.resolve("keycloak.log")).toAbsolutePath();
            String realmName = RealmFile.read(realmFile).realmName();
            String realmHash = sha256(realmFile);
            boolean freshImport;
            try {
                Files.createDirectories(state);
                Files.createDirectories(log.getParent());
                freshImport = prepareDatabase(state, realmHash);
                stageRealmForImport(kcHome, realmName);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare Keycloak's state in " + state, e);
            }

            List<String> command = new ArrayList<>(List.of("bash", kcScript.toString(), "start-dev",
                    "--http-host=127.0.0.1",
                    "--http-port=" + http,
                    "--http-management-host=127.0.0.1",
                    "--http-management-port=" + management,
                    "--health-enabled=true",
                    "--hostname=http://127.0.0.1:" + http,
                    "--import-realm",
                    "--db-url=jdbc:h2:file:" + state.resolve("h2/keycloakdb") + ";NON_KEYWORDS=VALUE"));
            ProcessBuilder builder = new ProcessBuilder(ProcessSupport.inOwnSession(command))
                    .directory(kcHome.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
            Map<String, String> env = builder.environment();
            env.put("JAVA_HOME", System.getProperty("java.home"));
            env.put("JAVA_OPTS_KC_HEAP", heap);
            env.remove("JAVA_OPTS");
            if (bootstrapAdminUser != null) {
                env.put("KC_BOOTSTRAP_ADMIN_USERNAME", bootstrapAdminUser);
                env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", bootstrapAdminPassword);
            }
            if (bootstrapAdminClientId != null) {
                env.put("KC_BOOTSTRAP_ADMIN_CLIENT_ID", bootstrapAdminClientId);
                env.put("KC_BOOTSTRAP_ADMIN_CLIENT_SECRET", bootstrapAdminClientSecret);
            }

            long started = System.nanoTime();
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new ServerStartException("cannot run " + kcScript, e);
            }
            try {
                ProcessSupport.awaitHttpOk("Keycloak", process, log, startupTimeout,
                        URI.create("http://127.0.0.1:" + management + "/health/ready"),
                        URI.create("http://127.0.0.1:" + http + "/realms/" + realmName + "/.well-known/openid-configuration"));
            } catch (RuntimeException e) {
                ProcessSupport.terminateTree(process.toHandle(), Duration.ofSeconds(20));
                throw e;
            }
            writeString(state.resolve(IMPORTED_REALM_HASH), realmHash);
            return new KeycloakServer(process, http, management, realmName, log,
                    Duration.ofNanos(System.nanoTime() - started), freshImport);
        }

        /**
         * Keeps the database when it holds an import of this very realm file; drops it when the
         * file changed (or nothing records what was imported), so the import starts from scratch.
         * Returns whether the realm will be imported into an empty database.
         */
        private static boolean prepareDatabase(Path state, String realmHash) throws IOException {
            Path database = state.resolve("h2");
            Path hashFile = state.resolve(IMPORTED_REALM_HASH);
            boolean sameRealm = Files.isRegularFile(hashFile)
                    && Files.readString(hashFile, StandardCharsets.UTF_8).trim().equals(realmHash);
            if (Files.isDirectory(database) && sameRealm) {
                return false;
            }
            ProcessSupport.deleteTree(database);
            Files.deleteIfExists(hashFile);
            return true;
        }

        /** data/import holds exactly our realm file, so no stray file from an earlier run gets imported. */
        private void stageRealmForImport(Path kcHome, String realmName) throws IOException {
            Path importDir = kcHome.resolve("data/import");
            Files.createDirectories(importDir);
            try (Stream<Path> stale = Files.list(importDir)) {
                for (Path file : stale.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
                    Files.delete(file);
                }
            }
            Files.copy(realmFile, importDir.resolve(realmName + "-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String sha256(Path file) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeString(Path file, String content) {
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
