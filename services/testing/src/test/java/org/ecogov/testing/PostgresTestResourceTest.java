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
            // the service connects as a role of its own; the migrations run as the database's owner
            assertThat(config).containsEntry("quarkus.datasource.username", "registry_app")
                    .containsEntry("quarkus.flyway.username", "registry_owner")
                    .containsKey("quarkus.datasource.password").containsKey("quarkus.flyway.password");
            assertThat(PostgresTestResource.jdbcUrl()).isEqualTo(config.get("quarkus.datasource.jdbc.url"));

            try (Connection connection = PostgresTestResource.dataSource().getConnection();
                    Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("select 1, current_database(), version()")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getInt(1)).isEqualTo(1);
                assertThat(result.getString(2)).isEqualTo("registry");
                assertThat(result.getString(3)).startsWith("PostgreSQL 17");
            }
            try (Connection owner = java.sql.DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"),
                    "registry_owner", PostgresTestResource.PASSWORD);
                    Statement statement = owner.createStatement()) {
                statement.execute("create table thing (id int primary key)");
            }
            try (Connection service = PostgresTestResource.serviceDataSource().getConnection();
                    Statement statement = service.createStatement()) {
                statement.execute("insert into thing values (1)");
                try (ResultSet roles = statement.executeQuery(
                        "select current_user, rolsuper from pg_roles where rolname = current_user")) {
                    assertThat(roles.next()).isTrue();
                    assertThat(roles.getString(1)).isEqualTo("registry_app");
                    assertThat(roles.getBoolean(2)).as("the service's role is no superuser").isFalse();
                }
                assertThatThrownBy(() -> statement.execute("create table mine (id int)"))
                        .hasMessageContaining("permission denied");
                assertThatThrownBy(() -> statement.execute("alter table thing add column x int"))
                        .hasMessageContaining("must be owner");
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
