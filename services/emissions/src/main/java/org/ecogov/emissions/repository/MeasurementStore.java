package org.ecogov.emissions.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecogov.emissions.domain.Measurement;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Monitoring values and the batches they came in. Values go in as column arrays, {@value #CHUNK} rows per statement
 * ({@code insert ... select from unnest(...)}): one round trip and one plan for thousands of rows, the reactive
 * client's closest to COPY. A value the table already holds (same outlet, pollutant, kind and time) is left as it is.
 * The same statement adds the values it stored to the daily roll-up {@code measurement_day} (migration V8), so the
 * roll-up holds exactly the stored values whatever commits or rolls back.
 */
@ApplicationScoped
public class MeasurementStore {

    static final int CHUNK = 5000;

    /** A stored batch: its body's digest and its first answer. */
    public record StoredBatch(String uscc, String bodySha256, String answer) {
    }

    private final Pool pool;

    public MeasurementStore(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    public Uni<Optional<StoredBatch>> batch(UUID batchId) {
        return pool.preparedQuery("select uscc, body_sha256, answer from measurement_batch where batch_id = $1")
                .execute(Tuple.of(batchId))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(rows.iterator().next())
                        .map(row -> new StoredBatch(row.getString("uscc"), row.getString("body_sha256"),
                                row.getString("answer"))));
    }

    /** Claims the batch id in the connection's transaction; false when another transaction holds it already. */
    public Uni<Boolean> claim(SqlConnection conn, UUID batchId, String uscc, String bodySha256, Instant at, String by) {
        return conn.preparedQuery("""
                        insert into measurement_batch (batch_id, uscc, body_sha256, answer, received_at, received_by)
                        values ($1, $2, $3, '', $4, $5) on conflict (batch_id) do nothing""")
                .execute(Tuple.of(batchId, uscc, bodySha256, at.atOffset(ZoneOffset.UTC), by))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Void> answer(SqlConnection conn, UUID batchId, String answer) {
        return conn.preparedQuery("update measurement_batch set answer = $2 where batch_id = $1")
                .execute(Tuple.of(batchId, answer)).replaceWithVoid();
    }

    /** Stores the values; how many were new. */
    public Uni<Integer> insert(SqlConnection conn, String uscc, UUID batchId, Instant receivedAt, List<Measurement> values) {
        int chunks = (values.size() + CHUNK - 1) / CHUNK;
        List<Uni<Integer>> statements = new ArrayList<>(chunks);
        for (int i = 0; i < chunks; i++) {
            statements.add(insertChunk(conn, uscc, batchId, receivedAt,
                    values.subList(i * CHUNK, Math.min(values.size(), (i + 1) * CHUNK))));
        }
        // sent at once: the connection pipelines them, so the database goes from one to the next without waiting for
        // this side (in the transaction's order; the first failure fails the whole, which the transaction rolls back)
        return Uni.join().all(statements).andFailFast()
                .map(counts -> counts.stream().mapToInt(Integer::intValue).sum());
    }

    private static Uni<Integer> insertChunk(SqlConnection conn, String uscc, UUID batchId, Instant receivedAt,
            List<Measurement> chunk) {
        int n = chunk.size();
        String[] outlets = new String[n];
        String[] pollutants = new String[n];
        String[] kinds = new String[n];
        OffsetDateTime[] times = new OffsetDateTime[n];
        Double[] avgs = new Double[n];
        Double[] mins = new Double[n];
        Double[] maxs = new Double[n];
        String[] flags = new String[n];
        for (int i = 0; i < n; i++) {
            Measurement m = chunk.get(i);
            outlets[i] = m.outlet();
            pollutants[i] = m.pollutant();
            kinds[i] = m.kind().value();
            // a device's values of one time come together: one OffsetDateTime for them all
            times[i] = i > 0 && m.time().equals(chunk.get(i - 1).time()) ? times[i - 1] : m.time().atOffset(ZoneOffset.UTC);
            avgs[i] = m.avg();
            mins[i] = m.min();
            maxs[i] = m.max();
            flags[i] = m.flag().name();
        }
        return conn.preparedQuery(INSERT)
                .execute(Tuple.from(new Object[] {uscc, batchId, receivedAt.atOffset(ZoneOffset.UTC), outlets,
                        pollutants, kinds, times, avgs, mins, maxs, flags}))
                .map(rows -> rows.iterator().next().getInteger(0));
    }

    /**
     * Stores a chunk of values and adds the new ones (those the table did not hold) to the daily roll-up in the same
     * statement; answers how many were new.
     */
    private static final String INSERT = """
            with stored as (
                insert into measurement (uscc, outlet_code, pollutant, kind, measured_at, avg_value, min_value,
                    max_value, flag, batch_id, received_at)
                select $1, o, p, k, t, a, mi, ma, f, $2, $3
                from unnest($4::varchar[], $5::varchar[], $6::varchar[], $7::timestamptz[], $8::float8[],
                            $9::float8[], $10::float8[], $11::varchar[]) as v(o, p, k, t, a, mi, ma, f)
                on conflict do nothing
                returning outlet_code, pollutant, kind, measured_at, avg_value, min_value, max_value, flag),
            days as (
                insert into measurement_day as d (uscc, pollutant, kind, day, outlet_code, n, n_avg, sum_avg, lo, hi)
                select $1, pollutant, kind, (measured_at at time zone 'UTC')::date, outlet_code, count(*),
                    count(avg_value), coalesce(sum(avg_value), 0), min(coalesce(min_value, avg_value)),
                    max(coalesce(max_value, avg_value))
                from stored where flag = 'N'
                group by pollutant, kind, (measured_at at time zone 'UTC')::date, outlet_code
                on conflict (uscc, pollutant, kind, day, outlet_code) do update
                set n = d.n + excluded.n, n_avg = d.n_avg + excluded.n_avg, sum_avg = d.sum_avg + excluded.sum_avg,
                    lo = least(d.lo, excluded.lo), hi = greatest(d.hi, excluded.hi))
            select count(*)::int from stored""";

    public Uni<Set<String>> outletsOf(String uscc) {
        return pool.preparedQuery("select outlet_code from outlet_copy where uscc = $1").execute(Tuple.of(uscc))
                .map(rows -> {
                    Set<String> codes = new HashSet<>();
                    rows.forEach(row -> codes.add(row.getString(0)));
                    return codes;
                });
    }

    public Uni<Boolean> isBound(String uscc, String organisation) {
        return pool.preparedQuery("select 1 from organisation_binding where uscc = $1 and organisation = $2")
                .execute(Tuple.of(uscc, organisation)).map(rows -> rows.rowCount() > 0);
    }

    public Uni<Boolean> bind(SqlConnection conn, String uscc, String organisation, Instant at, String by) {
        return conn.preparedQuery("""
                        insert into organisation_binding (uscc, organisation, bound_at, bound_by) values ($1, $2, $3, $4)
                        on conflict do nothing""")
                .execute(Tuple.of(uscc, organisation, at.atOffset(ZoneOffset.UTC), by)).map(rows -> rows.rowCount() > 0);
    }

    public Uni<Boolean> unbind(SqlConnection conn, String uscc, String organisation) {
        return conn.preparedQuery("delete from organisation_binding where uscc = $1 and organisation = $2")
                .execute(Tuple.of(uscc, organisation)).map(rows -> rows.rowCount() > 0);
    }
}
