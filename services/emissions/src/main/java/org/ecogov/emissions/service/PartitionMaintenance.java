package org.ecogov.emissions.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.ecogov.emissions.config.EmissionsConfig;
import org.ecogov.runtime.time.Clock;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Keeps the monthly partitions of the measurement table made ahead of time: every month a value may be stored in
 * ({@link MeasurementWindow}) and {@code months-ahead} more, at start and every day. A value is never stored into a
 * partition made for it on the spot: the window decides what is accepted, and its partitions already exist.
 */
@ApplicationScoped
public class PartitionMaintenance {

    private static final Logger LOG = Logger.getLogger(PartitionMaintenance.class);

    private final Pool pool;
    private final Clock clock;
    private final EmissionsConfig config;

    public PartitionMaintenance(Pool pool, Clock clock, EmissionsConfig config) {
        this.pool = pool;
        this.clock = clock;
        this.config = config;
    }

    void atStart(@Observes StartupEvent start) {
        ensure().await().indefinitely();
    }

    @Scheduled(every = "${emissions.measurements.partition-check:6h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> regularly() {
        return ensure().onFailure().invoke(failure -> LOG.errorf(failure, "making measurement partitions ahead failed"))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Makes the partitions from the window's first month to {@code months-ahead} after the current one; how many. */
    public Uni<Integer> ensure() {
        Instant now = clock.now();
        LocalDate first = MeasurementWindow.firstMonth(now, config.measurements().monthsBack());
        LocalDate last = LocalDate.ofInstant(now, ZoneOffset.UTC).withDayOfMonth(1)
                .plusMonths(config.measurements().monthsAhead());
        return ensure(first, last);
    }

    /** Makes the partitions of the months from that of {@code first} to that of {@code last} (UTC) that are missing. */
    public Uni<Integer> ensure(Instant first, Instant last) {
        return ensure(LocalDate.ofInstant(first, ZoneOffset.UTC), LocalDate.ofInstant(last, ZoneOffset.UTC));
    }

    private Uni<Integer> ensure(LocalDate first, LocalDate last) {
        return pool.preparedQuery("select emissions_ensure_partitions($1, $2)")
                .execute(Tuple.of(first, last))
                .map(rows -> rows.iterator().next().getInteger(0))
                .invoke(made -> {
                    if (made > 0) {
                        LOG.infof("made %d measurement partitions (%s to %s)", made, first, last);
                    }
                });
    }
}
