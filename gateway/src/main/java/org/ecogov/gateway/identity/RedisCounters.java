package org.ecogov.gateway.identity;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.ToLongFunction;

import jakarta.enterprise.util.TypeLiteral;

import org.ecogov.gateway.config.GatewayConfig;
import org.ecogov.gateway.identity.RateCounters.Window;
import org.jboss.logging.Logger;

import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * Rate-limit counts in Redis, shared by every gateway replica. One request is one round trip: a Lua script adds one
 * to each of its counters ({@code ecogov:rate:<counter>:<window start>}) and gives a new counter a time to live of
 * what is left of its window plus a second, so Redis drops ended windows by itself and its memory stays bounded by
 * the callers of the current windows. Only relative times reach Redis, so its clock does not matter; the windows
 * are the gateway's (the runtime's Clock).
 * <p>
 * The calls go through a SmallRye Fault Tolerance guard: a timeout ({@code redis.timeout}) and a circuit breaker
 * ({@code redis.failure-threshold} consecutive failures leave Redis alone for {@code redis.retry-after}). A request
 * Redis did not count is counted in the replica's memory instead.
 */
final class RedisCounters {

    private static final Logger LOG = Logger.getLogger(RedisCounters.class);
    private static final String PREFIX = "ecogov:rate:";
    private static final long TTL_SLACK_MILLIS = 1000;
    private static final String INCREMENT = """
            local counts = {}
            for i = 1, #KEYS do
              counts[i] = redis.call('INCR', KEYS[i])
              if counts[i] == 1 then
                redis.call('PEXPIRE', KEYS[i], ARGV[i])
              end
            end
            return counts
            """;
    private static final TypeLiteral<CompletionStage<Response>> STAGE = new TypeLiteral<>() {
    };

    private final Redis redis;
    private final Guard guard;
    private final BiFunction<List<Window>, Long, Future<long[]>> fallback;

    RedisCounters(Redis redis, GatewayConfig.Redis config, BiFunction<List<Window>, Long, Future<long[]>> fallback) {
        this.redis = redis;
        this.fallback = fallback;
        this.guard = Guard.create()
                .withDescription("rate-limit counters in Redis")
                .withThreadOffload(false)
                .withTimeout()
                    .duration(config.timeout().toMillis(), ChronoUnit.MILLIS)
                    .done()
                .withCircuitBreaker()
                    .requestVolumeThreshold(config.failureThreshold())
                    .failureRatio(1.0)
                    .successThreshold(1)
                    .delay(config.retryAfter().toMillis(), ChronoUnit.MILLIS)
                    .onStateChange(RedisCounters::changed)
                    .done()
                .build();
    }

    Future<long[]> increment(List<Window> windows, long now) {
        Request script = Request.cmd(Command.EVAL).arg(INCREMENT).arg(windows.size());
        windows.forEach(window -> script.arg(key(window)));
        windows.forEach(window -> script.arg(window.leftAt(now) + TTL_SLACK_MILLIS));
        return send(script).map(response -> {
            long[] counts = new long[windows.size()];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = response.get(i).toLong();
            }
            return counts;
        }).recover(failure -> {
            LOG.debugf("Redis did not count a request (%s); counted in this replica's memory", failure.toString());
            return fallback.apply(windows, now);
        });
    }

    Future<Long> count(Window window, ToLongFunction<Window> inMemory) {
        return send(Request.cmd(Command.GET).arg(key(window)))
                .map(response -> response == null ? 0L : response.toLong())
                .recover(failure -> Future.succeededFuture(inMemory.applyAsLong(window)));
    }

    /** Sends one command through the guard; the answer comes on the caller's Vert.x context (if any). */
    private Future<Response> send(Request request) {
        CompletionStage<Response> answer = guard.get(() -> redis.send(request).toCompletionStage(), STAGE);
        Context context = Vertx.currentContext();
        return context == null ? Future.fromCompletionStage(answer) : Future.fromCompletionStage(answer, context);
    }

    private static String key(Window window) {
        return PREFIX + window.counter() + ":" + window.start();
    }

    private static void changed(CircuitBreakerState state) {
        switch (state) {
            case OPEN -> LOG.warn("Redis cannot be reached: rate-limit counters are kept in this replica's memory until"
                    + " it answers again, so limits hold per replica only");
            case CLOSED -> LOG.info("Redis answers again: rate-limit counters are shared by every replica");
            default -> { }
        }
    }
}
