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
 *
 * <p>Each database is made as deploy/database.md tells a deployment to make it: owned by the role
 * {@code <database>_owner}, which the service's migrations run as, while the service connects as
 * {@code <database>_app}, which is no superuser and owns nothing: it reads and writes the tables, and
 * cannot alter them, disable their triggers (the audit log's append-only ones) or set
 * {@code session_replication_role}. A database made before these roles existed is brought to that
 * shape at start (its tables handed to the owner, the service's role given its rights).
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String HOST = "127.0.0.1";

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    /** zonky's superuser; initdb runs with trust authentication on the loopback interface. */
    private static final String SUPERUSER = "postgres";
    private static final String SERVICE_ROLE_SUFFIX = "_app";
    private static final String OWNER_ROLE_SUFFIX = "_owner";

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

    /** The superuser, for the launcher and for tests that go behind a service's back. */
    public String user() {
        return SUPERUSER;
    }

    /** The role a service connects to its database as ({@code quarkus.datasource.username}). */
    public String serviceUser(String database) {
        return database + SERVICE_ROLE_SUFFIX;
    }

    /** The role that owns the database and its tables, which the migrations run as ({@code quarkus.flyway.username}). */
    public String ownerUser(String database) {
        return database + OWNER_ROLE_SUFFIX;
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

    /**
     * Creates the database, its owner and the service's role unless they exist already, and gives the roles their
     * rights (again, so that a database of an earlier run gets them too).
     */
    public void createDatabase(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain lower-case database name: " + name);
        }
        // names checked against DATABASE_NAME; role and database statements take no bind parameters
        String owner = ownerUser(name);
        String service = serviceUser(name);
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            for (String role : List.of(owner, service)) {
                statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role + "') THEN"
                        + " CREATE ROLE " + role + " LOGIN; END IF; END $$");
                statement.execute("ALTER ROLE " + role + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION"
                        + " NOBYPASSRLS PASSWORD " + literal(password));
            }
            boolean exists;
            try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                query.setString(1, name);
                try (ResultSet row = query.executeQuery()) {
                    exists = row.next();
                }
            }
            statement.execute(exists ? "ALTER DATABASE " + name + " OWNER TO " + owner
                    : "CREATE DATABASE " + name + " OWNER " + owner);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + " on port " + port(), e);
        }
        try (Connection connection = connect(name); Statement statement = connection.createStatement()) {
            // what an earlier run's superuser-owned migrations made goes to the owner (sequences of serial columns
            // follow their tables)
            statement.execute("""
                    DO $$ DECLARE item record; BEGIN
                      FOR item IN SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                          WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'S') AND pg_get_userbyid(c.relowner) <> '%1$s'
                            AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')) LOOP
                        EXECUTE format('ALTER %%s public.%%I OWNER TO %1$s',
                            CASE item.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' ELSE 'TABLE' END, item.relname);
                      END LOOP;
                      FOR item IN SELECT p.oid::regprocedure AS function FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                          WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> '%1$s' LOOP
                        EXECUTE format('ALTER FUNCTION %%s OWNER TO %1$s', item.function);
                      END LOOP;
                    END $$""".formatted(owner));
            statement.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC");
            statement.execute("GRANT USAGE ON SCHEMA public TO " + service);
            statement.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + service);
            statement.execute("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO " + service);
            statement.execute("ALTER DEFAULT PRIVILEGES FOR ROLE " + owner + " IN SCHEMA public"
                    + " GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO " + service);
            statement.execute("ALTER DEFAULT PRIVILEGES FOR ROLE " + owner + " IN SCHEMA public"
                    + " GRANT USAGE, SELECT ON SEQUENCES TO " + service);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot give the roles of database " + name + " their rights", e);
        }
    }

    /** A string as an SQL literal. */
    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
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
