package org.ecogov.runtime.events;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The events backbone's gauges (Micrometer; Prometheus at /q/metrics where the service has the registry):
 * <ul>
 * <li>{@code ecogov_events_outbox_backlog}: events appended but not yet accepted by the broker;</li>
 * <li>{@code ecogov_events_outbox_oldest_age_seconds}: how long the oldest of them has waited (0 when none);</li>
 * <li>{@code ecogov_events_dead_letters}: dead letters waiting for a platform-admin.</li>
 * </ul>
 * They are read from the tables every {@code ecogov.events.metrics-interval} (one small query), so every replica
 * reports the service's whole backlog, not only what it appended itself.
 */
@ApplicationScoped
@IfBuildProperty(name = "ecogov.events.enabled", stringValue = "true")
public class EventMetrics {

    private static final Logger LOG = Logger.getLogger(EventMetrics.class);

    private final Pool pool;
    private final Vertx vertx;
    private final EventsConfig config;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestAgeMillis = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private long timer = -1;

    public EventMetrics(Pool pool, Vertx vertx, EventsConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.vertx = vertx;
        this.config = config;
        Gauge.builder("ecogov.events.outbox.backlog", backlog, AtomicLong::get)
                .description("Events in the outbox not yet accepted by the broker").register(registry);
        Gauge.builder("ecogov.events.outbox.oldest.age", oldestAgeMillis, millis -> millis.get() / 1000.0)
                .baseUnit("seconds")
                .description("How long the oldest unsent event has waited in the outbox").register(registry);
        Gauge.builder("ecogov.events.dead.letters", deadLetters, AtomicLong::get)
                .description("Dead letters waiting to be replayed").register(registry);
    }

    void start(@Observes StartupEvent startup) {
        timer = vertx.setPeriodic(1, config.metricsInterval().toMillis(), tick -> refresh());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    void refresh() {
        pool.query("""
                        select (select count(*) from event_outbox where sent_at is null),
                               (select coalesce(extract(epoch from clock_timestamp() - min(created_at)) * 1000, 0)::bigint
                                  from event_outbox where sent_at is null),
                               (select count(*) from event_dead_letter where replayed_at is null)""")
                .execute()
                .subscribe().with(rows -> {
                    var row = rows.iterator().next();
                    backlog.set(row.getLong(0));
                    oldestAgeMillis.set(row.getLong(1));
                    deadLetters.set(row.getLong(2));
                }, failure -> LOG.debugf("event gauges not refreshed: %s", failure.toString()));
    }
}
