package org.ecogov.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Every latency of one lane of one measurement, in nanoseconds. Kept whole rather than bucketed: a
 * measurement records at most a few million answers, and sorting them gives exact percentiles. Not
 * thread-safe: each lane records on its own event loop and the lanes are merged once they stopped.
 */
final class LatencyRecorder {

    private long[] values = new long[4096];
    private int size;

    void record(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
        }
        values[size++] = nanos;
    }

    int size() {
        return size;
    }

    /** All latencies of these recorders, sorted ascending. */
    static long[] mergeSorted(List<LatencyRecorder> recorders) {
        int total = recorders.stream().mapToInt(LatencyRecorder::size).sum();
        long[] all = new long[total];
        int at = 0;
        for (LatencyRecorder recorder : recorders) {
            System.arraycopy(recorder.values, 0, all, at, recorder.size);
            at += recorder.size;
        }
        Arrays.sort(all);
        return all;
    }
}
