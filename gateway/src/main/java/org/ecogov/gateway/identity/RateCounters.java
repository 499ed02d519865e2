package org.ecogov.gateway.identity;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.ecogov.gateway.config.GatewayConfig;
import org.jboss.logging.Logger;

import io.vertx.core.Future;
import io.vertx.redis.client.Redis;

/**
 * Where the rate-limit counts live ({@code ecogov.gateway.rate-limits.store}). {@code memory}: in this replica, so
 * with N replicas behind a balancer a caller can make up to N times its limit (each replica counts only what it
 * sees). {@code redis}: in Redis, shared by every replica, so a limit holds for the whole deployment at the price of
 * one round trip to Redis per request; while Redis cannot be reached (no connection, or no answer within
 * {@code ecogov.gateway.rate-limits.redis.timeout}) the replica counts in its own memory, as with {@code memory},
 * rather than refuse everyone or let everyone through.
 * <p>
 * Counters in memory are bounded: a replica remembers at most {@value #MAX_NAMED} keys, subjects and clients and
 * {@value #MAX_ADDRESSES} addresses at once (ended windows are dropped first), so a flood of addresses cannot fill
 * the heap; past the bound the addresses' counts start afresh.
 */
@ApplicationScoped
public class RateCounters {

    private static final Logger LOG = Logger.getLogger(RateCounters.class);

    static final int MAX_NAMED = 1_000_000;
    static final int MAX_ADDRESSES = 100_000;
    static final String ADDRESS = "address:";

    /** One counter's current window: its name, where the window starts (epoch milliseconds) and how long it is. */
    public record Window(String counter, long start, long millis) {

        /** Milliseconds until the window ends. */
        long leftAt(long now) {
            return Math.max(1, start + millis - now);
        }
    }

    private final MemoryCounters named = new MemoryCounters(MAX_NAMED);
    private final MemoryCounters addresses = new MemoryCounters(MAX_ADDRESSES);
    private final RedisCounters redis;

    @Inject
    public RateCounters(GatewayConfig config, Instance<Redis> client) {
        GatewayConfig.RateLimits limits = config.rateLimits();
        if (limits.store() == GatewayConfig.CounterStore.REDIS) {
            this.redis = new RedisCounters(client.get(), limits.redis(), this::inMemory);
            LOG.info("rate-limit counters are shared by every replica in Redis (quarkus.redis.hosts)");
        } else {
            this.redis = null;
            LOG.debug("rate-limit counters are in this replica's memory");
        }
    }

    /** Counters in this replica's memory only (the {@code memory} store). */
    RateCounters() {
        this.redis = null;
    }

    /** Adds one to each window's counter; answers the counts after the addition, in the same order. */
    public Future<long[]> increment(List<Window> windows, long now) {
        return redis != null ? redis.increment(windows, now) : inMemory(windows, now);
    }

    /** The count in a window so far (0 if nothing was counted). */
    public Future<Long> count(Window window) {
        return redis != null ? redis.count(window, this::countInMemory) : Future.succeededFuture(countInMemory(window));
    }

    /** Forgets a counter in this replica's memory (Redis lets its windows expire). */
    public void forget(String counter) {
        memoryFor(counter).forget(counter);
    }

    private Future<long[]> inMemory(List<Window> windows, long now) {
        long[] counts = new long[windows.size()];
        for (int i = 0; i < counts.length; i++) {
            Window window = windows.get(i);
            counts[i] = memoryFor(window.counter()).increment(window, now);
        }
        return Future.succeededFuture(counts);
    }

    private long countInMemory(Window window) {
        return memoryFor(window.counter()).count(window);
    }

    private MemoryCounters memoryFor(String counter) {
        return counter.startsWith(ADDRESS) ? addresses : named;
    }
}
