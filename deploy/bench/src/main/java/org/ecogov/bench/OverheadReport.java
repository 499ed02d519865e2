package org.ecogov.bench;

import java.util.List;
import java.util.Locale;

/**
 * The result table of one run: every round of both targets, the medians, and the gateway's overhead
 * per round and its median, with the targets of issue 3.
 */
final class OverheadReport {

    /** One round: both targets measured one after the other, in the order given, with the CPU each used. */
    record Round(int number, Measurement direct, Measurement gateway, CpuMeter.Use directCpu,
                 CpuMeter.Use gatewayCpu, boolean directFirst) {

        Overhead overhead() {
            return Overhead.of(direct, gateway);
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

    /**
     * The median of each round's overhead. Each round pairs the two targets measured moments apart,
     * so a machine that is busier in one round than another skews both of its figures alike.
     */
    Overhead medianOverhead() {
        List<Overhead> each = rounds.stream().map(Round::overhead).toList();
        return new Overhead(Measurement.median(each, Overhead::throughputRatio),
                Measurement.median(each, Overhead::addedP50Millis), Measurement.median(each, Overhead::addedP99Millis));
    }

    long errors() {
        return rounds.stream().mapToLong(r -> r.direct().errors() + r.gateway().errors()).sum();
    }

    String render() {
        StringBuilder out = new StringBuilder();
        header.forEach(line -> out.append(line).append('\n'));
        out.append('\n');
        out.append(String.format(Locale.ROOT, "%-15s %-8s %11s %8s %8s %8s %8s %9s %7s%n",
                "round", "target", "requests/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "answers", "errors"));
        for (Round round : rounds) {
            List<Measurement> inOrder = round.directFirst() ? List.of(round.direct(), round.gateway())
                    : List.of(round.gateway(), round.direct());
            for (Measurement m : inOrder) {
                out.append(row(Integer.toString(round.number()), m));
            }
        }
        out.append(row("median", medianDirect()));
        out.append(row("median", medianGateway()));
        out.append("(median rows: the median of each figure over the rounds; answers and errors summed)\n");

        out.append('\n');
        out.append(String.format(Locale.ROOT, "%-15s %15s %13s %13s%n", "round", "gateway/direct", "added p50 ms",
                "added p99 ms"));
        for (Round round : rounds) {
            out.append(overheadRow(Integer.toString(round.number()), round.overhead()));
        }
        Overhead median = medianOverhead();
        out.append(overheadRow("median", median));
        out.append("(each round compares its two measurements; the median row is the median of the rounds)\n");

        out.append('\n').append(cpuTable());

        out.append('\n');
        out.append(String.format(Locale.ROOT, "target: through the gateway >= %.0f %% of direct throughput: %.1f %% - %s%n",
                Overhead.TARGET_RATIO * 100, median.throughputRatio() * 100,
                median.meetsThroughputTarget() ? "met" : "NOT met"));
        out.append(String.format(Locale.ROOT, "target: added p50 < %.0f ms: %+.2f ms - %s%n",
                Overhead.TARGET_ADDED_P50_MILLIS, median.addedP50Millis(),
                median.meetsLatencyTarget() ? "met" : "NOT met"));
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
        List<String> processes = List.copyOf(rounds.get(0).directCpu().secondsByProcess().keySet());
        StringBuilder out = new StringBuilder();
        out.append("CPU time per answer, ms, by process; and the cores' worth of CPU used by the run and by others\n");
        out.append(String.format(Locale.ROOT, "%-15s %-8s", "round", "target"));
        processes.forEach(p -> out.append(String.format(Locale.ROOT, " %9s", p)));
        out.append(String.format(Locale.ROOT, " %9s %10s %12s%n", "total", "run cores", "other cores"));
        for (Round round : rounds) {
            List<Measurement> inOrder = round.directFirst() ? List.of(round.direct(), round.gateway())
                    : List.of(round.gateway(), round.direct());
            for (Measurement m : inOrder) {
                CpuMeter.Use cpu = m == round.direct() ? round.directCpu() : round.gatewayCpu();
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

    private static String overheadRow(String round, Overhead o) {
        return String.format(Locale.ROOT, "%-15s %13.1f %% %+13.2f %+13.2f%n", round, o.throughputRatio() * 100,
                o.addedP50Millis(), o.addedP99Millis());
    }

    private static double millis(double nanos) {
        return nanos / 1e6;
    }
}
