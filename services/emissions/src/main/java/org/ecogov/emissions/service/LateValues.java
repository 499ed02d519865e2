package org.ecogov.emissions.service;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecogov.emissions.domain.DataFlag;
import org.ecogov.emissions.domain.Measurement;
import org.ecogov.emissions.domain.MeasurementKind;
import org.ecogov.emissions.repository.ExceedanceStore;
import org.ecogov.emissions.service.Judgement.Evidence;
import org.ecogov.emissions.service.Judgement.Gap;
import org.ecogov.emissions.service.Judgement.Limit;
import org.ecogov.emissions.service.Judgement.Permit;
import org.ecogov.emissions.service.Judgement.Run;
import org.ecogov.emissions.service.Judgement.Series;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Judges late values: hourly and daily values new to the table whose period is at or before the latest one their
 * series held already, so that in-order judging ({@link Judgement}) has gone past them. Each is judged against the
 * stored exceedances and gaps of its series, one at a time in time order, in the ingest's transaction:
 * <ul>
 * <li>an exceeding value inside an exceedance (from its first period until the value that closed it, or still open)
 * joins it; one just before an exceedance (the series' next normal value is that exceedance's first) makes it begin
 * earlier; otherwise it opens an exceedance of its own period, closed by the series' next normal value inside the
 * limit (open if the series has none later);</li>
 * <li>a value inside its limit changes no exceedance: one already opened is never split nor its close moved;</li>
 * <li>a flagged value (M, C, D) inside a flagged gap of its series counts one more period of it; otherwise it is a
 * gap of its own period, opened and closed at once.</li>
 * </ul>
 * A late value the table already held (a duplicate) is not judged at all.
 */
@ApplicationScoped
public class LateValues {

    private final ExceedanceStore store;

    public LateValues(ExceedanceStore store) {
        this.store = store;
    }

    public Uni<Void> judge(SqlConnection conn, String uscc, List<Measurement> late, List<Limit> limits,
            List<Permit> permits, ZoneId zone, Instant at) {
        return Multi.createFrom().iterable(late.stream().sorted(Comparator.comparing(Measurement::time)).toList())
                .onItem().transformToUniAndConcatenate(v -> one(conn, uscc, v, limits, permits, zone, at))
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> one(SqlConnection conn, String uscc, Measurement v, List<Limit> limits, List<Permit> permits,
            ZoneId zone, Instant at) {
        Series series = new Series(v.outlet(), v.pollutant(), v.kind());
        Instant period = Judgement.period(v, zone);
        if (v.flag().isGap()) {
            return store.joinGap(conn, uscc, series, period).chain(joined -> {
                if (joined) {
                    return Uni.createFrom().voidItem();
                }
                Gap gap = new Gap(null, series, v.flag().name(), period, period, 1);
                gap.closedBy = period;
                return store.saveLateGap(conn, uscc, gap, at);
            });
        }
        if (v.flag() != DataFlag.N || v.avg() == null) {
            return Uni.createFrom().voidItem();
        }
        Limit limit = Judgement.limitAt(limits, permits, v.outlet(), v.pollutant(), period);
        Double broken = limit == null ? null : Judgement.broken(limit, v.avg());
        if (broken == null) {
            return Uni.createFrom().voidItem(); // inside the limit (or none in force): no exceedance is split
        }
        Evidence evidence = new Evidence(period, v.avg(), broken);
        return store.runAround(conn, uscc, series, period).chain(around -> {
            if (around.isPresent()) {
                return store.join(conn, uscc, series, around.get().id(), evidence).replaceWithVoid();
            }
            Instant after = v.kind() == MeasurementKind.DAILY ? period.plus(Duration.ofDays(1)).minusNanos(1000)
                    : v.time();
            return store.nextNormal(conn, uscc, series, after.plusNanos(1000)).chain(next -> {
                if (next.isEmpty()) {
                    return open(conn, uscc, series, evidence, null, at);
                }
                Instant nextPeriod = Judgement.period(next.get(), zone);
                Limit nextLimit = Judgement.limitAt(limits, permits, v.outlet(), v.pollutant(), nextPeriod);
                boolean nextExceeds = nextLimit != null && Judgement.broken(nextLimit, next.get().avg()) != null;
                if (!nextExceeds) {
                    return open(conn, uscc, series, evidence, nextPeriod, at);
                }
                return store.runFrom(conn, uscc, series, nextPeriod).chain(following -> following.isPresent()
                        ? store.join(conn, uscc, series, following.get().id(), evidence).replaceWithVoid()
                        : open(conn, uscc, series, evidence, nextPeriod, at));
            });
        });
    }

    private Uni<Void> open(SqlConnection conn, String uscc, Series series, Evidence e, Instant closedBy, Instant at) {
        double ratio = e.limit() == 0 ? Double.POSITIVE_INFINITY : e.value() / e.limit();
        Run run = new Run(null, series, e.period(), e.period(), 1, e.value(), e.limit(), ratio);
        run.evidence.add(e);
        run.closedBy = closedBy;
        run.changed = true;
        return store.saveLateRun(conn, uscc, run, at);
    }
}
