package org.ecogov.gateway.identity;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Per-key rate limits in fixed windows: at most {@code limit} requests in each window of {@code window}
 * seconds, windows aligned to the epoch so {@code RateLimit-Reset} is simply the seconds to the next
 * boundary. Counts live in this replica's memory: with N replicas behind a balancer a key gets up to N
 * times its limit (noted in the gateway's README; a shared counter would cost a round trip per request).
 */
@ApplicationScoped
public class RateLimiter {

    /** The outcome, with everything the {@code RateLimit-*} headers need. */
    public record Decision(boolean allowed, int limit, long remaining, long resetSeconds) {
    }

    private record Window(long start, AtomicLong count) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final LongSupplier epochMillis;

    public RateLimiter() {
        this(System::currentTimeMillis);
    }

    RateLimiter(LongSupplier epochMillis) {
        this.epochMillis = epochMillis;
    }

    /** Counts one request against the key's current window. */
    public Decision acquire(String keyId, int limit, int windowSeconds) {
        long now = epochMillis.getAsLong();
        long windowMillis = windowSeconds * 1000L;
        long start = now - Math.floorMod(now, windowMillis);
        Window window = windows.compute(keyId, (id, current) ->
                current != null && current.start() == start ? current : new Window(start, new AtomicLong()));
        long used = window.count().incrementAndGet();
        long reset = Math.max(1, (start + windowMillis - now + 999) / 1000);
        boolean allowed = used <= limit;
        return new Decision(allowed, limit, Math.max(0, limit - Math.min(used, limit)), reset);
    }

    /** Forgets a key's window (its record changed or it was revoked). */
    public void forget(String keyId) {
        windows.remove(keyId);
    }
}
