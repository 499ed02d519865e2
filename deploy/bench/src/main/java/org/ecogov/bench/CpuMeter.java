package org.ecogov.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Where the CPU went during a measurement: the time each process of the run spent (with the processes
 * it started, e.g. PostgreSQL's backends), and how busy the whole machine was. On a machine where the
 * load generator and all servers share the cores, a closed loop is CPU-bound, and these figures say
 * which process a request's cost comes from and whether something else was running at the same time.
 */
final class CpuMeter {

    /** Linux's USER_HZ, the unit of /proc/stat: 100 on every common kernel build. */
    private static final double TICKS_PER_SECOND = 100;
    private static final Path PROC_STAT = Path.of("/proc/stat");

    private final Map<String, Tracked> processes = new LinkedHashMap<>();

    /** Measures this process alone under this name; an absent process counts 0. */
    CpuMeter track(String name, Supplier<Optional<ProcessHandle>> process) {
        processes.put(name, new Tracked(process, false));
        return this;
    }

    /** Measures this process and its descendants (e.g. PostgreSQL and its backends) under this name. */
    CpuMeter trackTree(String name, Supplier<Optional<ProcessHandle>> process) {
        processes.put(name, new Tracked(process, true));
        return this;
    }

    Sample sample() {
        Map<String, Duration> used = new LinkedHashMap<>();
        processes.forEach((name, tracked) -> used.put(name, tracked.process().get()
                .map(p -> tracked.tree() ? treeCpu(p) : cpu(p)).orElse(Duration.ZERO)));
        return new Sample(System.nanoTime(), used, machineBusyTicks());
    }

    /** CPU time taken so far by a process and its living descendants. */
    private static Duration treeCpu(ProcessHandle root) {
        return Stream.concat(Stream.of(root), root.descendants()).map(CpuMeter::cpu).reduce(Duration.ZERO, Duration::plus);
    }

    private static Duration cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** Busy ticks of all cores since boot (user, nice, system, irq, softirq, steal); -1 off Linux. */
    private static long machineBusyTicks() {
        try {
            String first = Files.readAllLines(PROC_STAT).get(0);
            String[] fields = first.trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += i < fields.length ? Long.parseLong(fields[i]) : 0;
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private record Tracked(Supplier<Optional<ProcessHandle>> process, boolean tree) {
    }

    /** CPU time used so far, at one moment. */
    record Sample(long nanoTime, Map<String, Duration> byProcess, long machineBusyTicks) {

        /** What was used from {@code earlier} to this sample. */
        Use since(Sample earlier) {
            Map<String, Double> seconds = new LinkedHashMap<>();
            byProcess.forEach((name, total) -> seconds.put(name,
                    Math.max(0, total.minus(earlier.byProcess.getOrDefault(name, Duration.ZERO)).toNanos() / 1e9)));
            double machine = machineBusyTicks < 0 || earlier.machineBusyTicks < 0 ? -1
                    : (machineBusyTicks - earlier.machineBusyTicks) / TICKS_PER_SECOND;
            return new Use((nanoTime - earlier.nanoTime) / 1e9, seconds, machine);
        }
    }

    /**
     * CPU used over a stretch of time.
     *
     * @param elapsedSeconds  the stretch's length
     * @param secondsByProcess CPU seconds of each tracked process tree
     * @param machineSeconds  CPU seconds of the whole machine; negative when unknown
     */
    record Use(double elapsedSeconds, Map<String, Double> secondsByProcess, double machineSeconds) {

        double trackedSeconds() {
            return secondsByProcess.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        /** Cores' worth of CPU that processes outside the run used meanwhile; negative when unknown. */
        double otherCores() {
            return machineSeconds < 0 ? -1 : Math.max(0, machineSeconds - trackedSeconds()) / elapsedSeconds;
        }

        /** Cores' worth of CPU the run's own processes used. */
        double runCores() {
            return trackedSeconds() / elapsedSeconds;
        }

        /** Milliseconds of CPU per answer of one process tree. */
        double millisPerAnswer(String process, long answers) {
            return answers == 0 ? 0 : secondsByProcess.getOrDefault(process, 0.0) * 1000 / answers;
        }
    }
}
