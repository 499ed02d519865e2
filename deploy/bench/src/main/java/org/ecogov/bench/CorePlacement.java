package org.ecogov.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Puts the processes of a run on separate cores with {@code taskset}: the registry and PostgreSQL (the
 * postmaster and every backend) on the first half, the gateway (the bare proxy too) and the load generator on the second. It
 * models a deployment where the gateway runs on machines of its own, so that its CPU is not taken from the
 * service it fronts; the direct measurement keeps the same placement, so both sides get the same cores for
 * the registry. Linux only.
 */
final class CorePlacement {

    private final String serviceCores;
    private final String doorCores;

    private CorePlacement(String serviceCores, String doorCores) {
        this.serviceCores = serviceCores;
        this.doorCores = doorCores;
    }

    static CorePlacement separate(BenchStack stack) {
        int cores = Runtime.getRuntime().availableProcessors();
        if (cores < 2) {
            throw new IllegalStateException("--separate-cores needs at least 2 cores, this machine has " + cores);
        }
        int half = cores / 2;
        CorePlacement placement = new CorePlacement(range(0, half - 1), range(half, cores - 1));
        List<ProcessHandle> services = new ArrayList<>();
        stack.registryProcess().ifPresent(services::add);
        stack.postgresProcess().ifPresent(postmaster -> {
            services.add(postmaster);
            postmaster.descendants().forEach(services::add);
        });
        List<ProcessHandle> door = new ArrayList<>();
        stack.gatewayProcess().ifPresent(door::add);
        stack.bareProxyProcess().ifPresent(door::add);
        door.add(ProcessHandle.current());
        if (services.size() < 2 || door.size() < 2) {
            throw new IllegalStateException("cannot find the processes to place");
        }
        services.forEach(process -> pin(process, placement.serviceCores));
        door.forEach(process -> pin(process, placement.doorCores));
        return placement;
    }

    /** Every thread of the process, not only its main one ({@code taskset -a}). */
    private static void pin(ProcessHandle process, String cores) {
        try {
            Process taskset = new ProcessBuilder("taskset", "-a", "-p", "-c", cores, Long.toString(process.pid()))
                    .redirectErrorStream(true).start();
            String output = new String(taskset.getInputStream().readAllBytes());
            if (!taskset.waitFor(10, TimeUnit.SECONDS) || taskset.exitValue() != 0) {
                throw new IllegalStateException("taskset failed for pid " + process.pid() + ": " + output.strip());
            }
        } catch (IOException e) {
            throw new IllegalStateException("--separate-cores needs taskset (util-linux): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while placing processes", e);
        }
    }

    private static String range(int from, int to) {
        return from == to ? Integer.toString(from) : from + "-" + to;
    }

    @Override
    public String toString() {
        return "registry and PostgreSQL on cores " + serviceCores + "; gateway (and bare proxy) and load generator on cores "
                + doorCores;
    }
}
