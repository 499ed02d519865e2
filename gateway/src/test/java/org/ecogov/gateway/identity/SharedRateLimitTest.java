package org.ecogov.gateway.identity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.ecogov.gateway.support.GatewayTestResource;
import org.ecogov.gateway.support.Keys;
import org.ecogov.gateway.support.RedisTestResource;
import org.ecogov.gateway.support.TestUpstream;
import org.ecogov.testing.OidcTestKeyResource;
import org.ecogov.testing.PostgresTestResource;
import org.ecogov.testing.SettableClock;
import org.ecogov.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The rate-limit counters in a real Redis ({@code ecogov.gateway.rate-limits.store=redis}), as every replica of a
 * deployment shares them: what other replicas counted holds here too (the test counts in Redis as another replica
 * would), windows expire by themselves, and without Redis the replica carries on counting in its own memory.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = PostgresTestResource.DATABASE_ARG, value = "gateway"))
@WithTestResource(OidcTestKeyResource.class)
@WithTestResource(GatewayTestResource.class)
@WithTestResource(TestUpstream.class)
@WithTestResource(RedisTestResource.class)
class SharedRateLimitTest {

    private static final Instant A_MINUTE_INTO_AN_HOUR = Instant.now().truncatedTo(ChronoUnit.HOURS).plusSeconds(60);

    /** The gateway's own Redis client (an Instance: the other test classes' gateways have no Redis). */
    @Inject
    Instance<RedisDataSource> redisClient;
    RedisDataSource redis;

    @BeforeEach
    void standAMinuteIntoAnHour() {
        redis = redisClient.get();
        SettableClock.INSTANCE.set(A_MINUTE_INTO_AN_HOUR);
    }

    @AfterEach
    void resetTheClock() {
        SettableClock.INSTANCE.reset();
    }

    @Test
    void aKeysRequestsCountedByOtherReplicasCountHereToo() {
        JsonPath issued = Keys.issue("SHARED", List.of("emissions:read"), 5, 3600,
                Instant.now().plus(1, ChronoUnit.DAYS), List.of());
        String key = issued.getString("key");
        String counter = "ecogov:rate:key:" + issued.getString("apiKey.id") + ":" + windowStart(3600);
        // two other replicas have let three requests of this key through in this window
        redis.value(Long.class).incrby(counter, 3);

        given().header("X-API-Key", key).get("/api/v1/echo/a").then().statusCode(200)
                .header("RateLimit-Limit", "5").header("RateLimit-Remaining", "1");
        given().header("X-API-Key", key).get("/api/v1/echo/a").then().statusCode(200).header("RateLimit-Remaining", "0");
        given().header("X-API-Key", key).get("/api/v1/echo/a").then().statusCode(429)
                .contentType("application/problem+json").header("Retry-After", "3540");
        assertThat(redis.value(Long.class).get(counter)).isEqualTo(6);
    }

    @Test
    void aTokensSubjectAndClientAreCountedInRedisAndExpireWithTheirWindow() {
        String subject = UUID.randomUUID().toString();
        String token = TestTokens.builder().subject(subject).clientId("shared-client").roles("platform-admin").sign();

        given().auth().oauth2(token).get("/api/v1/api-keys").then().statusCode(200).header("RateLimit-Remaining", "999999");
        given().auth().oauth2(token).get("/api/v1/echo/a").then().statusCode(200).header("RateLimit-Remaining", "999998");

        String bySubject = "ecogov:rate:subject:" + subject + ":" + windowStart(60);
        String byClient = "ecogov:rate:client:shared-client:" + windowStart(60);
        assertThat(redis.value(Long.class).get(bySubject)).isEqualTo(2);
        assertThat(redis.value(Long.class).get(byClient)).isEqualTo(2);
        // a minute's window, the clock a minute into the hour: the whole window and a second of slack are left
        assertThat(redis.key().pttl(bySubject)).isBetween(55_000L, 61_000L);
    }

    @Test
    void withoutRedisAReplicaCountsInItsOwnMemoryAndSharesAgainOnceItIsBack() throws InterruptedException {
        JsonPath issued = Keys.issue("OUTAGE", List.of("emissions:read"), 3, 3600,
                Instant.now().plus(1, ChronoUnit.DAYS), List.of());
        String key = issued.getString("key");
        RedisTestResource.stopServer();
        try {
            for (int left = 2; left >= 0; left--) {
                given().header("X-API-Key", key).get("/api/v1/echo/a").then().statusCode(200)
                        .header("RateLimit-Remaining", Integer.toString(left));
            }
            given().header("X-API-Key", key).get("/api/v1/echo/a").then().statusCode(429);
            given().auth().oauth2(TestTokens.platformAdmin()).get("/api/v1/echo/a").then().statusCode(200);
        } finally {
            RedisTestResource.startAgain();
        }
        // once the guard tries Redis again (after retry-after, 1 s here), requests are counted there again
        String subject = UUID.randomUUID().toString();
        String token = TestTokens.builder().subject(subject).roles("platform-admin").sign();
        String counter = "ecogov:rate:subject:" + subject + ":" + windowStart(60);
        long deadline = System.nanoTime() + 20_000_000_000L;
        Long counted = null;
        while (counted == null && System.nanoTime() < deadline) {
            given().auth().oauth2(token).get("/api/v1/echo/a").then().statusCode(200);
            counted = redis.value(Long.class).get(counter);
            Thread.sleep(200);
        }
        assertThat(counted).as("counted in Redis again").isNotNull();
    }

    private static long windowStart(int seconds) {
        long now = A_MINUTE_INTO_AN_HOUR.toEpochMilli();
        return now - Math.floorMod(now, seconds * 1000L);
    }
}
