package org.ecogov.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How a run is shaped, from the command line. Ports default to ones the local run does not use, so
 * the benchmark can run beside {@code deploy/local/run}.
 */
record BenchOptions(int concurrency, Duration warmup, Duration measure, int rounds, int clientThreads,
                    int postgresPort, int registryPort, int gatewayPort, List<String> serviceJvmOptions,
                    Path resultsDirectory, boolean separateCores, boolean bareProxy, int bareProxyPort, boolean help) {

    static final String USAGE = """
            usage: deploy/bench/gateway-overhead [--no-build] [options]

            Starts PostgreSQL, the registry and the gateway (from their built fast-jars), creates one
            enterprise, then calls GET /api/v1/enterprises/{uscc} directly on the registry and through
            the gateway with the same number of keep-alive connections, each sending its next request
            when the answer to the last one arrived. Warms both up, then alternates the two for a number
            of rounds, prints requests/s and p50/p90/p99 both ways, the throughput ratio and the added
            latency, and writes the table to deploy/bench/results/. Stops everything it started.

              --no-build              use the jars of the last build (the script's option)
              --concurrency N         connections, each with one request in flight (default 32)
              --warmup SECONDS        warm-up per target before the rounds (default 10)
              --measure SECONDS       length of each measurement (default 20)
              --rounds N              rounds; each measures every target, in alternating order (default 3)
              --client-threads N      event loops of the load generator (default: a quarter of the cores, at least 1)
              --postgres-port P       (default 25432)
              --registry-port P       (default 28081)
              --gateway-port P        (default 28080)
              --service-jvm-options S JVM options of the registry and the gateway (default: the local run's,
                                      ecogov.services.jvm-options in deploy/local)
              --results-dir DIR       where the table is written (default deploy/bench/results)
              --separate-cores        place the registry and PostgreSQL on the first half of the cores, the
                                      gateway and the load generator on the other half (taskset), as in a
                                      deployment where the gateway runs on machines of its own; by default
                                      everything shares every core
              --bare-proxy            also measure a bare pass-through proxy on the same JVM and Vert.x (no
                                      authentication, logging or limits) in front of the same registry: what
                                      one more hop costs on this machine before a gateway does any work
              --bare-proxy-port P     (default 28082)
            """;

    /**
     * @param serviceJvmOptions the services' JVM options unless {@code --service-jvm-options} says otherwise
     */
    static BenchOptions parse(List<String> args, Path repositoryRoot, List<String> serviceJvmOptions) {
        int concurrency = 32;
        Duration warmup = Duration.ofSeconds(10);
        Duration measure = Duration.ofSeconds(20);
        int rounds = 3;
        int clientThreads = Math.max(1, Runtime.getRuntime().availableProcessors() / 4);
        int postgresPort = 25432;
        int registryPort = 28081;
        int gatewayPort = 28080;
        List<String> jvmOptions = serviceJvmOptions;
        Path results = repositoryRoot.resolve("deploy/bench/results");
        boolean separateCores = false;
        boolean bareProxy = false;
        int bareProxyPort = 28082;
        boolean help = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--concurrency" -> concurrency = positive(arg, value(args, ++i, arg));
                case "--warmup" -> warmup = seconds(arg, value(args, ++i, arg), true);
                case "--measure" -> measure = seconds(arg, value(args, ++i, arg), false);
                case "--rounds" -> rounds = positive(arg, value(args, ++i, arg));
                case "--client-threads" -> clientThreads = positive(arg, value(args, ++i, arg));
                case "--postgres-port" -> postgresPort = port(arg, value(args, ++i, arg));
                case "--registry-port" -> registryPort = port(arg, value(args, ++i, arg));
                case "--gateway-port" -> gatewayPort = port(arg, value(args, ++i, arg));
                case "--service-jvm-options" -> jvmOptions = words(value(args, ++i, arg));
                case "--results-dir" -> results = repositoryRoot.resolve(value(args, ++i, arg));
                case "--separate-cores" -> separateCores = true;
                case "--bare-proxy" -> bareProxy = true;
                case "--bare-proxy-port" -> bareProxyPort = port(arg, value(args, ++i, arg));
                case "--help", "-h" -> help = true;
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        List<Integer> ports = bareProxy ? List.of(postgresPort, registryPort, gatewayPort, bareProxyPort)
                : List.of(postgresPort, registryPort, gatewayPort);
        if (Set.copyOf(ports).size() < ports.size()) {
            throw new IllegalArgumentException("PostgreSQL, the registry, the gateway and the bare proxy need"
                    + " different ports, not " + ports);
        }
        return new BenchOptions(concurrency, warmup, measure, rounds, clientThreads, postgresPort, registryPort,
                gatewayPort, jvmOptions, results.toAbsolutePath().normalize(), separateCores, bareProxy, bareProxyPort,
                help);
    }

    /** The longest a run can take with these options, not counting start-up; the token must outlive it. */
    Duration loadTime() {
        return warmup.plus(measure.multipliedBy(rounds)).multipliedBy(bareProxy ? 3 : 2);
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index);
    }

    private static int positive(String option, String text) {
        try {
            int value = Integer.parseInt(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs a positive whole number, not " + text);
    }

    private static int port(String option, String text) {
        int port = positive(option, text);
        if (port > 65535) {
            throw new IllegalArgumentException(option + ": no such port " + port);
        }
        return port;
    }

    /** Whole or decimal seconds, with or without a trailing "s". */
    private static Duration seconds(String option, String text, boolean zeroAllowed) {
        String number = text.toLowerCase(Locale.ROOT).endsWith("s") ? text.substring(0, text.length() - 1) : text;
        try {
            double seconds = Double.parseDouble(number);
            if (seconds > 0 || (zeroAllowed && seconds == 0)) {
                return Duration.ofMillis(Math.round(seconds * 1000));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs a number of seconds" + (zeroAllowed ? "" : " above 0")
                + ", not " + text);
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String word : text.trim().split("\\s+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return List.copyOf(words);
    }
}
