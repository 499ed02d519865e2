package org.ecogov.bench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The result table of one run: every round of every target, the medians, and the gateway's overhead
 * per round and its median, with the targets of issue 3; when the run measured the bare proxy, its
 * overhead too, as the floor under the gateway's.
 */
final class OverheadReport {

    static final String DIRECT = "direct";
    static final String GATEWAY = "gateway";
    static final String BARE = "bare";

    /** One measurement of one target and the CPU each process used meanwhile. */
    record Taken(Measurement measurement, CpuMeter.Use cpu) {
    }

    /**
     * One round: the targets measured one after the other, in the order given ({@value #DIRECT} and
     * {@value #GATEWAY} always, {@value #BARE} when the run measures it).
     */
    record Round(int number, List<Taken> inOrder) {

        Round {
            inOrder = List.copyOf(inOrder);
        }

        Measurement direct() {
            return find(DIRECT).orElseThrow().measurement();
        }

        Measurement gateway() {
            return find(GATEWAY).orElseThrow().measurement();
        }

        Optional<Measurement> bare() {
            return find(BARE).map(Taken::measurement);
        }

        Overhead overhead() {
            return Overhead.of(direct(), gateway());
        }

        Optional<Overhead> bareOverhead() {
            return bare().map(bare -> Overhead.of(direct(), bare));
        }

        private Optional<Taken> find(String target) {
            return inOrder.stream().filter(t -> t.measurement().target().equals(target)).findFirst();
        }
    }

    private final List<String> header;
    private final List<Round> rounds;

    /** @param header the run's facts (machine, commit, load shape), one line each */
    OverheadReport(List<String> header, List<Round> rounds) {
        this.header = List.copyOf(header);
        this.rounds = List.copyOf(rounds);
    }

    Measurement medianDirect() {
        return Measurement.medianOf(rounds.stream().map(Round::direct).toList());
    }

    Measurement medianGateway() {
        return Measurement.medianOf(rounds.stream().map(Round::gateway).toList());
    }

    Optional<Measurement> medianBare() {
        return hasBare() ? Optional.of(Measurement.medianOf(rounds.stream().map(r -> r.bare().orElseThrow()).toList()))
                : Optional.empty();
    }

    private boolean hasBare() {
        return rounds.stream().allMatch(r -> r.bare().isPresent());
    }

    /**
     * The median of each round's overhead. Each round pairs the two targets measured moments apart,
     * so a machine that is busier in one round than another skews both of its figures alike.
     */
    Overhead medianOverhead() {
        return median(rounds.stream().map(Round::overhead).toList());
    }

    /** The bare proxy's overhead, the same way; empty when the run did not measure it. */
    Optional<Overhead> medianBareOverhead() {
        return hasBare() ? Optional.of(median(rounds.stream().map(r -> r.bareOverhead().orElseThrow()).toList()))
                : Optional.empty();
    }

    private static Overhead median(List<Overhead> each) {
        return new Overhead(Measurement.median(each, Overhead::throughputRatio),
                Measurement.median(each, Overhead::addedP50Millis), Measurement.median(each, Overhead::addedP99Millis));
    }

    long errors() {
        return rounds.stream().flatMap(r -> r.inOrder().stream()).mapToLong(t -> t.measurement().errors()).sum();
    }

    String render() {
        StringBuilder out = new StringBuilder();
        header.forEach(line -> out.append(line).append('\n'));
        out.append('\n');
        out.append(String.format(Locale.ROOT, "%-15s %-8s %11s %8s %8s %8s %8s %9s %7s%n",
                "round", "target", "requests/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "answers", "errors"));
        for (Round round : rounds) {
            for (Taken taken : round.inOrder()) {
                out.append(row(Integer.toString(round.number()), taken.measurement()));
            }
        }
        out.append(row("median", medianDirect()));
        out.append(row("median", medianGateway()));
        medianBare().ifPresent(bare -> out.append(row("median", bare)));
        out.append("(median rows: the median of each figure over the rounds; answers and errors summed)\n");

        out.append('\n');
        out.append(String.format(Locale.ROOT, "%-15s %15s %13s %13s", "round", "gateway/direct", "added p50 ms",
                "added p99 ms"));
        if (hasBare()) {
            out.append(String.format(Locale.ROOT, " %15s %13s %13s", "bare/direct", "added p50 ms", "added p99 ms"));
        }
        out.append('\n');
        for (Round round : rounds) {
            out.append(overheadRow(Integer.toString(round.number()), round.overhead(), round.bareOverhead()));
        }
        Overhead median = medianOverhead();
        out.append(overheadRow("median", median, medianBareOverhead()));
        out.append("(each round compares its measurements with the direct one; the median row is the median of the"
                + " rounds)\n");

        out.append('\n').append(cpuTable());

        out.append('\n');
        out.append(String.format(Locale.ROOT, "target: through the gateway >= %.0f %% of direct throughput: %.1f %% - %s%n",
                Overhead.TARGET_RATIO * 100, median.throughputRatio() * 100,
                median.meetsThroughputTarget() ? "met" : "NOT met"));
        out.append(String.format(Locale.ROOT, "target: added p50 < %.0f ms: %+.2f ms - %s%n",
                Overhead.TARGET_ADDED_P50_MILLIS, median.addedP50Millis(),
                median.meetsLatencyTarget() ? "met" : "NOT met"));
        medianBareOverhead().ifPresent(bare -> out.append(String.format(Locale.ROOT, "reference: the bare proxy"
                        + " (one more hop, no work of its own) reaches %.1f %% of direct throughput, %+.2f ms p50%n",
                bare.throughputRatio() * 100, bare.addedP50Millis())));
        if (errors() > 0) {
            out.append(String.format(Locale.ROOT, "FAILED: %d answers were not 200 (see the errors above and the"
                    + " logs); the figures do not count%n", errors()));
        }
        return out.toString();
    }

    /**
     * CPU milliseconds per answer of each process, and the cores' worth of CPU the run and everything
     * else on the machine used: with every core busy, throughput is the cores divided by the CPU an
     * answer costs in total, so this says where a difference between the targets comes from.
     */
    private String cpuTable() {
        List<String> processes = List.copyOf(rounds.get(0).inOrder().get(0).cpu().secondsByProcess().keySet());
        StringBuilder out = new StringBuilder();
        out.append("CPU time per answer, ms, by process; and the cores' worth of CPU used by the run and by others\n");
        out.append(String.format(Locale.ROOT, "%-15s %-8s", "round", "target"));
        processes.forEach(p -> out.append(String.format(Locale.ROOT, " %9s", p)));
        out.append(String.format(Locale.ROOT, " %9s %10s %12s%n", "total", "run cores", "other cores"));
        for (Round round : rounds) {
            for (Taken taken : round.inOrder()) {
                Measurement m = taken.measurement();
                CpuMeter.Use cpu = taken.cpu();
                out.append(String.format(Locale.ROOT, "%-15s %-8s", round.number(), m.target()));
                double total = 0;
                for (String process : processes) {
                    double millis = cpu.millisPerAnswer(process, m.answers());
                    total += millis;
                    out.append(String.format(Locale.ROOT, " %9.3f", millis));
                }
                out.append(String.format(Locale.ROOT, " %9.3f %10.2f %12s%n", total, cpu.runCores(),
                        cpu.otherCores() < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", cpu.otherCores())));
            }
        }
        return out.toString();
    }

    private static String row(String round, Measurement m) {
        return String.format(Locale.ROOT, "%-15s %-8s %11.1f %8.2f %8.2f %8.2f %8.2f %9d %7d%n", round, m.target(),
                m.perSecond(), millis(m.p50()), millis(m.p90()), millis(m.p99()), millis(m.max()), m.answers(),
                m.errors());
    }

    private static String overheadRow(String round, Overhead o, Optional<Overhead> bare) {
        String row = String.format(Locale.ROOT, "%-15s %13.1f %% %+13.2f %+13.2f", round, o.throughputRatio() * 100,
                o.addedP50Millis(), o.addedP99Millis());
        if (bare.isPresent()) {
            row += String.format(Locale.ROOT, " %13.1f %% %+13.2f %+13.2f", bare.get().throughputRatio() * 100,
                    bare.get().addedP50Millis(), bare.get().addedP99Millis());
        }
        return row + "\n";
    }

    private static double millis(double nanos) {
        return nanos / 1e6;
    }
}
