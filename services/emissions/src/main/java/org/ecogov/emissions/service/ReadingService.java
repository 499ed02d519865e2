package org.ecogov.emissions.service;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecogov.emissions.domain.EmissionsProblem;
import org.ecogov.emissions.domain.MeasurementKind;
import org.ecogov.emissions.repository.LimitCopy;
import org.ecogov.emissions.repository.LimitCopy.CopiedEnterprise;
import org.ecogov.emissions.repository.ReadingStore;
import org.ecogov.emissions.repository.ReadingStore.After;
import org.ecogov.emissions.repository.ReadingStore.BucketRow;
import org.ecogov.emissions.repository.ReadingStore.DischargeRow;
import org.ecogov.emissions.repository.ReadingStore.EvidenceRow;
import org.ecogov.emissions.repository.ReadingStore.ExceedanceRow;
import org.ecogov.emissions.repository.ReadingStore.Filter;
import org.ecogov.emissions.repository.ReadingStore.GapRow;
import org.ecogov.emissions.repository.ReadingStore.ValueRow;
import org.ecogov.runtime.access.DataScope;
import org.ecogov.runtime.paging.PageCursor;
import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.problem.ProblemType;
import org.ecogov.runtime.security.Caller;

import io.smallrye.mutiny.Uni;

/**
 * Reading exceedances, data gaps, series, aggregates and annual discharge within the caller's data scope: an
 * enterprise outside it is 404 as one the copy does not hold; an API key (emissions:read) reads daily values only,
 * the disclosed ones.
 */
@ApplicationScoped
public class ReadingService {

    /** The most values one series answer holds. */
    public static final int SERIES_LIMIT = 10_000;
    /** The longest range an aggregate covers. */
    public static final Duration LONGEST_RANGE = Duration.ofDays(400);

    public record Page<T>(List<T> items, String next) {
    }

    public record Range(Instant from, Instant to) {
    }

    private final ReadingStore store;
    private final LimitCopy copy;
    private final DataScope scope;
    private final LimitsService limits;

    public ReadingService(ReadingStore store, LimitCopy copy, DataScope scope, LimitsService limits) {
        this.store = store;
        this.copy = copy;
        this.scope = scope;
        this.limits = limits;
    }

    public Uni<Page<ExceedanceRow>> exceedances(Caller caller, String uscc, Filter filter, String cursor, int limit) {
        After after = after(cursor);
        return enterprise(caller, uscc)
                .chain(e -> store.exceedances(uscc, filter, after, limit + 1))
                .map(rows -> page(rows, limit, r -> cursor(r.firstPeriod(), r.id())));
    }

    public Uni<Map.Entry<ExceedanceRow, List<EvidenceRow>>> exceedance(Caller caller, String uscc, UUID id) {
        ProblemException notFound = ProblemException.of(EmissionsProblem.EXCEEDANCE_NOT_FOUND,
                "No exceedance " + id + " of enterprise " + uscc + ".");
        return copy.enterprise(uscc)
                .chain(e -> e.filter(x -> scope.canSee(caller, x.divisionCode(), x.uscc())).isEmpty()
                        ? Uni.createFrom().failure(notFound)
                        : store.exceedance(uscc, id).onItem().ifNull().failWith(notFound));
    }

    public Uni<Page<GapRow>> gaps(Caller caller, String uscc, Filter filter, String cursor, int limit) {
        After after = after(cursor);
        return enterprise(caller, uscc)
                .chain(e -> store.gaps(uscc, filter, after, limit + 1))
                .map(rows -> page(rows, limit, r -> cursor(r.firstPeriod(), r.id())));
    }

    /** Up to SERIES_LIMIT + 1 values: one more than fits says the answer is truncated. */
    public Uni<List<ValueRow>> series(Caller caller, String uscc, String outlet, String pollutant, String kind,
            Range range) {
        disclosedKind(caller, kind);
        return limits.outletLimits(caller, uscc, outlet)
                .chain(o -> store.series(uscc, outlet, pollutant, kind, range.from(), range.to(), SERIES_LIMIT + 1));
    }

    /**
     * The buckets over an enterprise (and maybe one outlet) or over a park's enterprises the caller sees. Exactly one
     * of {@code uscc} and {@code division}; {@code outlet} only with {@code uscc}.
     */
    public Uni<List<BucketRow>> aggregates(Caller caller, String pollutant, String bucket, Range range, String uscc,
            String outlet, String division, String kind) {
        if (uscc == null && division == null || uscc != null && division != null) {
            throw ProblemException.field(ProblemType.VALIDATION_FAILED, uscc == null ? "uscc" : "division",
                    "exactly one of uscc (an enterprise or its outlet) and division (a park) is required");
        }
        if (outlet != null && uscc == null) {
            throw ProblemException.field(ProblemType.VALIDATION_FAILED, "outlet", "an outlet is named with its uscc");
        }
        if (Duration.between(range.from(), range.to()).compareTo(LONGEST_RANGE) > 0) {
            throw ProblemException.field(ProblemType.VALIDATION_FAILED, "to", "the range is at most 400 days");
        }
        disclosedKind(caller, kind);
        boolean withGaps = !caller.isThirdParty();
        Uni<String[]> usccs;
        if (uscc != null) {
            usccs = (outlet == null ? enterprise(caller, uscc).replaceWith(uscc)
                    : limits.outletLimits(caller, uscc, outlet).replaceWith(uscc)).map(u -> new String[] {u});
        } else {
            DataScope.ListScope within = scope.listScope(caller);
            usccs = within.nothing() ? Uni.createFrom().item(new String[0])
                    : store.enterprisesOf(division, within.divisionPrefix() == null ? "" : within.divisionPrefix(),
                            within.onlyUscc());
        }
        return usccs.chain(list -> list.length == 0 ? Uni.createFrom().item(List.<BucketRow>of())
                : store.aggregates(list, outlet, pollutant, kind, bucket, range.from(), range.to(), withGaps));
    }

    public Uni<List<DischargeRow>> annualDischarge(Caller caller, String uscc, int year) {
        Instant from = LocalDate.of(year, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = LocalDate.of(year + 1, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return enterprise(caller, uscc).chain(e -> store.discharge(uscc, from, to));
    }

    /** The time range of {@code from} and {@code to} (RFC 3339, pattern-checked by the contract), from before to. */
    public static Range range(String from, String to) {
        Range range = new Range(time("from", from), time("to", to));
        if (!range.from().isBefore(range.to())) {
            throw ProblemException.field(ProblemType.VALIDATION_FAILED, "to", "must lie after from");
        }
        return range;
    }

    /** An optional RFC 3339 time; null stays null. */
    public static Instant time(String field, String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.field(ProblemType.VALIDATION_FAILED, field, "not an RFC 3339 date-time: " + text);
        }
    }

    private static void disclosedKind(Caller caller, String kind) {
        if (caller.isThirdParty() && !MeasurementKind.DAILY.value().equals(kind)) {
            throw ProblemException.of(ProblemType.FORBIDDEN,
                    "API keys read the disclosed daily values only: ask with kind=daily.");
        }
    }

    private Uni<CopiedEnterprise> enterprise(Caller caller, String uscc) {
        return copy.enterprise(uscc).map(e -> e.filter(x -> scope.canSee(caller, x.divisionCode(), x.uscc()))
                .orElseThrow(() -> ProblemException.of(EmissionsProblem.ENTERPRISE_NOT_FOUND,
                        "No enterprise " + uscc + ".")));
    }

    private static <T> Page<T> page(List<T> rows, int limit, java.util.function.Function<T, String> key) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, limit);
        return new Page<>(items, PageCursor.encode(key.apply(items.get(limit - 1))));
    }

    private static String cursor(Instant firstPeriod, UUID id) {
        return firstPeriod.getEpochSecond() + "." + firstPeriod.getNano() + "." + id;
    }

    private static After after(String cursor) {
        String key = PageCursor.decode(cursor,
                k -> k.matches("-?[0-9]{1,12}\\.[0-9]{1,9}\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
        if (key == null) {
            return null;
        }
        String[] parts = key.split("\\.", 3);
        return new After(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
                UUID.fromString(parts[2]));
    }
}
