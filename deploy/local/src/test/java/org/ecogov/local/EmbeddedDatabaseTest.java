package org.ecogov.local;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedDatabaseTest {

    /** The binaries are unpacked once for all tests; each test has its own data, deleted afterwards. */
    private static final Path RUNTIME = TestPaths.target().resolve("test-postgres/runtime");
    private final Path testDirectory = TestPaths.target().resolve("test-postgres/" + UUID.randomUUID());
    private final Path dataDirectory = testDirectory.resolve("pgdata");

    @AfterEach
    void deleteTheData() {
        ProcessSupport.deleteTree(testDirectory);
    }

    private static EmbeddedDatabase start(int port, Path dataDirectory, String... databases) {
        return EmbeddedDatabase.builder().port(port).dataDirectory(dataDirectory).runtimeDirectory(RUNTIME)
                .databases(databases).start();
    }

    @Test
    void startsCreatesTheDatabasesAndAnswersOverJdbc() throws Exception {
        try (EmbeddedDatabase db = start(0, dataDirectory, "registry")) {
            assertThat(db.port()).isPositive();
            assertThat(db.jdbcUrl("registry")).isEqualTo("jdbc:postgresql://127.0.0.1:" + db.port() + "/registry");
            assertThat(db.reactiveUrl("registry")).isEqualTo("postgresql://127.0.0.1:" + db.port() + "/registry");

            try (Connection connection = db.connect("registry");
                 Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT current_database(), current_setting('server_version_num')::int")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isEqualTo("registry");
                assertThat(row.getInt(2)).isGreaterThanOrEqualTo(170000);
            }
        }
    }

    @Test
    void creatingADatabaseTwiceIsHarmless() throws Exception {
        try (EmbeddedDatabase db = start(0, dataDirectory, "registry")) {
            db.createDatabase("registry");
            db.createDatabase("emissions");

            try (Connection connection = db.connect("emissions")) {
                assertThat(connection.isValid(2)).isTrue();
            }
        }
    }

    @Test
    void dataSurvivesARestartOnTheSameDirectory() throws Exception {
        try (EmbeddedDatabase db = start(0, dataDirectory, "registry");
             Connection connection = db.connect("registry");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE agency (code text PRIMARY KEY)");
            statement.execute("INSERT INTO agency VALUES ('EEB-341702')");
        }

        try (EmbeddedDatabase db = start(0, dataDirectory, "registry");
             Connection connection = db.connect("registry");
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT code FROM agency")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).isEqualTo("EEB-341702");
        }
    }

    /**
     * The services connect as a role that owns nothing: it reads and writes, but cannot switch a table's triggers
     * off (the audit log's append-only ones) or set session_replication_role; the owner's migrations can.
     */
    @Test
    void aServiceRoleCannotSwitchTheTriggersOffWhichItsDatabasesOwnerSetUp() throws Exception {
        try (EmbeddedDatabase db = start(0, dataDirectory, "registry")) {
            assertThat(db.serviceUser("registry")).isEqualTo("registry_app");
            assertThat(db.ownerUser("registry")).isEqualTo("registry_owner");
            try (Connection owner = DriverManager.getConnection(db.jdbcUrl("registry"), db.ownerUser("registry"), db.password());
                 Statement statement = owner.createStatement()) {
                statement.execute("CREATE TABLE entry (sequence bigserial PRIMARY KEY, text text)");
                statement.execute("CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS"
                        + " $$ BEGIN RAISE EXCEPTION 'entry is append-only'; END; $$");
                statement.execute("CREATE TRIGGER no_change BEFORE UPDATE OR DELETE ON entry FOR EACH ROW EXECUTE FUNCTION refuse()");
            }
            try (Connection service = DriverManager.getConnection(db.jdbcUrl("registry"), db.serviceUser("registry"), db.password());
                 Statement statement = service.createStatement()) {
                statement.execute("INSERT INTO entry (text) VALUES ('written')");
                assertThatThrownBy(() -> statement.execute("DELETE FROM entry")).hasMessageContaining("append-only");
                assertThatThrownBy(() -> statement.execute("ALTER TABLE entry DISABLE TRIGGER no_change"))
                        .hasMessageContaining("must be owner");
                assertThatThrownBy(() -> statement.execute("SET session_replication_role = replica"))
                        .hasMessageContaining("permission denied");
                assertThatThrownBy(() -> statement.execute("TRUNCATE entry")).hasMessageContaining("permission denied");
                assertThatThrownBy(() -> statement.execute("CREATE TABLE mine (id int)")).hasMessageContaining("permission denied");
            }
        }
    }

    /** A database an earlier run's superuser-connected services migrated is handed to its owner at the next start. */
    @Test
    void aDatabaseOfAnEarlierRunIsHandedToItsOwner() throws Exception {
        try (EmbeddedDatabase db = start(0, dataDirectory, "registry");
             Connection connection = db.connect("registry");
             Statement statement = connection.createStatement()) {
            statement.execute("ALTER DATABASE registry OWNER TO postgres");
            statement.execute("CREATE TABLE outbox (position bigserial PRIMARY KEY, body text)");
            statement.execute("CREATE FUNCTION nothing() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END; $$");
        }

        try (EmbeddedDatabase db = start(0, dataDirectory, "registry")) {
            try (Connection connection = db.connect("registry");
                 Statement statement = connection.createStatement();
                 ResultSet owners = statement.executeQuery("SELECT (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'registry'),"
                         + " (SELECT tableowner FROM pg_tables WHERE tablename = 'outbox'),"
                         + " (SELECT pg_get_userbyid(proowner) FROM pg_proc WHERE proname = 'nothing')")) {
                assertThat(owners.next()).isTrue();
                assertThat(owners.getString(1)).isEqualTo("registry_owner");
                assertThat(owners.getString(2)).isEqualTo("registry_owner");
                assertThat(owners.getString(3)).isEqualTo("registry_owner");
            }
            try (Connection service = DriverManager.getConnection(db.jdbcUrl("registry"), db.serviceUser("registry"), db.password());
                 Statement statement = service.createStatement()) {
                statement.execute("INSERT INTO outbox (body) VALUES ('after the upgrade')");
            }
        }
    }

    @Test
    void stopClosesThePort() throws Exception {
        EmbeddedDatabase db = start(0, dataDirectory);
        int port = db.port();

        db.stop();

        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            }
        }).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void aTakenPortIsReportedByNumber() throws Exception {
        try (EmbeddedDatabase db = start(0, dataDirectory)) {
            Path other = dataDirectory.resolveSibling("other-pgdata");

            assertThatThrownBy(() -> start(db.port(), other))
                    .isInstanceOf(ServerStartException.class)
                    .hasMessageContaining("port " + db.port());
        }
    }
}
