package org.ecogov.emissions.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The latest hourly value of each outlet and pollutant with a limit in force, with the limit of that value's
 * period: one index probe per outlet and pollutant (the measurement key, newest first), bounded by the limits copy.
 */
@ApplicationScoped
public class LatestValueStore {

    /** An outlet and pollutant; the value's members are null when nothing came since {@code since}. */
    public record LatestRow(String outlet, String pollutant, String unit, Double limitMin, Double limitMax,
            Instant time, Double avg, Double min, Double max, String flag, boolean permitted) {

        /** The same row without its limit: no permit of the outlet in force at its time. */
        public LatestRow withoutLimit() {
            return new LatestRow(outlet, pollutant, unit, null, null, time, avg, min, max, flag, false);
        }
    }

    private final Pool pool;

    public LatestValueStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<LatestRow>> latest(String uscc, Instant since, Instant now) {
        return pool.preparedQuery("""
                        select f.outlet_code, f.pollutant, coalesce(p.unit, f.unit) as unit,
                            coalesce(p.limit_min, case when v.measured_at is null then f.limit_min end) as limit_min,
                            coalesce(p.limit_max, case when v.measured_at is null then f.limit_max end) as limit_max,
                            v.measured_at, v.avg_value, v.min_value, v.max_value, v.flag
                        from outlet_limit f
                        left join lateral (
                            select m.measured_at, m.avg_value, m.min_value, m.max_value, m.flag from measurement m
                            where m.uscc = f.uscc and m.outlet_code = f.outlet_code and m.pollutant = f.pollutant
                              and m.kind = 'hourly' and m.measured_at >= $2 and m.measured_at <= $3
                            order by m.measured_at desc limit 1) v on true
                        left join lateral (
                            select l.unit, l.limit_min, l.limit_max from outlet_limit l
                            where l.uscc = f.uscc and l.outlet_code = f.outlet_code and l.pollutant = f.pollutant
                              and v.measured_at is not null
                              and (l.valid_from is null or l.valid_from <= v.measured_at)
                              and (l.valid_to is null or v.measured_at < l.valid_to)
                            limit 1) p on true
                        where f.uscc = $1 and f.valid_to is null
                        order by f.outlet_code, f.pollutant""")
                .execute(Tuple.of(uscc, utc(since), utc(now)))
                .map(rows -> {
                    List<LatestRow> list = new ArrayList<>();
                    rows.forEach(r -> list.add(row(r)));
                    return list;
                });
    }

    /** The enterprise's permits as they bear on judging (as ingest reads them: days counted in {@code zone}). */
    public Uni<List<org.ecogov.emissions.service.Judgement.Permit>> permits(String uscc, java.time.ZoneId zone) {
        return pool.preparedQuery("select outlet_codes, valid_from, valid_to, revoked_at from permit_copy where uscc = $1")
                .execute(Tuple.of(uscc))
                .map(rows -> {
                    List<org.ecogov.emissions.service.Judgement.Permit> permits = new ArrayList<>();
                    for (Row r : rows) {
                        permits.add(ExceedanceStore.permit(r, zone));
                    }
                    return permits;
                });
    }

    private static LatestRow row(Row r) {
        OffsetDateTime at = r.getOffsetDateTime("measured_at");
        String flag = r.getString("flag");
        return new LatestRow(r.getString("outlet_code"), r.getString("pollutant"), r.getString("unit"),
                r.getDouble("limit_min"), r.getDouble("limit_max"), at == null ? null : at.toInstant(),
                r.getDouble("avg_value"), r.getDouble("min_value"), r.getDouble("max_value"),
                flag == null ? null : flag.trim(), true);
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
