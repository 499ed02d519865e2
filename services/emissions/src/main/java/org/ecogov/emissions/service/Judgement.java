package org.ecogov.emissions.service;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ecogov.emissions.domain.DataFlag;
import org.ecogov.emissions.domain.Measurement;
import org.ecogov.emissions.domain.MeasurementKind;

/**
 * Judges a batch's hourly and daily values against the limits in force at their times, carrying on the exceedances
 * and flagged data gaps already open. Pure: the caller loads the limits and the open runs, and stores what comes out.
 * <ul>
 * <li>A value with flag {@code N} above its period's upper limit (or below a lower one, pH) exceeds; exactly at the
 * limit does not. The first opens an exceedance, each later one extends it, the first normal value inside the limit
 * after it closes it. Values at or before a run's last period are already judged and change nothing.</li>
 * <li>A value flagged maintenance, calibration or fault ({@link DataFlag#isGap()}) is a data gap, never an
 * exceedance: it opens or extends the pollutant's flagged gap, which the next normal value closes.</li>
 * <li>The limit in force is the outlet's limit period covering the value's time while a permit naming the outlet is
 * in force then (from its first day to its last, until its revocation). Other flags (stopped, manual, over range,
 * communication failure), values without a limit period and values outside every permit of their outlet are stored
 * but not judged.</li>
 * </ul>
 */
public final class Judgement {

    /** A limit period of an outlet and pollutant; null bounds are open. */
    public record Limit(String outlet, String pollutant, Double min, Double max, Instant from, Instant until) {

        boolean covers(Instant t) {
            return (from == null || !t.isBefore(from)) && (until == null || t.isBefore(until));
        }
    }

    /**
     * A permit of the enterprise as it bears on judging: the outlets it names, from the start of its first day to the
     * end of its last (in the agency's zone) or its revocation, whichever comes first; {@code until} null: open.
     */
    public record Permit(Set<String> outlets, Instant from, Instant until) {

        public boolean covers(String outlet, Instant t) {
            return outlets.contains(outlet) && !t.isBefore(from) && (until == null || t.isBefore(until));
        }
    }

    /** A series: the values of one outlet, pollutant and kind. */
    public record Series(String outlet, String pollutant, MeasurementKind kind) {
    }

    /** An exceedance as the judgement leaves it; {@code id} null for one it opened. */
    public static final class Run {
        public final Long id;
        public final Series series;
        public final Instant firstPeriod;
        public Instant lastPeriod;
        public int periods;
        public double maxValue;
        public final double limitValue;
        public double maxRatio;
        public Instant closedBy;
        public final List<Evidence> evidence = new ArrayList<>();
        public boolean changed;

        public Run(Long id, Series series, Instant firstPeriod, Instant lastPeriod, int periods, double maxValue,
                double limitValue, double maxRatio) {
            this.id = id;
            this.series = series;
            this.firstPeriod = firstPeriod;
            this.lastPeriod = lastPeriod;
            this.periods = periods;
            this.maxValue = maxValue;
            this.limitValue = limitValue;
            this.maxRatio = maxRatio;
        }

        public boolean closed() {
            return closedBy != null;
        }
    }

    public record Evidence(Instant period, double value, double limit) {
    }

    /** A flagged data gap as the judgement leaves it; {@code id} null for one it opened. */
    public static final class Gap {
        public final Long id;
        public final Series series;
        public final String flag;
        public final Instant firstPeriod;
        public Instant lastPeriod;
        public int periods;
        public Instant closedBy;
        public boolean changed;

        public Gap(Long id, Series series, String flag, Instant firstPeriod, Instant lastPeriod, int periods) {
            this.id = id;
            this.series = series;
            this.flag = flag;
            this.firstPeriod = firstPeriod;
            this.lastPeriod = lastPeriod;
            this.periods = periods;
        }
    }

    /** What the judgement changed: runs and gaps opened, extended or closed (those with {@code changed}). */
    public record Outcome(List<Run> runs, List<Gap> gaps) {
    }

    private Judgement() {
    }

    /**
     * The period a value stands for: an hourly value its hour as sent; a daily value the whole day its time falls in,
     * counted in {@code zone} (the agency's, Asia/Shanghai), named by that day's start.
     */
    public static Instant period(Measurement v, ZoneId zone) {
        return v.kind() == MeasurementKind.DAILY ? v.time().atZone(zone).toLocalDate().atStartOfDay(zone).toInstant()
                : v.time();
    }

    /** The limit a value at {@code t} is judged against: its limit period while a permit of the outlet is in force. */
    public static Limit limitAt(List<Limit> limits, List<Permit> permits, String outlet, String pollutant, Instant t) {
        for (Limit l : limits) {
            if (l.outlet().equals(outlet) && l.pollutant().equals(pollutant) && l.covers(t)) {
                return (l.max() == null && l.min() == null) || !permitted(permits, outlet, t) ? null : l;
            }
        }
        return null;
    }

    /** The limit {@code value} breaks (its upper, or its lower one), or null when it is inside it. */
    public static Double broken(Limit limit, double value) {
        if (limit.max() != null && value > limit.max()) {
            return limit.max();
        }
        if (limit.min() != null && value < limit.min()) {
            return limit.min();
        }
        return null;
    }

    public static Outcome judge(List<Measurement> values, List<Limit> limits, List<Permit> permits,
            Map<Series, Run> open, Map<Series, Gap> gaps, ZoneId zone) {
        Map<String, Map<String, List<Limit>>> limitsByOutlet = new HashMap<>();
        for (Limit limit : limits) {
            limitsByOutlet.computeIfAbsent(limit.outlet(), k -> new HashMap<>())
                    .computeIfAbsent(limit.pollutant(), k -> new ArrayList<>()).add(limit);
        }
        Map<Series, Run> runs = new LinkedHashMap<>(open);
        Map<Series, Gap> flagged = new LinkedHashMap<>(gaps);
        List<Run> touchedRuns = new ArrayList<>();
        List<Gap> touchedGaps = new ArrayList<>();
        values.stream()
                .filter(v -> v.kind() == MeasurementKind.HOURLY || v.kind() == MeasurementKind.DAILY)
                .sorted(Comparator.comparing(Measurement::time))
                .forEach(v -> {
                    Series series = new Series(v.outlet(), v.pollutant(), v.kind());
                    Instant t = period(v, zone);
                    if (v.flag().isGap()) {
                        gap(flagged, touchedGaps, series, v, t);
                        return;
                    }
                    if (v.flag() != DataFlag.N || v.avg() == null) {
                        return;
                    }
                    Gap gap = flagged.get(series);
                    if (gap != null && t.isAfter(gap.lastPeriod)) {
                        gap.closedBy = t;
                        gap.changed = true;
                        flagged.remove(series);
                        touch(touchedGaps, gap);
                    }
                    Limit limit = null;
                    for (Limit l : limitsByOutlet.getOrDefault(v.outlet(), Map.of()).getOrDefault(v.pollutant(), List.of())) {
                        if (l.covers(t)) {
                            limit = l;
                            break;
                        }
                    }
                    if (limit == null || limit.max() == null && limit.min() == null) {
                        return;
                    }
                    if (!permitted(permits, v.outlet(), t)) {
                        return; // no permit of the outlet in force at the value's time: no permitted limit
                    }
                    double value = v.avg();
                    boolean above = limit.max() != null && value > limit.max();
                    boolean below = limit.min() != null && value < limit.min();
                    double broken = above ? limit.max() : below ? limit.min() : 0;
                    Run run = runs.get(series);
                    if (run != null && !t.isAfter(run.lastPeriod)) {
                        return; // already judged
                    }
                    if (above || below) {
                        double ratio = broken == 0 ? Double.POSITIVE_INFINITY : value / broken;
                        if (run == null) {
                            run = new Run(null, series, t, t, 0, value, broken, ratio);
                            runs.put(series, run);
                        }
                        run.lastPeriod = t;
                        run.periods++;
                        run.maxValue = Math.max(run.maxValue, value);
                        run.maxRatio = Math.max(run.maxRatio, ratio);
                        run.evidence.add(new Evidence(t, value, broken));
                        run.changed = true;
                        touch(touchedRuns, run);
                    } else if (run != null) {
                        run.closedBy = t;
                        run.changed = true;
                        runs.remove(series);
                        touch(touchedRuns, run);
                    }
                });
        return new Outcome(touchedRuns, touchedGaps);
    }

    private static boolean permitted(List<Permit> permits, String outlet, Instant t) {
        for (Permit permit : permits) {
            if (permit.covers(outlet, t)) {
                return true;
            }
        }
        return false;
    }

    private static void gap(Map<Series, Gap> flagged, List<Gap> touched, Series series, Measurement v, Instant t) {
        Gap gap = flagged.get(series);
        if (gap != null && !t.isAfter(gap.lastPeriod)) {
            return;
        }
        if (gap == null) {
            gap = new Gap(null, series, v.flag().name(), t, t, 0);
            flagged.put(series, gap);
        }
        gap.lastPeriod = t;
        gap.periods++;
        gap.changed = true;
        touch(touched, gap);
    }

    private static <T> void touch(List<T> touched, T item) {
        if (!touched.contains(item)) {
            touched.add(item);
        }
    }
}
