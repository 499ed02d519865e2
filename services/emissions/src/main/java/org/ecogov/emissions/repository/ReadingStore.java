package org.ecogov.emissions.repository;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reading what ingest stored and judged: exceedances, data gaps, series, aggregates and annual discharge. Every
 * query is bounded (a page, a series' 10,000 values, a range of at most 400 days) and served by an index of V4/V6.
 */
@ApplicationScoped
public class ReadingStore {

    public record ExceedanceRow(UUID id, String uscc, String outlet, String pollutant, String kind, String status,
            Instant firstPeriod, Instant lastPeriod, int periods, double maxValue, double limit, double maxRatio,
            Instant closedBy, Instant openedAt, Instant closedAt) {
    }

    public record EvidenceRow(Instant period, double value, double limit) {
    }

    public record GapRow(UUID id, String uscc, String outlet, String reason, String pollutant, String kind, String flag,
            String status, Instant firstPeriod, Instant lastPeriod, int periods, Instant openedAt, Instant closedAt) {
    }

    public record ValueRow(Instant time, Double avg, Double min, Double max, String flag) {
    }

    public record BucketRow(Instant start, Double avg, Double min, Double max, long count, long exceedances,
            long dataGaps) {
    }

    public record DischargeRow(String pollutant, double tonnes, long hours, Double permittedTonnes) {
    }

    /** Where a list page starts: after the item with this first period and id (newest first). */
    public record After(Instant firstPeriod, UUID id) {
    }

    /** What a list of exceedances or gaps is limited to; null members do not limit it. */
    public record Filter(String outlet, String pollutant, String status, String reason, Instant from, Instant to) {
    }

    private final Pool pool;

    public ReadingStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<ExceedanceRow>> exceedances(String uscc, Filter filter, After after, int limit) {
        return pool.preparedQuery("""
                        select ref, uscc, outlet_code, pollutant, kind, status, first_period, last_period, periods,
                            max_value, limit_value, max_ratio, closed_by, opened_at, closed_at
                        from exceedance
                        where uscc = $1 and ($2::text is null or outlet_code = $2) and ($3::text is null or pollutant = $3)
                          and ($4::text is null or status = $4) and ($5::timestamptz is null or last_period >= $5)
                          and ($6::timestamptz is null or first_period < $6)
                          and ($7::timestamptz is null or (first_period, ref) < ($7, $8::uuid))
                        order by first_period desc, ref desc limit $9""")
                .execute(Tuple.from(new Object[] {uscc, filter.outlet(), filter.pollutant(), filter.status(),
                        utc(filter.from()), utc(filter.to()), after == null ? null : utc(after.firstPeriod()),
                        after == null ? null : after.id(), limit}))
                .map(rows -> {
                    List<ExceedanceRow> list = new ArrayList<>();
                    rows.forEach(r -> list.add(exceedance(r)));
                    return list;
                });
    }

    /** The exceedance with this id of this enterprise, and its evidence oldest first; null if there is none. */
    public Uni<Map.Entry<ExceedanceRow, List<EvidenceRow>>> exceedance(String uscc, UUID id) {
        return pool.preparedQuery("""
                        select ref, uscc, outlet_code, pollutant, kind, status, first_period, last_period, periods,
                            max_value, limit_value, max_ratio, closed_by, opened_at, closed_at, id
                        from exceedance where uscc = $1 and ref = $2""")
                .execute(Tuple.of(uscc, id))
                .chain(rows -> {
                    if (rows.rowCount() == 0) {
                        return Uni.createFrom().nullItem();
                    }
                    Row row = rows.iterator().next();
                    ExceedanceRow exceedance = exceedance(row);
                    return pool.preparedQuery("""
                                    select period, value, limit_value from exceedance_value where exceedance_id = $1
                                    order by period""")
                            .execute(Tuple.of(row.getLong(15)))
                            .map(values -> {
                                List<EvidenceRow> evidence = new ArrayList<>();
                                values.forEach(v -> evidence.add(new EvidenceRow(instant(v.getOffsetDateTime(0)),
                                        v.getDouble(1), v.getDouble(2))));
                                return Map.entry(exceedance, evidence);
                            });
                });
    }

    public Uni<List<GapRow>> gaps(String uscc, Filter filter, After after, int limit) {
        return pool.preparedQuery("""
                        select ref, uscc, outlet_code, reason, pollutant, kind, flag, status, first_period, last_period,
                            periods, opened_at, closed_at
                        from data_gap
                        where uscc = $1 and ($2::text is null or outlet_code = $2) and ($3::text is null or reason = $3)
                          and ($4::text is null or status = $4) and ($5::timestamptz is null or last_period >= $5)
                          and ($6::timestamptz is null or first_period < $6)
                          and ($7::timestamptz is null or (first_period, ref) < ($7, $8::uuid))
                        order by first_period desc, ref desc limit $9""")
                .execute(Tuple.from(new Object[] {uscc, filter.outlet(), filter.reason(), filter.status(),
                        utc(filter.from()), utc(filter.to()), after == null ? null : utc(after.firstPeriod()),
                        after == null ? null : after.id(), limit}))
                .map(rows -> {
                    List<GapRow> list = new ArrayList<>();
                    rows.forEach(r -> list.add(new GapRow(r.getUUID(0), r.getString(1), r.getString(2), r.getString(3),
                            r.getString(4), r.getString(5), r.getString(6), r.getString(7),
                            instant(r.getOffsetDateTime(8)), instant(r.getOffsetDateTime(9)), r.getInteger(10),
                            instant(r.getOffsetDateTime(11)), instant(r.getOffsetDateTime(12)))));
                    return list;
                });
    }

    /** Up to {@code limit} values of the series in [from, to), oldest first. */
    public Uni<List<ValueRow>> series(String uscc, String outlet, String pollutant, String kind, Instant from,
            Instant to, int limit) {
        return pool.preparedQuery("""
                        select measured_at, avg_value, min_value, max_value, flag from measurement
                        where uscc = $1 and outlet_code = $2 and pollutant = $3 and kind = $4
                          and measured_at >= $5 and measured_at < $6
                        order by measured_at limit $7""")
                .execute(Tuple.from(new Object[] {uscc, outlet, pollutant, kind, utc(from), utc(to), limit}))
                .map(rows -> {
                    List<ValueRow> list = new ArrayList<>();
                    rows.forEach(r -> list.add(new ValueRow(instant(r.getOffsetDateTime(0)), r.getDouble(1),
                            r.getDouble(2), r.getDouble(3), r.getString(4))));
                    return list;
                });
    }

    /**
     * The buckets ({@code hour}, {@code day}, {@code month}, UTC) of one pollutant's normal values of the given
     * enterprises (one outlet of theirs if {@code outlet} is set) in [from, to), with the exceeding periods and,
     * if {@code withGaps}, the data gaps overlapping each; buckets without values, exceedances or gaps left out.
     * Day and month buckets read the range's whole UTC days from the daily roll-up ({@code measurement_day}, kept by
     * ingest in the values' own statement) and only its partial days from the values.
     */
    public Uni<List<BucketRow>> aggregates(String[] usccs, String outlet, String pollutant, String kind, String bucket,
            Instant from, Instant to, boolean withGaps) {
        Tuple values = Tuple.from(new Object[] {usccs, pollutant, kind, utc(from), utc(to), bucket, outlet});
        Uni<io.vertx.mutiny.sqlclient.RowSet<Row>> measured;
        WholeDays days = "hour".equals(bucket) ? null : WholeDays.of(from, to);
        if (days == null) {
            measured = pool.preparedQuery("""
                            select date_trunc($6::text, measured_at, 'UTC'), avg(avg_value),
                                min(coalesce(min_value, avg_value)), max(coalesce(max_value, avg_value)), count(*)
                            from measurement
                            where uscc = any($1::bpchar[]) and pollutant = $2 and kind = $3 and measured_at >= $4
                              and measured_at < $5 and flag = 'N' and ($7::text is null or outlet_code = $7)
                            group by 1""").execute(values);
        } else {
            // the whole UTC days from the daily roll-up, the partial days at the ends from the values themselves
            measured = pool.preparedQuery("""
                            select date_trunc($6::text, t, 'UTC'), sum(s) / nullif(sum(na), 0), min(lo), max(hi),
                                sum(n)::bigint
                            from (
                                select day::timestamp at time zone 'UTC' t, sum_avg s, n_avg na, lo, hi, n
                                from measurement_day
                                where uscc = any($1::bpchar[]) and pollutant = $2 and kind = $3 and day >= $8
                                  and day < $9 and ($7::text is null or outlet_code = $7)
                                union all
                                select measured_at, avg_value, case when avg_value is null then 0 else 1 end,
                                    coalesce(min_value, avg_value), coalesce(max_value, avg_value), 1
                                from measurement
                                where uscc = any($1::bpchar[]) and pollutant = $2 and kind = $3 and measured_at >= $4
                                  and measured_at < $5 and flag = 'N' and ($7::text is null or outlet_code = $7)
                                  and (measured_at < $10 or measured_at >= $11)) v
                            group by 1""")
                    .execute(Tuple.from(new Object[] {usccs, pollutant, kind, utc(from), utc(to), bucket, outlet,
                            days.first(), days.end(), utc(days.firstStart()), utc(days.endStart())}));
        }
        Uni<io.vertx.mutiny.sqlclient.RowSet<Row>> exceeding = pool.preparedQuery("""
                        select date_trunc($6::text, v.period, 'UTC'), count(*)
                        from exceedance e join exceedance_value v on v.exceedance_id = e.id
                        where e.uscc = any($1::bpchar[]) and e.pollutant = $2 and e.kind = $3 and v.period >= $4
                          and v.period < $5 and ($7::text is null or e.outlet_code = $7)
                        group by 1""").execute(values);
        Uni<io.vertx.mutiny.sqlclient.RowSet<Row>> gaps = !withGaps ? Uni.createFrom().nullItem() : pool.preparedQuery("""
                        select b at time zone 'UTC', count(*)
                        from generate_series(date_trunc($6::text, $4::timestamptz, 'UTC') at time zone 'UTC',
                                             ($5::timestamptz at time zone 'UTC') - interval '1 microsecond',
                                             ('1 ' || $6::text)::interval) b
                        join data_gap g on g.first_period < (b + ('1 ' || $6::text)::interval) at time zone 'UTC'
                                       and g.last_period >= b at time zone 'UTC'
                                       and g.last_period >= $4 and g.first_period < $5
                        where g.uscc = any($1::bpchar[]) and (g.reason = 'silent' or g.pollutant = $2 and g.kind = $3)
                          and ($7::text is null or g.outlet_code = $7)
                        group by 1""").execute(values);
        return Uni.combine().all().unis(measured, exceeding, gaps).asTuple().map(all -> {
            Map<Instant, BucketRow> buckets = new TreeMap<>();
            all.getItem1().forEach(r -> buckets.put(instant(r.getOffsetDateTime(0)), new BucketRow(
                    instant(r.getOffsetDateTime(0)), r.getDouble(1), r.getDouble(2), r.getDouble(3), r.getLong(4), 0, 0)));
            all.getItem2().forEach(r -> buckets.merge(instant(r.getOffsetDateTime(0)),
                    new BucketRow(instant(r.getOffsetDateTime(0)), null, null, null, 0, r.getLong(1), 0),
                    (a, b) -> new BucketRow(a.start(), a.avg(), a.min(), a.max(), a.count(), b.exceedances(), a.dataGaps())));
            if (all.getItem3() != null) {
                all.getItem3().forEach(r -> {
                    Instant start = r.getLocalDateTime(0).toInstant(ZoneOffset.UTC);
                    buckets.merge(start, new BucketRow(start, null, null, null, 0, 0, r.getLong(1)),
                            (a, b) -> new BucketRow(a.start(), a.avg(), a.min(), a.max(), a.count(), a.exceedances(),
                                    b.dataGaps()));
                });
            }
            return new ArrayList<>(buckets.values());
        });
    }

    /**
     * The whole UTC days [first, end) inside a range [from, to), and their bounds as instants; null when the range holds
     * no whole day (its values are then all read from the measurement table).
     */
    record WholeDays(LocalDate first, LocalDate end) {

        static WholeDays of(Instant from, Instant to) {
            LocalDate first = LocalDate.ofInstant(from, ZoneOffset.UTC);
            if (first.atStartOfDay(ZoneOffset.UTC).toInstant().isBefore(from)) {
                first = first.plusDays(1);
            }
            LocalDate end = LocalDate.ofInstant(to, ZoneOffset.UTC);
            return first.isBefore(end) ? new WholeDays(first, end) : null;
        }

        Instant firstStart() {
            return first.atStartOfDay(ZoneOffset.UTC).toInstant();
        }

        Instant endStart() {
            return end.atStartOfDay(ZoneOffset.UTC).toInstant();
        }
    }

    /** The enterprises of a division-code prefix, within a further prefix and, if set, only the one USCC. */
    public Uni<String[]> enterprisesOf(String divisionPrefix, String scopePrefix, String onlyUscc) {
        return pool.preparedQuery("""
                        select uscc from enterprise_copy
                        where division_code like $1 || '%' and division_code like $2 || '%'
                          and ($3::text is null or uscc = $3)""")
                .execute(Tuple.of(divisionPrefix, scopePrefix, onlyUscc))
                .map(rows -> {
                    List<String> usccs = new ArrayList<>();
                    rows.forEach(r -> usccs.add(r.getString(0)));
                    return usccs.toArray(String[]::new);
                });
    }

    /**
     * Per pollutant, the tonnes discharged in [from, to): each normal hourly concentration times the normal hourly
     * flow of the same outlet and hour (mg/m3 x m3/h for air, mg/L x m3/h x 1000 L/m3 for water, 1e9 mg a tonne),
     * and the permitted annual tonnes: the sum over the outlets of the last limit period overlapping the range.
     */
    public Uni<List<DischargeRow>> discharge(String uscc, Instant from, Instant to) {
        Tuple range = Tuple.of(uscc, utc(from), utc(to));
        Uni<io.vertx.mutiny.sqlclient.RowSet<Row>> discharged = pool.preparedQuery("""
                        select c.pollutant,
                            sum(c.avg_value * f.avg_value * case when c.pollutant like 'a%' then 1e-9 else 1e-6 end),
                            count(*)
                        from measurement c
                        join measurement f on f.uscc = c.uscc and f.outlet_code = c.outlet_code and f.kind = 'hourly'
                            and f.measured_at = c.measured_at and f.flag = 'N'
                            and f.pollutant = case when c.pollutant like 'a%' then 'a00000' else 'w00000' end
                        where c.uscc = $1 and c.kind = 'hourly' and c.flag = 'N' and c.avg_value is not null
                          and f.avg_value is not null and c.measured_at >= $2 and c.measured_at < $3
                          and c.pollutant not in ('a00000', 'w00000', 'w01001')
                        group by c.pollutant""").execute(range);
        Uni<io.vertx.mutiny.sqlclient.RowSet<Row>> permitted = pool.preparedQuery("""
                        select pollutant, sum(annual_tonnes) from (
                            select distinct on (outlet_code, pollutant) pollutant, annual_tonnes from outlet_limit
                            where uscc = $1 and (valid_from is null or valid_from < $3) and (valid_to is null or valid_to > $2)
                            order by outlet_code, pollutant, valid_from desc nulls last) l
                        where annual_tonnes is not null group by pollutant""").execute(range);
        return Uni.combine().all().unis(discharged, permitted).asTuple().map(both -> {
            Map<String, Double> permits = new HashMap<>();
            both.getItem2().forEach(r -> permits.put(r.getString(0), r.getDouble(1)));
            Map<String, DischargeRow> rows = new TreeMap<>();
            both.getItem1().forEach(r -> rows.put(r.getString(0), new DischargeRow(r.getString(0),
                    r.getDouble(1), r.getLong(2), permits.get(r.getString(0)))));
            permits.forEach((pollutant, tonnes) -> rows.putIfAbsent(pollutant, new DischargeRow(pollutant, 0, 0, tonnes)));
            return new ArrayList<>(rows.values());
        });
    }

    private static ExceedanceRow exceedance(Row r) {
        return new ExceedanceRow(r.getUUID(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                r.getString(5), instant(r.getOffsetDateTime(6)), instant(r.getOffsetDateTime(7)), r.getInteger(8),
                r.getDouble(9), r.getDouble(10), r.getDouble(11), instant(r.getOffsetDateTime(12)),
                instant(r.getOffsetDateTime(13)), instant(r.getOffsetDateTime(14)));
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }
}
