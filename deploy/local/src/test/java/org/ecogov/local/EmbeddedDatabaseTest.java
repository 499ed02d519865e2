package org.ecogov.local;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
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
