package org.ecogov.gateway.identity;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecogov.gateway.identity.RateCounters.Window;
import org.ecogov.runtime.time.Clock;

import io.vertx.core.Future;

/**
 * Rate limits in fixed windows: at most {@code limit} requests in each window of {@code windowSeconds}, windows
 * aligned to the epoch (by the runtime's {@link Clock}) so every replica starts and ends them together and
 * {@code RateLimit-Reset} is the seconds to the next boundary. A request may count against several buckets at once
 * (a realm token's subject and client); it is refused when any of them is over its limit, and every bucket counts
 * it either way. Where the counts live is {@link RateCounters}' business: this replica's memory, or Redis shared by
 * every replica.
 */
@ApplicationScoped
public class RateLimiter {

    /**
     * One thing counted: {@code key:<id>}, {@code subject:<sub>}, {@code client:<azp>} or {@code address:<ip>}, with its
     * limit and window.
     */
    public record Bucket(String name, int limit, int windowSeconds) {

        public Bucket {
            if (limit < 1 || windowSeconds < 1) {
                throw new IllegalArgumentException("a rate limit needs at least 1 request in at least 1 s: " + name);
            }
        }
    }

    /** The outcome, with everything the {@code RateLimit-*} headers need. */
    public record Decision(boolean allowed, int limit, long remaining, long resetSeconds) {
    }

    private final RateCounters counters;
    private final Clock clock;

    public RateLimiter(RateCounters counters, Clock clock) {
        this.counters = counters;
        this.clock = clock;
    }

    /**
     * Counts one request against each bucket. The decision is that of the most constrained bucket: among those
     * over their limit the one that resets last (so {@code Retry-After} is long enough for all), else the one with
     * the fewest requests left.
     */
    public Future<Decision> acquire(Bucket... buckets) {
        long now = clock.now().toEpochMilli();
        List<Window> windows = new ArrayList<>(buckets.length);
        for (Bucket bucket : buckets) {
            windows.add(window(bucket, now));
        }
        return counters.increment(windows, now).map(counts -> {
            Decision decided = null;
            for (int i = 0; i < buckets.length; i++) {
                Decision decision = decide(buckets[i], windows.get(i), counts[i], now);
                decided = decided == null ? decision : moreConstrained(decided, decision);
            }
            return decided;
        });
    }

    /** Whether the bucket has no request left in its current window; counts nothing. */
    public Future<Boolean> exhausted(Bucket bucket) {
        long now = clock.now().toEpochMilli();
        return counters.count(window(bucket, now)).map(count -> count >= bucket.limit());
    }

    /** Forgets a bucket's window in this replica (a key's record changed or it was revoked). */
    public void forget(String bucket) {
        counters.forget(bucket);
    }

    private static Window window(Bucket bucket, long now) {
        long millis = bucket.windowSeconds() * 1000L;
        return new Window(bucket.name(), now - Math.floorMod(now, millis), millis);
    }

    private static Decision decide(Bucket bucket, Window window, long used, long now) {
        long reset = Math.max(1, (window.start() + window.millis() - now + 999) / 1000);
        return new Decision(used <= bucket.limit(), bucket.limit(), Math.max(0, bucket.limit() - used), reset);
    }

    private static Decision moreConstrained(Decision a, Decision b) {
        if (a.allowed() != b.allowed()) {
            return a.allowed() ? b : a;
        }
        if (!a.allowed()) {
            return a.resetSeconds() >= b.resetSeconds() ? a : b;
        }
        return a.remaining() <= b.remaining() ? a : b;
    }
}
