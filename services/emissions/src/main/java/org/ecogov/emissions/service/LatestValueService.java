package org.ecogov.emissions.service;

import org.ecogov.emissions.config.EmissionsConfig;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecogov.emissions.domain.EmissionsProblem;
import org.ecogov.emissions.repository.LatestValueStore;
import org.ecogov.emissions.repository.LatestValueStore.LatestRow;
import org.ecogov.emissions.repository.LimitCopy;
import org.ecogov.runtime.access.DataScope;
import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.problem.ProblemType;
import org.ecogov.runtime.security.Caller;
import org.ecogov.runtime.time.Clock;

import io.smallrye.mutiny.Uni;

/**
 * The latest value of each outlet and pollutant against its limit (the enterprise profile's emissions section),
 * within the caller's data scope: an enterprise outside it is 404, as one the copy does not hold.
 */
@ApplicationScoped
public class LatestValueService {

    /** How far back a value counts as the latest unless the caller says otherwise. */
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(7);

    public record Latest(Instant since, List<LatestRow> rows) {
    }

    private final LatestValueStore store;
    private final LimitCopy copy;
    private final DataScope scope;
    private final Clock clock;
    private final EmissionsConfig config;

    public LatestValueService(LatestValueStore store, LimitCopy copy, DataScope scope, Clock clock,
            EmissionsConfig config) {
        this.config = config;
        this.store = store;
        this.copy = copy;
        this.scope = scope;
        this.clock = clock;
    }

    public Uni<Latest> latest(Caller caller, String uscc, String sinceText) {
        Instant now = clock.now();
        Instant since = sinceText == null ? now.minus(DEFAULT_WINDOW) : ReadingService.time("since", sinceText);
        if (!since.isBefore(now) || Duration.between(since, now).compareTo(ReadingService.LONGEST_RANGE) > 0) {
            throw ProblemException.field(ProblemType.VALIDATION_FAILED, "since", "must lie in the last 400 days");
        }
        return copy.enterprise(uscc)
                .map(e -> e.filter(x -> scope.canSee(caller, x.divisionCode(), x.uscc()))
                        .orElseThrow(() -> ProblemException.of(EmissionsProblem.ENTERPRISE_NOT_FOUND,
                                "No enterprise " + uscc + ".")))
                .chain(e -> store.latest(uscc, since, now))
                .chain(rows -> store.permits(uscc, config.reports().zone()).map(permits -> new Latest(since,
                        rows.stream().map(r -> permitted(permits, r, now) ? r : r.withoutLimit()).toList())));
    }

    /**
     * Whether a permit naming the row's outlet is in force at its value's time (now, without a value): as in judging,
     * a limit counts only then, so the row shows none outside every permit.
     */
    static boolean permitted(List<Judgement.Permit> permits, LatestRow row, Instant now) {
        Instant at = row.time() == null ? now : row.time();
        return permits.stream().anyMatch(p -> p.covers(row.outlet(), at));
    }

    /** Whether a normal value keeps to its limit; null when there is no normal value or no limit to judge it by. */
    public static Boolean withinLimit(LatestRow row) {
        if (row.time() == null || row.avg() == null || !"N".equals(row.flag())
                || row.limitMin() == null && row.limitMax() == null) {
            return null;
        }
        return (row.limitMax() == null || row.avg() <= row.limitMax())
                && (row.limitMin() == null || row.avg() >= row.limitMin());
    }
}
