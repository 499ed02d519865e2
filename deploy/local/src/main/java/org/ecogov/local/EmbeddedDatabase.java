package org.ecogov.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL server (zonky's embedded binaries from Maven) with its data in a directory of
 * our choosing, and the databases the services need. The data survives a restart unless the
 * directory is wiped; one server holds one database per service.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String HOST = "127.0.0.1";

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    /** zonky's superuser; initdb runs with trust authentication on the loopback interface. */
    private static final String SUPERUSER = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final Path logFile;
    private final String password;
    private final Duration startupTime;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory, Path logFile, String password,
                             Duration startupTime) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.logFile = logFile;
        this.password = password;
        this.startupTime = startupTime;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts a server on {@code port} (0 = a free one) with its data under {@code dataDirectory}. */
    public static EmbeddedDatabase start(int port, Path dataDirectory, String... databases) {
        return builder().port(port).dataDirectory(dataDirectory).databases(databases).start();
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return postgres.getPort();
    }

    public String user() {
        return SUPERUSER;
    }

    /** Any password is accepted (trust authentication); this is the one the services are given. */
    public String password() {
        return password;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port() + "/" + database;
    }

    /** The URL form of Quarkus's reactive client ({@code quarkus.datasource.reactive.url}). */
    public String reactiveUrl(String database) {
        return "postgresql://" + HOST + ":" + port() + "/" + database;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public Path logFile() {
        return logFile;
    }

    public Duration startupTime() {
        return startupTime;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user(), password);
    }

    /** Creates the database unless it exists already. */
    public void createDatabase(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain lower-case database name: " + name);
        }
        try (Connection connection = connect("postgres")) {
            try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, name);
                try (ResultSet row = exists.executeQuery()) {
                    if (row.next()) {
                        return;
                    }
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + " on port " + port(), e);
        }
    }

    /** Stops the server (fast shutdown); the data directory stays. */
    public void stop() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL on port " + port() + " did not stop cleanly", e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    public static final class Builder {
        private int port;
        private Path dataDirectory;
        private Path runtimeDirectory;
        private Path logFile;
        private String password = "postgres";
        private final List<String> databases = new ArrayList<>();
        private boolean stopOnJvmExit = true;
        private Duration startupTimeout = Duration.ofSeconds(30);

        private Builder() {
        }

        /** 0 (the default) picks a free port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Where PostgreSQL keeps its data; reused when it holds a cluster already. Required. */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        /**
         * Where the binaries are unpacked (default: {@code postgres-runtime} beside the data
         * directory). Never a parent of the data directory: zonky deletes "stale" directories it
         * finds there.
         */
        public Builder runtimeDirectory(Path runtimeDirectory) {
            this.runtimeDirectory = runtimeDirectory;
            return this;
        }

        /** Where the server's own output goes (default: {@code postgres.log} beside the data directory). */
        public Builder logFile(Path logFile) {
            this.logFile = logFile;
            return this;
        }

        public Builder password(String password) {
            this.password = password;
            return this;
        }

        public Builder databases(String... names) {
            databases.addAll(List.of(names));
            return this;
        }

        public Builder databases(List<String> names) {
            databases.addAll(names);
            return this;
        }

        /**
         * Whether zonky's own shutdown hook stops the server when the JVM exits (default true).
         * A caller that stops several servers in order turns it off and stops this one itself.
         */
        public Builder stopOnJvmExit(boolean stopOnJvmExit) {
            this.stopOnJvmExit = stopOnJvmExit;
            return this;
        }

        public Builder startupTimeout(Duration startupTimeout) {
            this.startupTimeout = startupTimeout;
            return this;
        }

        public EmbeddedDatabase start() {
            Objects.requireNonNull(dataDirectory, "dataDirectory");
            Path data = dataDirectory.toAbsolutePath().normalize();
            Path runtime = (runtimeDirectory != null ? runtimeDirectory
                    : data.resolveSibling("postgres-runtime")).toAbsolutePath().normalize();
            if (data.startsWith(runtime)) {
                throw new IllegalArgumentException("the runtime directory " + runtime
                        + " must not contain the data directory " + data);
            }
            Path log = (logFile != null ? logFile : data.resolveSibling("postgres.log")).toAbsolutePath();
            if (port != 0) {
                ProcessSupport.requirePortFree(port, "PostgreSQL");
            }
            long started = System.nanoTime();
            EmbeddedPostgres postgres;
            try {
                Files.createDirectories(data.getParent());
                Files.createDirectories(runtime);
                Files.createDirectories(log.getParent());
                postgres = withWorkingDirectory(runtime, () -> EmbeddedPostgres.builder()
                        .setPort(port)
                        .setDataDirectory(data)
                        .setCleanDataDirectory(false)
                        .setOverrideWorkingDirectory(runtime.toFile())
                        .setRegisterShutdownHook(stopOnJvmExit)
                        .setPGStartupWait(startupTimeout)
                        .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .start());
            } catch (IOException | RuntimeException e) {
                throw new ServerStartException("PostgreSQL did not start with data in " + data + ": " + e.getMessage()
                        + "\nLast lines of " + log + ":\n" + ProcessSupport.tail(log, ProcessSupport.LOG_TAIL_LINES), e);
            }
            EmbeddedDatabase database = new EmbeddedDatabase(postgres, data, log, password,
                    Duration.ofNanos(System.nanoTime() - started));
            try {
                databases.forEach(database::createDatabase);
            } catch (RuntimeException e) {
                database.stop();
                throw e;
            }
            return database;
        }

        /**
         * zonky takes the parent of its temporary directories from the system property
         * {@code ot.epg.working-dir} (else /tmp/embedded-pg); point it at our runtime directory
         * while the builder is made, so nothing lands in /tmp.
         */
        private static EmbeddedPostgres withWorkingDirectory(Path runtime, PostgresStart start) throws IOException {
            synchronized (EmbeddedDatabase.class) {
                String key = "ot.epg.working-dir";
                String previous = System.getProperty(key);
                System.setProperty(key, runtime.toString());
                try {
                    return start.run();
                } finally {
                    if (previous == null) {
                        System.clearProperty(key);
                    } else {
                        System.setProperty(key, previous);
                    }
                }
            }
        }
    }

    @FunctionalInterface
    private interface PostgresStart {
        EmbeddedPostgres run() throws IOException;
    }
}
