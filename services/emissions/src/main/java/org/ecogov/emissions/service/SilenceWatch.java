package org.ecogov.emissions.service;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecogov.emissions.config.EmissionsConfig;
import org.ecogov.emissions.repository.ExceedanceStore;
import org.ecogov.runtime.time.Clock;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A silent device is itself a finding: an outlet that has sent nothing for {@code emissions.gaps.silence} (since its
 * last value, or since the copy learnt of it) gets a data gap of reason {@code silent}, with its event; the outlet's
 * next batch closes it.
 */
@ApplicationScoped
public class SilenceWatch {

    private static final Logger LOG = Logger.getLogger(SilenceWatch.class);

    private final Pool pool;
    private final ExceedanceStore store;
    private final Clock clock;
    private final EmissionsConfig config;

    public SilenceWatch(Pool pool, ExceedanceStore store, Clock clock, EmissionsConfig config) {
        this.pool = pool;
        this.store = store;
        this.clock = clock;
        this.config = config;
    }

    @Scheduled(every = "${emissions.gaps.check:10m}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> regularly() {
        return check().onFailure().invoke(failure -> LOG.errorf(failure, "looking for silent outlets failed"))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Opens a silent gap for each outlet silent too long that has none open; how many it opened. */
    public Uni<Integer> check() {
        Instant now = clock.now();
        OffsetDateTime since = now.minus(config.gaps().silence()).atOffset(ZoneOffset.UTC);
        return pool.withTransaction(conn -> conn.preparedQuery("""
                        insert into data_gap (uscc, outlet_code, reason, first_period, last_period, periods, status, opened_at)
                        select o.uscc, o.outlet_code, 'silent', coalesce(a.last_measured, o.copied_at), $2, 0, 'open', $2
                        from outlet_copy o left join outlet_activity a on a.uscc = o.uscc and a.outlet_code = o.outlet_code
                        where coalesce(a.last_received, o.copied_at) < $1
                          and not exists (select 1 from data_gap g where g.uscc = o.uscc and g.outlet_code = o.outlet_code
                                          and g.reason = 'silent' and g.status = 'open')
                        returning ref, uscc, outlet_code, first_period""")
                .execute(Tuple.of(since, now.atOffset(ZoneOffset.UTC)))
                .chain(rows -> Multi.createFrom().iterable(rows).onItem().transformToUniAndConcatenate((Row r) -> store.append(conn,
                                ExceedanceStore.EVENT_PREFIX + "data-gap.opened.v1",
                                "enterprises/" + r.getString(1) + "/outlets/" + r.getString(2) + "/data-gaps/" + r.getUUID(0),
                                java.util.Map.of("dataGap", ExceedanceStore.gapData(r.getUUID(0), r.getString(1), r.getString(2),
                                        "silent", null, null, null, r.getOffsetDateTime(3).toInstant(), now, false))))
                        .collect().asList().map(opened -> opened.size())));
    }
}
