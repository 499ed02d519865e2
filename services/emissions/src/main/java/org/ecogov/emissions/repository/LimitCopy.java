package org.ecogov.emissions.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecogov.emissions.domain.RegistryRecords.EnterpriseRecord;
import org.ecogov.emissions.domain.RegistryRecords.OutletRecord;
import org.ecogov.emissions.domain.RegistryRecords.PermitRecord;
import org.ecogov.emissions.domain.RegistryRecords.PollutantLimit;
import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The service's copy of the registry's enterprises, outlets with their limits over time, and permits. Writes run in
 * the current Panache transaction (an event's consumption, a reload), so a record and the event that carried it are
 * committed together; each write applies a record only if the copy holds an older version of it (or none), under the
 * row's lock, so a redelivered or late event and a concurrent reload change nothing twice.
 */
@ApplicationScoped
public class LimitCopy {

    /** An enterprise as the copy holds it: what decides who may see its emissions. */
    public record CopiedEnterprise(String uscc, String name, String divisionCode, String park) {
    }

    /** One pollutant's limits over one period; {@code validFrom} null: since before the copy knew the outlet. */
    public record LimitPeriod(String pollutant, String unit, Double limitMin, Double limitMax, Double annualTonnes,
            Instant validFrom, Instant validUntil) {
    }

    public record CopiedOutlet(String uscc, String code, String kind, List<LimitPeriod> limits) {
    }

    private final Pool pool;

    public LimitCopy(Pool pool) {
        this.pool = pool;
    }

    /** Holds the enterprise at its version unless the copy has it at that version or later; whether it changed. */
    public Uni<Boolean> applyEnterprise(EnterpriseRecord e, Instant at) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into enterprise_copy (uscc, name, division_code, park, status, registry_version, copied_at)
                        values (:uscc, :name, :division, cast(:park as varchar), :status, :version, :at)
                        on conflict (uscc) do update set name = excluded.name, division_code = excluded.division_code,
                            park = excluded.park, status = excluded.status,
                            registry_version = excluded.registry_version, copied_at = excluded.copied_at
                        where enterprise_copy.registry_version < excluded.registry_version""")
                .setParameter("uscc", e.uscc()).setParameter("name", e.name()).setParameter("division", e.divisionCode())
                .setParameter("park", e.park()).setParameter("status", e.status()).setParameter("version", e.version())
                .setParameter("at", at)
                .executeUpdate())
                .map(rows -> rows > 0);
    }

    /**
     * Holds the outlet at its version unless the copy has it at that version or later; whether it changed. A pollutant
     * whose limits changed, or that the outlet no longer has, ends its period at {@code at}; a pollutant without a
     * period in force starts one at {@code at} (or, the first the copy knows of it, one without a start).
     */
    public Uni<Boolean> applyOutlet(OutletRecord o, Instant at) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into outlet_copy (uscc, outlet_code, kind, registry_version, copied_at)
                        values (:uscc, :code, :kind, :version, :at)
                        on conflict (uscc, outlet_code) do update set kind = excluded.kind,
                            registry_version = excluded.registry_version, copied_at = excluded.copied_at
                        where outlet_copy.registry_version < excluded.registry_version""")
                .setParameter("uscc", o.uscc()).setParameter("code", o.code()).setParameter("kind", o.kind())
                .setParameter("version", o.version()).setParameter("at", at)
                .executeUpdate()
                .chain(rows -> rows == 0 ? Uni.createFrom().item(false)
                        : closeRemoved(session, o, at).chain(() -> Multi.createFrom().iterable(o.pollutants())
                                .onItem().transformToUniAndConcatenate(p -> applyLimit(session, o, p, at))
                                .collect().last())
                        .replaceWith(true)));
    }

    private static Uni<Integer> closeRemoved(Mutiny.Session session, OutletRecord o, Instant at) {
        String kept = o.pollutants().stream().map(PollutantLimit::pollutant).collect(Collectors.joining(","));
        return session.createNativeQuery("""
                        update outlet_limit set valid_to = greatest(coalesce(valid_from, :at), :at)
                        where uscc = :uscc and outlet_code = :code and valid_to is null
                          and pollutant <> all (string_to_array(:kept, ','))""")
                .setParameter("uscc", o.uscc()).setParameter("code", o.code()).setParameter("at", at)
                .setParameter("kept", kept)
                .executeUpdate();
    }

    private static Uni<Integer> applyLimit(Mutiny.Session session, OutletRecord o, PollutantLimit p, Instant at) {
        return session.createNativeQuery("""
                        update outlet_limit set valid_to = greatest(coalesce(valid_from, :at), :at)
                        where uscc = :uscc and outlet_code = :code and pollutant = :pollutant and valid_to is null
                          and (unit, limit_min, limit_max, annual_tonnes) is distinct from
                              (cast(:unit as varchar), cast(:min as double precision), cast(:max as double precision),
                               cast(:annual as double precision))""")
                .setParameter("uscc", o.uscc()).setParameter("code", o.code()).setParameter("pollutant", p.pollutant())
                .setParameter("unit", p.unit()).setParameter("min", p.limitMin()).setParameter("max", p.limitMax())
                .setParameter("annual", p.annualTonnes()).setParameter("at", at)
                .executeUpdate()
                .chain(() -> session.createNativeQuery("""
                                insert into outlet_limit (uscc, outlet_code, pollutant, unit, limit_min, limit_max,
                                    annual_tonnes, valid_from, valid_to, registry_version)
                                select :uscc, :code, :pollutant, cast(:unit as varchar), cast(:min as double precision),
                                    cast(:max as double precision), cast(:annual as double precision),
                                    case when exists (select 1 from outlet_limit where uscc = :uscc and outlet_code = :code
                                                      and pollutant = :pollutant) then cast(:at as timestamptz) end,
                                    null, :version
                                where not exists (select 1 from outlet_limit where uscc = :uscc and outlet_code = :code
                                                  and pollutant = :pollutant and valid_to is null)""")
                        .setParameter("uscc", o.uscc()).setParameter("code", o.code())
                        .setParameter("pollutant", p.pollutant()).setParameter("unit", p.unit())
                        .setParameter("min", p.limitMin()).setParameter("max", p.limitMax())
                        .setParameter("annual", p.annualTonnes()).setParameter("at", at)
                        .setParameter("version", o.version())
                        .executeUpdate());
    }

    /** Holds the permit at its version unless the copy has it at that version or later; whether it changed. */
    public Uni<Boolean> applyPermit(PermitRecord p, Instant at) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into permit_copy (permit_number, uscc, valid_from, valid_to, status, revoked_at, outlet_codes,
                            registry_version, copied_at)
                        values (:number, :uscc, :validFrom, :validTo, :status, cast(:revokedAt as timestamptz),
                            cast(string_to_array(:outlets, ',') as varchar(5)[]), :version, :at)
                        on conflict (permit_number) do update set valid_from = excluded.valid_from,
                            valid_to = excluded.valid_to, status = excluded.status, revoked_at = excluded.revoked_at,
                            outlet_codes = excluded.outlet_codes, registry_version = excluded.registry_version,
                            copied_at = excluded.copied_at
                        where permit_copy.registry_version < excluded.registry_version""")
                .setParameter("number", p.number()).setParameter("uscc", p.uscc())
                .setParameter("validFrom", p.validFrom()).setParameter("validTo", p.validTo())
                .setParameter("status", p.status())
                .setParameter("revokedAt", p.revokedAt() == null ? null : p.revokedAt().atOffset(java.time.ZoneOffset.UTC))
                .setParameter("outlets", String.join(",", p.outletCodes())).setParameter("version", p.version())
                .setParameter("at", at)
                .executeUpdate())
                .map(rows -> rows > 0);
    }

    public Uni<Optional<CopiedEnterprise>> enterprise(String uscc) {
        return pool.preparedQuery("select uscc, name, division_code, park from enterprise_copy where uscc = $1")
                .execute(Tuple.of(uscc))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(enterprise(rows.iterator().next())));
    }

    private static CopiedEnterprise enterprise(Row row) {
        return new CopiedEnterprise(row.getString("uscc"), row.getString("name"), row.getString("division_code"),
                row.getString("park"));
    }

    /** The outlet with every limit period the copy holds, by pollutant and then oldest first. */
    public Uni<Optional<CopiedOutlet>> outlet(String uscc, String code) {
        return pool.preparedQuery("select kind from outlet_copy where uscc = $1 and outlet_code = $2")
                .execute(Tuple.of(uscc, code))
                .chain(outlets -> outlets.rowCount() == 0 ? Uni.createFrom().item(Optional.<CopiedOutlet>empty())
                        : pool.preparedQuery("""
                                        select pollutant, unit, limit_min, limit_max, annual_tonnes, valid_from, valid_to
                                        from outlet_limit where uscc = $1 and outlet_code = $2
                                        order by pollutant, valid_from nulls first""")
                                .execute(Tuple.of(uscc, code))
                                .map(rows -> {
                                    List<LimitPeriod> limits = new ArrayList<>();
                                    for (Row row : rows) {
                                        limits.add(new LimitPeriod(row.getString("pollutant"), row.getString("unit"),
                                                row.getDouble("limit_min"), row.getDouble("limit_max"),
                                                row.getDouble("annual_tonnes"), instant(row.getOffsetDateTime("valid_from")),
                                                instant(row.getOffsetDateTime("valid_to"))));
                                    }
                                    return Optional.of(new CopiedOutlet(uscc, code,
                                            outlets.iterator().next().getString("kind"), List.copyOf(limits)));
                                }));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
