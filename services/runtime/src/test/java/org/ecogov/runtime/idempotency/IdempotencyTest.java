package org.ecogov.runtime.idempotency;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.ecogov.testing.SettableClock;
import org.ecogov.testing.TestTokens;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Creates retried with an Idempotency-Key, against a real PostgreSQL: what a phone on a poor connection does when
 * it did not hear the first answer.
 */
@QuarkusTest
@TestProfile(IdempotencyProfile.class)
@QuarkusTestResource(OidcTestKeyResource.class)
@QuarkusTestResource(value = PostgresTestResource.class,
        initArgs = @ResourceArg(name = PostgresTestResource.DATABASE_ARG, value = "runtime_idempotency"))
class IdempotencyTest {

    private static final String INSPECTOR = TestTokens.inspector("eeb", "341702");

    @AfterEach
    void systemTime() {
        SettableClock.INSTANCE.reset();
    }

    @Test
    void aRetryAnswersTheFirstAnswerAndCreatesNothing() throws Exception {
        String queue = queue();
        String key = UUID.randomUUID().toString();
        Response first = create(INSPECTOR, queue, key, "{\"text\":\"leak at outlet DW001\"}");
        first.then().statusCode(201).header(Idempotency.REPLAYED, nullValue());
        long id = first.jsonPath().getLong("id");

        // members in another order and spelled with other whitespace: the same request
        Response retry = create(INSPECTOR, queue, key, "{ \"text\" : \"leak at outlet DW001\" }");
        retry.then().statusCode(201)
                .header(Idempotency.REPLAYED, "true")
                .header("ETag", first.header("ETag"))
                .header("Location", first.header("Location"))
                .contentType("application/json")
                .body("id", equalTo((int) id))
                .body("text", equalTo("leak at outlet DW001"));
        assertThat(tickets(queue)).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedNamingTheHeader() throws Exception {
        String queue = queue();
        String key = UUID.randomUUID().toString();
        create(INSPECTOR, queue, key, "{\"text\":\"first\"}").then().statusCode(201);

        create(INSPECTOR, queue, key, "{\"text\":\"second\"}").then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/idempotency-key-reused"))
                .body("errors[0].field", equalTo("Idempotency-Key"));
        assertThat(tickets(queue)).isEqualTo(1);
    }

    @Test
    void theSameKeyOnAnotherPathIsAnotherRequest() throws Exception {
        String key = UUID.randomUUID().toString();
        String queue = queue();
        create(INSPECTOR, queue, key, "{\"text\":\"same\"}").then().statusCode(201);
        create(INSPECTOR, queue + "-b", key, "{\"text\":\"same\"}").then().statusCode(409);
        assertThat(tickets(queue + "-b")).isZero();
    }

    @Test
    void keysAreEachCallersOwn() throws Exception {
        String queue = queue();
        String key = UUID.randomUUID().toString();
        create(INSPECTOR, queue, key, "{\"text\":\"mine\"}").then().statusCode(201);
        Response other = create(TestTokens.inspector("town", "341702102"), queue, key, "{\"text\":\"mine\"}");
        other.then().statusCode(201).header(Idempotency.REPLAYED, nullValue());
        assertThat(tickets(queue)).isEqualTo(2);
    }

    @Test
    void withoutAKeyEveryRequestCreates() throws Exception {
        String queue = queue();
        create(INSPECTOR, queue, null, "{\"text\":\"no key\"}").then().statusCode(201);
        create(INSPECTOR, queue, null, "{\"text\":\"no key\"}").then().statusCode(201);
        assertThat(tickets(queue)).isEqualTo(2);
    }

    @Test
    void aMalformedKeyIsRefusedNamingTheHeaderWithNothingWritten() throws Exception {
        String queue = queue();
        create(INSPECTOR, queue, "has space", "{\"text\":\"x\"}").then().statusCode(400)
                .body("type", equalTo("/problems/validation-failed"))
                .body("errors[0].field", equalTo("Idempotency-Key"));
        create(INSPECTOR, queue, "k".repeat(256), "{\"text\":\"x\"}").then().statusCode(400);
        assertThat(tickets(queue)).isZero();
    }

    @Test
    void aFailedCreateKeepsNothingSoItsRetryRunsAgain() throws Exception {
        String queue = queue();
        String key = UUID.randomUUID().toString();
        create(INSPECTOR, queue, key, "{\"text\":\"refused\"}").then().statusCode(400)
                .body("errors[0].field", equalTo("text"));
        assertThat(tickets(queue)).isZero();
        assertThat(records(key)).isZero();
        // the key is free for the corrected request
        create(INSPECTOR, queue, key, "{\"text\":\"accepted\"}").then().statusCode(201);
        assertThat(tickets(queue)).isEqualTo(1);
    }

    @Test
    void aRetryWhileTheFirstIsInFlightWaitsForItAndAnswersTheSame() throws Exception {
        String queue = queue();
        String key = UUID.randomUUID().toString();
        List<CompletableFuture<Response>> both = List.of(
                CompletableFuture.supplyAsync(() -> create(INSPECTOR, queue, key, "{\"text\":\"slow\"}")),
                CompletableFuture.supplyAsync(() -> create(INSPECTOR, queue, key, "{\"text\":\"slow\"}")));
        List<Response> answers = both.stream().map(CompletableFuture::join).toList();

        assertThat(answers).extracting(Response::statusCode).containsOnly(201);
        assertThat(answers.get(1).jsonPath().getLong("id")).isEqualTo(answers.get(0).jsonPath().getLong("id"));
        assertThat(answers).extracting(answer -> answer.header(Idempotency.REPLAYED)).containsExactlyInAnyOrder(
                null, "true");
        assertThat(tickets(queue)).isEqualTo(1);
    }

    @Test
    void aKeyPastItsRetentionCreatesAnew() throws Exception {
        String queue = queue();
        String key = UUID.randomUUID().toString();
        long first = create(INSPECTOR, queue, key, "{\"text\":\"again\"}").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        SettableClock.INSTANCE.set(java.time.Instant.now().plus(Duration.ofHours(2)));
        long second = create(INSPECTOR, queue, key, "{\"text\":\"again\"}").then().statusCode(201)
                .header(Idempotency.REPLAYED, nullValue())
                .extract().jsonPath().getLong("id");
        assertThat(second).isNotEqualTo(first);
        assertThat(tickets(queue)).isEqualTo(2);
    }

    private static Response create(String token, String queue, String key, String body) {
        var request = given().auth().oauth2(token).contentType("application/json").body(body);
        if (key != null) {
            request.header(Idempotency.HEADER, key);
        }
        return request.post("/fixture/queues/{queue}/tickets", queue);
    }

    private static String queue() {
        return "q" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static long tickets(String queue) throws SQLException {
        return count("select count(*) from fixture_ticket where queue = '" + queue + "'");
    }

    private static long records(String key) throws SQLException {
        return count("select count(*) from idempotency_record where key = '" + key + "'");
    }

    private static long count(String sql) throws SQLException {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        String user = ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class);
        String password = ConfigProvider.getConfig().getValue("quarkus.datasource.password", String.class);
        try (Connection connection = DriverManager.getConnection(url, user, password);
                ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
