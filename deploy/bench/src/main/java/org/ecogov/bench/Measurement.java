package org.ecogov.bench;

import java.time.Duration;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * What one target did during one measurement window: answers per second and the latency percentiles
 * (nearest rank) of the 200 answers that arrived inside the window. Latencies are in nanoseconds.
 *
 * @param target  "direct" or "gateway"
 * @param answers 200 answers that arrived inside the window
 * @param errors  anything else: another status, a refused or broken connection, a timeout
 * @param seconds the window's length
 */
record Measurement(String target, long answers, long errors, double seconds, double perSecond,
                   double p50, double p90, double p99, double max) {

    /** The measurement of a window whose 200 answers took {@code sortedLatencies} (ascending). */
    static Measurement of(String target, long[] sortedLatencies, long errors, Duration window) {
        double seconds = window.toNanos() / 1e9;
        return new Measurement(target, sortedLatencies.length, errors, seconds, sortedLatencies.length / seconds,
                percentile(sortedLatencies, 50), percentile(sortedLatencies, 90), percentile(sortedLatencies, 99),
                sortedLatencies.length == 0 ? 0 : sortedLatencies[sortedLatencies.length - 1]);
    }

    /**
     * The nearest-rank percentile: the smallest recorded value with at least {@code percent} % of the
     * values at or below it. 0 when nothing was recorded.
     */
    static long percentile(long[] sorted, double percent) {
        if (percent <= 0 || percent > 100) {
            throw new IllegalArgumentException("a percentile is in (0, 100]: " + percent);
        }
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    /**
     * The median of each figure over the rounds of one target (each figure on its own, so the result
     * need not be any single round). Answers and errors are summed instead: they are counts.
     */
    static Measurement medianOf(List<Measurement> rounds) {
        if (rounds.isEmpty()) {
            throw new IllegalArgumentException("no rounds");
        }
        return new Measurement(rounds.get(0).target(),
                rounds.stream().mapToLong(Measurement::answers).sum(),
                rounds.stream().mapToLong(Measurement::errors).sum(),
                rounds.stream().mapToDouble(Measurement::seconds).sum(),
                median(rounds, Measurement::perSecond),
                median(rounds, Measurement::p50), median(rounds, Measurement::p90),
                median(rounds, Measurement::p99), median(rounds, Measurement::max));
    }

    static <T> double median(List<T> items, ToDoubleFunction<T> figure) {
        double[] values = items.stream().mapToDouble(figure).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
