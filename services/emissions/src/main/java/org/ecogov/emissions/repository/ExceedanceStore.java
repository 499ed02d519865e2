package org.ecogov.emissions.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ecogov.emissions.domain.Measurement;
import org.ecogov.emissions.domain.MeasurementKind;
import org.ecogov.emissions.service.Judgement.Evidence;
import org.ecogov.emissions.service.Judgement.Gap;
import org.ecogov.emissions.service.Judgement.Limit;
import org.ecogov.emissions.service.Judgement.Permit;
import org.ecogov.emissions.service.Judgement.Run;
import org.ecogov.emissions.service.Judgement.Series;
import org.ecogov.runtime.events.DomainEvent;
import org.ecogov.runtime.events.Outbox;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Exceedances, data gaps and outlet activity, read and written in the ingest's transaction (its connection), with
 * their events appended to the outbox in the same transaction.
 */
@ApplicationScoped
public class ExceedanceStore {

    public static final String EVENT_PREFIX = "org.ecogov.emissions.";

    private final ObjectMapper json;
    private final String source;

    public ExceedanceStore(ObjectMapper json, @ConfigProperty(name = "ecogov.events.source") String source) {
        this.json = json;
        this.source = source;
    }

    public Uni<List<Limit>> limits(SqlConnection conn, String uscc) {
        return conn.preparedQuery("""
                        select outlet_code, pollutant, limit_min, limit_max, valid_from, valid_to from outlet_limit
                        where uscc = $1""")
                .execute(Tuple.of(uscc))
                .map(rows -> {
                    List<Limit> limits = new ArrayList<>();
                    for (Row r : rows) {
                        limits.add(new Limit(r.getString(0), r.getString(1), r.getDouble(2), r.getDouble(3),
                                instant(r.getOffsetDateTime(4)), instant(r.getOffsetDateTime(5))));
                    }
                    return limits;
                });
    }

    /** The enterprise's permits as they bear on judging: days counted in {@code zone} (the agency's). */
    public Uni<List<Permit>> permits(SqlConnection conn, String uscc, ZoneId zone) {
        return conn.preparedQuery("select outlet_codes, valid_from, valid_to, revoked_at from permit_copy where uscc = $1")
                .execute(Tuple.of(uscc))
                .map(rows -> {
                    List<Permit> permits = new ArrayList<>();
                    for (Row r : rows) {
                        permits.add(permit(r, zone));
                    }
                    return permits;
                });
    }

    /**
     * A permit row (outlet_codes, valid_from, valid_to, revoked_at) as it bears on judging: from the start of its
     * first day to the end of its last in {@code zone}, or its revocation if earlier.
     */
    public static Permit permit(Row r, ZoneId zone) {
        Instant end = r.getLocalDate(2).plusDays(1).atStartOfDay(zone).toInstant();
        Instant revoked = instant(r.getOffsetDateTime(3));
        return new Permit(Set.of(r.getArrayOfStrings(0)), r.getLocalDate(1).atStartOfDay(zone).toInstant(),
                revoked != null && revoked.isBefore(end) ? revoked : end);
    }

    /** The enterprise's open exceedances, locked until the transaction ends (one ingest judges a series at a time). */
    public Uni<Map<Series, Run>> openRuns(SqlConnection conn, String uscc) {
        return conn.preparedQuery("""
                        select id, outlet_code, pollutant, kind, first_period, last_period, periods, max_value, limit_value,
                            max_ratio from exceedance where uscc = $1 and status = 'open' for update""")
                .execute(Tuple.of(uscc))
                .map(rows -> {
                    Map<Series, Run> runs = new HashMap<>();
                    for (Row r : rows) {
                        Series series = new Series(r.getString(1), r.getString(2), MeasurementKind.of(r.getString(3)).orElseThrow());
                        runs.put(series, new Run(r.getLong(0), series, instant(r.getOffsetDateTime(4)),
                                instant(r.getOffsetDateTime(5)), r.getInteger(6), r.getDouble(7), r.getDouble(8),
                                r.getDouble(9)));
                    }
                    return runs;
                });
    }

    public Uni<Map<Series, Gap>> openGaps(SqlConnection conn, String uscc) {
        return conn.preparedQuery("""
                        select id, outlet_code, pollutant, kind, flag, first_period, last_period, periods from data_gap
                        where uscc = $1 and status = 'open' and reason = 'flagged' for update""")
                .execute(Tuple.of(uscc))
                .map(rows -> {
                    Map<Series, Gap> gaps = new HashMap<>();
                    for (Row r : rows) {
                        Series series = new Series(r.getString(1), r.getString(2), MeasurementKind.of(r.getString(3)).orElseThrow());
                        gaps.put(series, new Gap(r.getLong(0), series, r.getString(4), instant(r.getOffsetDateTime(5)),
                                instant(r.getOffsetDateTime(6)), r.getInteger(7)));
                    }
                    return gaps;
                });
    }

    public Uni<Void> saveRuns(SqlConnection conn, String uscc, List<Run> runs, Instant at) {
        return Multi.createFrom().iterable(runs).onItem().transformToUniAndConcatenate(run -> saveRun(conn, uscc, run, at))
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> saveRun(SqlConnection conn, String uscc, Run run, Instant at) {
        Uni<Saved> id = run.id == null
                ? conn.preparedQuery("""
                                insert into exceedance (uscc, outlet_code, pollutant, kind, status, first_period, last_period,
                                    periods, max_value, limit_value, max_ratio, closed_by, opened_at, closed_at)
                                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) returning id, ref""")
                        .execute(Tuple.from(new Object[] {uscc, run.series.outlet(), run.series.pollutant(),
                                run.series.kind().value(), run.closed() ? "closed" : "open", utc(run.firstPeriod),
                                utc(run.lastPeriod), run.periods, run.maxValue, run.limitValue, run.maxRatio,
                                utc(run.closedBy), utc(at), run.closed() ? utc(at) : null}))
                        .map(Saved::of)
                : conn.preparedQuery("""
                                update exceedance set last_period = $2, periods = $3, max_value = $4, max_ratio = $5,
                                    status = $6, closed_by = $7, closed_at = $8 where id = $1 returning id, ref""")
                        .execute(Tuple.from(new Object[] {run.id, utc(run.lastPeriod), run.periods, run.maxValue,
                                run.maxRatio, run.closed() ? "closed" : "open", utc(run.closedBy),
                                run.closed() ? utc(at) : null}))
                        .map(Saved::of);
        return id.chain(saved -> evidence(conn, saved.id(), run.evidence)
                .chain(() -> {
                    String subject = "enterprises/" + uscc + "/outlets/" + run.series.outlet() + "/exceedances/" + saved.ref();
                    Map<String, Object> data = Map.of("exceedance", exceedance(saved.ref(), uscc, run));
                    List<String> types = new ArrayList<>();
                    if (run.id == null) {
                        types.add("exceedance.opened.v1");
                    } else if (!run.evidence.isEmpty()) {
                        types.add("exceedance.extended.v1");
                    }
                    if (run.closed()) {
                        types.add("exceedance.closed.v1");
                    }
                    return Multi.createFrom().iterable(types).onItem()
                            .transformToUniAndConcatenate(type -> append(conn, EVENT_PREFIX + type, subject, data))
                            .collect().last();
                })).replaceWithVoid();
    }

    private Uni<Void> evidence(SqlConnection conn, long id, List<Evidence> evidence) {
        if (evidence.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        OffsetDateTime[] periods = evidence.stream().map(e -> utc(e.period())).toArray(OffsetDateTime[]::new);
        Double[] values = evidence.stream().map(Evidence::value).toArray(Double[]::new);
        Double[] limits = evidence.stream().map(Evidence::limit).toArray(Double[]::new);
        return conn.preparedQuery("""
                        insert into exceedance_value (exceedance_id, period, value, limit_value)
                        select $1, p, v, l from unnest($2::timestamptz[], $3::float8[], $4::float8[]) as e(p, v, l)
                        on conflict do nothing""")
                .execute(Tuple.of(id, periods, values, limits)).replaceWithVoid();
    }

    /** A row written: its key within the service, and the id the API and the events show. */
    private record Saved(long id, UUID ref) {

        static Saved of(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
            Row row = rows.iterator().next();
            return new Saved(row.getLong(0), row.getUUID(1));
        }
    }

    private static Map<String, Object> exceedance(UUID id, String uscc, Run run) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", id);
        e.put("uscc", uscc);
        e.put("outlet", run.series.outlet());
        e.put("pollutant", run.series.pollutant());
        e.put("kind", run.series.kind().value());
        e.put("status", run.closed() ? "closed" : "open");
        e.put("firstPeriod", run.firstPeriod.toString());
        e.put("lastPeriod", run.lastPeriod.toString());
        e.put("periods", run.periods);
        e.put("maxValue", run.maxValue);
        e.put("limit", run.limitValue);
        e.put("maxRatio", run.maxRatio);
        if (run.closed()) {
            e.put("closedBy", run.closedBy.toString());
        }
        return e;
    }

    public Uni<Void> saveGaps(SqlConnection conn, String uscc, List<Gap> gaps, Instant at) {
        return Multi.createFrom().iterable(gaps).onItem().transformToUniAndConcatenate(gap -> saveGap(conn, uscc, gap, at))
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> saveGap(SqlConnection conn, String uscc, Gap gap, Instant at) {
        boolean closed = gap.closedBy != null;
        Uni<Saved> id = gap.id == null
                ? conn.preparedQuery("""
                                insert into data_gap (uscc, outlet_code, reason, pollutant, kind, flag, first_period,
                                    last_period, periods, status, opened_at, closed_at)
                                values ($1, $2, 'flagged', $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id, ref""")
                        .execute(Tuple.from(new Object[] {uscc, gap.series.outlet(), gap.series.pollutant(),
                                gap.series.kind().value(), gap.flag, utc(gap.firstPeriod), utc(gap.lastPeriod),
                                gap.periods, closed ? "closed" : "open", utc(at), closed ? utc(at) : null}))
                        .map(Saved::of)
                : conn.preparedQuery("""
                                update data_gap set last_period = $2, periods = $3, status = $4, closed_at = $5
                                where id = $1 returning id, ref""")
                        .execute(Tuple.from(new Object[] {gap.id, utc(gap.lastPeriod), gap.periods,
                                closed ? "closed" : "open", closed ? utc(at) : null}))
                        .map(Saved::of);
        return id.chain(saved -> {
            Map<String, Object> data = Map.of("dataGap", gapData(saved.ref(), uscc, gap.series.outlet(), "flagged",
                    gap.series.pollutant(), gap.series.kind().value(), gap.flag, gap.firstPeriod, gap.lastPeriod, closed));
            String subject = "enterprises/" + uscc + "/outlets/" + gap.series.outlet() + "/data-gaps/" + saved.ref();
            List<String> types = new ArrayList<>();
            if (gap.id == null) {
                types.add("data-gap.opened.v1");
            }
            if (closed) {
                types.add("data-gap.closed.v1");
            }
            return Multi.createFrom().iterable(types).onItem()
                    .transformToUniAndConcatenate(type -> append(conn, EVENT_PREFIX + type, subject, data))
                    .collect().last().replaceWithVoid();
        });
    }

    public static Map<String, Object> gapData(UUID id, String uscc, String outlet, String reason, String pollutant,
            String kind, String flag, Instant first, Instant last, boolean closed) {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("id", id);
        g.put("uscc", uscc);
        g.put("outlet", outlet);
        g.put("reason", reason);
        if (pollutant != null) {
            g.put("pollutant", pollutant);
            g.put("kind", kind);
            g.put("flag", flag);
        }
        g.put("firstPeriod", first.toString());
        g.put("lastPeriod", last.toString());
        g.put("status", closed ? "closed" : "open");
        return g;
    }

    /** Notes the outlets' latest values, and closes a silent gap of an outlet that speaks again. */
    public Uni<Void> activity(SqlConnection conn, String uscc, List<Measurement> values, Instant at) {
        Map<String, Instant> latest = new HashMap<>();
        for (Measurement v : values) {
            latest.merge(v.outlet(), v.time(), (a, b) -> a.isAfter(b) ? a : b);
        }
        return Multi.createFrom().iterable(latest.entrySet()).onItem().transformToUniAndConcatenate(e -> conn.preparedQuery("""
                                insert into outlet_activity (uscc, outlet_code, last_measured, last_received)
                                values ($1, $2, $3, $4) on conflict (uscc, outlet_code) do update
                                set last_measured = greatest(outlet_activity.last_measured, excluded.last_measured),
                                    last_received = excluded.last_received""")
                        .execute(Tuple.of(uscc, e.getKey(), utc(e.getValue()), utc(at)))
                        .chain(() -> conn.preparedQuery("""
                                        update data_gap set status = 'closed', closed_at = $3, last_period = $4
                                        where uscc = $1 and outlet_code = $2 and reason = 'silent' and status = 'open'
                                        returning ref, first_period""")
                                .execute(Tuple.of(uscc, e.getKey(), utc(at), utc(e.getValue()))))
                        .chain(closed -> closed.rowCount() == 0 ? Uni.createFrom().voidItem() : append(conn,
                                EVENT_PREFIX + "data-gap.closed.v1", "enterprises/" + uscc + "/outlets/" + e.getKey()
                                        + "/data-gaps/" + closed.iterator().next().getUUID(0),
                                Map.of("dataGap", gapData(closed.iterator().next().getUUID(0), uscc, e.getKey(), "silent",
                                        null, null, null, instant(closed.iterator().next().getOffsetDateTime(1)),
                                        e.getValue(), true)))))
                .collect().last().replaceWithVoid();
    }

    /**
     * The latest time the table held a value of each of the series before this batch's values went in (called before
     * the insert); a series without any is absent. Index probes only: one backward step per series and partition.
     */
    public Uni<Map<Series, Instant>> lastStored(SqlConnection conn, String uscc, Set<Series> series) {
        if (series.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<Series> list = new ArrayList<>(series);
        return conn.preparedQuery("""
                        select s.o, s.p, s.k, (select max(m.measured_at) from measurement m where m.uscc = $1
                            and m.outlet_code = s.o and m.pollutant = s.p and m.kind = s.k)
                        from unnest($2::varchar[], $3::varchar[], $4::varchar[]) as s(o, p, k)""")
                .execute(Tuple.of(uscc, list.stream().map(Series::outlet).toArray(String[]::new),
                        list.stream().map(Series::pollutant).toArray(String[]::new),
                        list.stream().map(x -> x.kind().value()).toArray(String[]::new)))
                .map(rows -> {
                    Map<Series, Instant> last = new HashMap<>();
                    for (Row r : rows) {
                        if (r.getOffsetDateTime(3) != null) {
                            last.put(new Series(r.getString(0), r.getString(1), MeasurementKind.of(r.getString(2)).orElseThrow()),
                                    r.getOffsetDateTime(3).toInstant());
                        }
                    }
                    return last;
                });
    }

    /** Which of {@code values} this batch stored (the others were held already: duplicates, never judged again). */
    public Uni<Set<Measurement.Key>> storedBy(SqlConnection conn, String uscc, UUID batchId, List<Measurement> values) {
        return conn.preparedQuery("""
                        select m.outlet_code, m.pollutant, m.kind, m.measured_at from measurement m
                        join unnest($3::varchar[], $4::varchar[], $5::varchar[], $6::timestamptz[]) as v(o, p, k, t)
                            on m.outlet_code = v.o and m.pollutant = v.p and m.kind = v.k and m.measured_at = v.t
                        where m.uscc = $1 and m.batch_id = $2""")
                .execute(Tuple.from(new Object[] {uscc, batchId,
                        values.stream().map(Measurement::outlet).toArray(String[]::new),
                        values.stream().map(Measurement::pollutant).toArray(String[]::new),
                        values.stream().map(v -> v.kind().value()).toArray(String[]::new),
                        values.stream().map(v -> utc(v.time())).toArray(OffsetDateTime[]::new)}))
                .map(rows -> {
                    Set<Measurement.Key> keys = new java.util.HashSet<>();
                    for (Row r : rows) {
                        keys.add(new Measurement.Key(r.getString(0), r.getString(1),
                                MeasurementKind.of(r.getString(2)).orElseThrow(), r.getOffsetDateTime(3).toInstant()));
                    }
                    return keys;
                });
    }

    /** A stored exceedance of a series, as a late value finds it. */
    public record StoredRun(long id, Instant firstPeriod, Instant lastPeriod, boolean open, Instant closedBy) {
    }

    private static final String RUN_COLUMNS = "id, first_period, last_period, status, closed_by";

    private static java.util.Optional<StoredRun> storedRun(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        if (rows.rowCount() == 0) {
            return java.util.Optional.empty();
        }
        Row r = rows.iterator().next();
        return java.util.Optional.of(new StoredRun(r.getLong(0), instant(r.getOffsetDateTime(1)),
                instant(r.getOffsetDateTime(2)), "open".equals(r.getString(3)), instant(r.getOffsetDateTime(4))));
    }

    /**
     * The exceedance of the series a period belongs to: it began at or before the period and was still running then
     * (open, or closed by a later period). Locked until the transaction ends.
     */
    public Uni<java.util.Optional<StoredRun>> runAround(SqlConnection conn, String uscc, Series series, Instant period) {
        return conn.preparedQuery("select " + RUN_COLUMNS + """
                         from exceedance where uscc = $1 and outlet_code = $2 and pollutant = $3 and kind = $4
                        and first_period <= $5 and (status = 'open' or closed_by > $5)
                        order by first_period desc limit 1 for update""")
                .execute(Tuple.of(uscc, series.outlet(), series.pollutant(), series.kind().value(), utc(period)))
                .map(ExceedanceStore::storedRun);
    }

    /** The exceedance of the series beginning at a period, locked. */
    public Uni<java.util.Optional<StoredRun>> runFrom(SqlConnection conn, String uscc, Series series, Instant period) {
        return conn.preparedQuery("select " + RUN_COLUMNS + """
                         from exceedance where uscc = $1 and outlet_code = $2 and pollutant = $3 and kind = $4
                        and first_period = $5 for update""")
                .execute(Tuple.of(uscc, series.outlet(), series.pollutant(), series.kind().value(), utc(period)))
                .map(ExceedanceStore::storedRun);
    }

    /** The series' first stored normal value with an average at or after {@code from}: its time and average. */
    public Uni<java.util.Optional<Measurement>> nextNormal(SqlConnection conn, String uscc, Series series, Instant from) {
        return conn.preparedQuery("""
                        select measured_at, avg_value from measurement where uscc = $1 and outlet_code = $2
                        and pollutant = $3 and kind = $4 and measured_at >= $5 and flag = 'N' and avg_value is not null
                        order by measured_at limit 1""")
                .execute(Tuple.of(uscc, series.outlet(), series.pollutant(), series.kind().value(), utc(from)))
                .map(rows -> rows.rowCount() == 0 ? java.util.Optional.<Measurement>empty()
                        : java.util.Optional.of(new Measurement(series.outlet(), series.pollutant(), series.kind(),
                                rows.iterator().next().getOffsetDateTime(0).toInstant(),
                                rows.iterator().next().getDouble(1), null, null,
                                org.ecogov.emissions.domain.DataFlag.N)));
    }

    /**
     * A late exceeding value joins a stored exceedance: its evidence, one more period, the exceedance reaching back
     * or forward to it; event {@code exceedance.extended}. False (nothing changed) when the exceedance holds
     * evidence of that period already.
     */
    public Uni<Boolean> join(SqlConnection conn, String uscc, Series series, long id, Evidence evidence) {
        return conn.preparedQuery("""
                        insert into exceedance_value (exceedance_id, period, value, limit_value) values ($1, $2, $3, $4)
                        on conflict do nothing""")
                .execute(Tuple.of(id, utc(evidence.period()), evidence.value(), evidence.limit()))
                .chain(inserted -> inserted.rowCount() == 0 ? Uni.createFrom().item(false) : conn.preparedQuery("""
                                update exceedance set first_period = least(first_period, $2),
                                    last_period = greatest(last_period, $2), periods = periods + 1,
                                    max_value = greatest(max_value, $3), max_ratio = greatest(max_ratio, $4)
                                where id = $1
                                returning ref, first_period, last_period, periods, max_value, limit_value, max_ratio,
                                    status, closed_by""")
                        .execute(Tuple.of(id, utc(evidence.period()), evidence.value(),
                                evidence.limit() == 0 ? Double.POSITIVE_INFINITY : evidence.value() / evidence.limit()))
                        .chain(rows -> {
                            Row r = rows.iterator().next();
                            Run run = new Run(id, series, instant(r.getOffsetDateTime(1)), instant(r.getOffsetDateTime(2)),
                                    r.getInteger(3), r.getDouble(4), r.getDouble(5), r.getDouble(6));
                            run.closedBy = instant(r.getOffsetDateTime(8));
                            UUID ref = r.getUUID(0);
                            return append(conn, EVENT_PREFIX + "exceedance.extended.v1", "enterprises/" + uscc
                                    + "/outlets/" + series.outlet() + "/exceedances/" + ref,
                                    Map.of("exceedance", exceedance(ref, uscc, run)));
                        })
                        .replaceWith(true));
    }

    /** Saves an exceedance a late value opened (with its events). */
    public Uni<Void> saveLateRun(SqlConnection conn, String uscc, Run run, Instant at) {
        return saveRun(conn, uscc, run, at);
    }

    /**
     * A late flagged value inside a stored flagged gap of its series (first..last period) counts one more period of
     * it; false when there is none.
     */
    public Uni<Boolean> joinGap(SqlConnection conn, String uscc, Series series, Instant period) {
        return conn.preparedQuery("""
                        update data_gap set periods = periods + 1 where id = (select id from data_gap
                            where uscc = $1 and outlet_code = $2 and pollutant = $3 and kind = $4 and reason = 'flagged'
                            and first_period <= $5 and last_period >= $5 order by first_period desc limit 1)""")
                .execute(Tuple.of(uscc, series.outlet(), series.pollutant(), series.kind().value(), utc(period)))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Saves a flagged gap a late value opened and closed (with its events). */
    public Uni<Void> saveLateGap(SqlConnection conn, String uscc, Gap gap, Instant at) {
        return saveGap(conn, uscc, gap, at);
    }

    public Uni<Void> append(SqlConnection conn, String type, String subject, Object data) {
        UUID id = UUID.randomUUID();
        String envelope = Outbox.envelope(json, source, new DomainEvent(type, subject, data), id);
        return conn.preparedQuery(Outbox.APPEND_POSITIONAL).execute(Tuple.of(id, type, subject, envelope)).replaceWithVoid();
    }

    private static OffsetDateTime utc(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
