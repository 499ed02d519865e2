package org.ecogov.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class MeasurementTest {

    private static long[] oneToHundredMillis() {
        long[] values = new long[100];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i + 1) * 1_000_000L;
        }
        return values;
    }

    @Test
    void percentilesAreNearestRank() {
        long[] sorted = oneToHundredMillis();
        assertThat(Measurement.percentile(sorted, 50)).isEqualTo(50_000_000L);
        assertThat(Measurement.percentile(sorted, 99)).isEqualTo(99_000_000L);
        assertThat(Measurement.percentile(sorted, 100)).isEqualTo(100_000_000L);
        assertThat(Measurement.percentile(new long[] {7, 9, 11}, 50)).isEqualTo(9);
        assertThat(Measurement.percentile(new long[] {7}, 1)).isEqualTo(7);
        assertThat(Measurement.percentile(new long[0], 50)).isZero();
        assertThatThrownBy(() -> Measurement.percentile(sorted, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWindowGivesAnswersPerSecondAndPercentiles() {
        Measurement m = Measurement.of("direct", oneToHundredMillis(), 0, Duration.ofSeconds(4));
        assertThat(m.perSecond()).isEqualTo(25.0);
        assertThat(m.p90()).isEqualTo(90_000_000.0);
        assertThat(m.max()).isEqualTo(100_000_000.0);
    }

    @Test
    void recordersMergeIntoOneSortedSample() {
        LatencyRecorder a = new LatencyRecorder();
        LatencyRecorder b = new LatencyRecorder();
        for (int i = 10_000; i > 0; i--) {
            (i % 2 == 0 ? a : b).record(i);
        }
        long[] all = LatencyRecorder.mergeSorted(List.of(a, b));
        assertThat(all).hasSize(10_000).isSorted();
        assertThat(all[0]).isEqualTo(1);
    }

    @Test
    void roundsAreSummarisedByTheirMedianAndSummedCounts() {
        List<Measurement> rounds = List.of(
                new Measurement("gateway", 100, 0, 10, 1000, 3e6, 5e6, 9e6, 20e6),
                new Measurement("gateway", 120, 1, 10, 1200, 2e6, 4e6, 8e6, 30e6),
                new Measurement("gateway", 90, 0, 10, 900, 4e6, 6e6, 7e6, 10e6));
        Measurement median = Measurement.medianOf(rounds);
        assertThat(median.perSecond()).isEqualTo(1000);
        assertThat(median.p50()).isEqualTo(3e6);
        assertThat(median.p99()).isEqualTo(8e6);
        assertThat(median.answers()).isEqualTo(310);
        assertThat(median.errors()).isEqualTo(1);
        assertThat(Measurement.median(List.of(1.0, 4.0), Double::doubleValue)).isEqualTo(2.5);
    }

    @Test
    void overheadIsTheThroughputRatioAndTheAddedLatencyInMillis() {
        Measurement direct = new Measurement("direct", 0, 0, 10, 1000, 2.0e6, 3e6, 5.0e6, 9e6);
        Measurement gateway = new Measurement("gateway", 0, 0, 10, 900, 2.5e6, 4e6, 6.5e6, 9e6);
        Overhead overhead = Overhead.of(direct, gateway);
        assertThat(overhead.throughputRatio()).isEqualTo(0.9);
        assertThat(overhead.addedP50Millis()).isEqualTo(0.5);
        assertThat(overhead.addedP99Millis()).isEqualTo(1.5);
        assertThat(overhead.meetsThroughputTarget()).isTrue();
        assertThat(overhead.meetsLatencyTarget()).isTrue();
        assertThat(Overhead.of(direct, new Measurement("gateway", 0, 0, 10, 800, 3.5e6, 0, 0, 0)))
                .satisfies(o -> {
                    assertThat(o.meetsThroughputTarget()).isFalse();
                    assertThat(o.meetsLatencyTarget()).isFalse();
                });
    }
}
