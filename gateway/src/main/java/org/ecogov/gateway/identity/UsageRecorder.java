package org.ecogov.gateway.identity;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.ecogov.gateway.config.GatewayConfig;
import org.ecogov.gateway.keys.ApiKeyStore;
import org.ecogov.gateway.keys.ApiKeyStore.UsageDelta;
import org.ecogov.runtime.time.Clock;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * Counts each key's requests per UTC day in memory and adds them to the database every few seconds (and at
 * shutdown), so recording use costs a request nothing but an increment. A failed write keeps the counts for
 * the next attempt.
 */
@ApplicationScoped
public class UsageRecorder {

    private static final Logger LOG = Logger.getLogger(UsageRecorder.class);

    private record Day(String keyId, LocalDate day) {
    }

    private static final class Counts {
        final LongAdder requests = new LongAdder();
        final LongAdder refused = new LongAdder();
    }

    private record LastUse(Instant at, String ip) {
    }

    private final Map<Day, Counts> counts = new ConcurrentHashMap<>();
    private final Map<String, LastUse> lastUse = new ConcurrentHashMap<>();
    private final ApiKeyStore store;
    private final Vertx vertx;
    private final long flushMillis;
    private final Clock clock;
    private long timer = -1;

    public UsageRecorder(ApiKeyStore store, Vertx vertx, GatewayConfig config, Clock clock) {
        this.clock = clock;
        this.store = store;
        this.vertx = vertx;
        this.flushMillis = config.keys().usageFlushEvery().toMillis();
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(flushMillis, id -> flush());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        try {
            flushNow().await().atMost(java.time.Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.warnf("usage of the last seconds not recorded at shutdown: %s", e.getMessage());
        }
    }

    /** A request that was let through with this key. */
    public void served(String keyId, String ip) {
        Instant now = clock.now();
        counts(keyId, now).requests.increment();
        lastUse.put(keyId, new LastUse(now, ip));
    }

    /** A request with a valid key that was refused (rate limit, scope, address). */
    public void refused(String keyId, String ip) {
        Instant now = clock.now();
        counts(keyId, now).refused.increment();
        lastUse.put(keyId, new LastUse(now, ip));
    }

    private Counts counts(String keyId, Instant now) {
        return counts.computeIfAbsent(new Day(keyId, LocalDate.ofInstant(now, ZoneOffset.UTC)), d -> new Counts());
    }

    private void flush() {
        flushNow().subscribe().with(done -> { }, e -> LOG.warnf("usage not recorded yet, will retry: %s", e.getMessage()));
    }

    /** Writes what has been counted so far; what fails to be written is counted again for the next flush. */
    public io.smallrye.mutiny.Uni<Void> flushNow() {
        List<UsageDelta> deltas = new ArrayList<>();
        LocalDate today = LocalDate.ofInstant(clock.now(), ZoneOffset.UTC);
        for (Map.Entry<Day, Counts> entry : counts.entrySet()) {
            Day day = entry.getKey();
            // each adder cell is swapped for zero atomically: an increment racing with this lands in one
            // flush or the next, never in neither
            long requests = entry.getValue().requests.sumThenReset();
            long refused = entry.getValue().refused.sumThenReset();
            if (requests == 0 && refused == 0) {
                if (day.day().isBefore(today)) {
                    counts.remove(day, entry.getValue());
                }
                continue;
            }
            LastUse last = lastUse.remove(day.keyId());
            deltas.add(new UsageDelta(day.keyId(), day.day(), requests, refused,
                    last == null ? null : last.at(), last == null ? null : last.ip()));
        }
        return store.addUsage(deltas).onFailure().invoke(e -> deltas.forEach(d -> {
            Counts c = counts.computeIfAbsent(new Day(d.keyId(), d.day()), x -> new Counts());
            c.requests.add(d.requests());
            c.refused.add(d.refused());
            if (d.lastUsedAt() != null) {
                lastUse.putIfAbsent(d.keyId(), new LastUse(d.lastUsedAt(), d.lastUsedIp()));
            }
        }));
    }
}
