package org.ecogov.bench;

/**
 * The gateway against the service called directly, from two measurements at the same concurrency.
 *
 * @param throughputRatio gateway answers per second over direct answers per second (1.0 = no loss)
 * @param addedP50Millis  how much later the median answer arrives through the gateway, in ms
 * @param addedP99Millis  the same for the 99th percentile
 */
record Overhead(double throughputRatio, double addedP50Millis, double addedP99Millis) {

    /** Through the gateway at least this share of the direct throughput (issue 3). */
    static final double TARGET_RATIO = 0.85;
    /** And less than this added to the median latency, in ms (issue 3). */
    static final double TARGET_ADDED_P50_MILLIS = 1.0;

    static Overhead of(Measurement direct, Measurement gateway) {
        double ratio = direct.perSecond() == 0 ? 0 : gateway.perSecond() / direct.perSecond();
        return new Overhead(ratio, (gateway.p50() - direct.p50()) / 1e6, (gateway.p99() - direct.p99()) / 1e6);
    }

    boolean meetsThroughputTarget() {
        return throughputRatio >= TARGET_RATIO;
    }

    boolean meetsLatencyTarget() {
        return addedP50Millis < TARGET_ADDED_P50_MILLIS;
    }
}
