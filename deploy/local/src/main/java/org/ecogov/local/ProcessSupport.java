package org.ecogov.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What every server launcher here needs: ports, child process trees, readiness polling, log tails. Public for
 * the benchmark (deploy/bench), which starts processes of its own.
 */
public final class ProcessSupport {

    /** Lines of a server's log quoted in a startup error. */
    static final int LOG_TAIL_LINES = 40;

    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private ProcessSupport() {
    }

    /** The java binary of this JVM, so children run on the same JDK as the launcher. */
    public static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /**
     * Runs the command in a session of its own where util-linux setsid exists, so that a Ctrl-C in
     * the launcher's terminal reaches only the launcher, whose shutdown hook then stops the
     * children in order (instead of every process getting SIGINT at once).
     */
    static List<String> inOwnSession(List<String> command) {
        if (!Files.isExecutable(SETSID)) {
            return command;
        }
        List<String> detached = new ArrayList<>(command.size() + 1);
        detached.add(SETSID.toString());
        detached.addAll(command);
        return detached;
    }

    /** Where free ports are looked for when the kernel's ephemeral range leaves room below it. */
    private static final int LOWEST_CHOSEN_PORT = 20000;

    /**
     * A TCP port on the loopback interface that was free a moment ago, chosen below the kernel's ephemeral
     * range: a port the kernel handed out for {@code bind(0)} is one it also hands out as the source port
     * of outgoing connections, so between choosing it and the server binding it, any client starting
     * meanwhile (a service connecting to PostgreSQL, say) could take it. Falls back to {@code bind(0)}
     * where the range cannot be read or leaves no room.
     */
    static int freePort() {
        int ephemeralStart = ephemeralRangeStart();
        if (ephemeralStart > LOWEST_CHOSEN_PORT + 100) {
            var random = java.util.concurrent.ThreadLocalRandom.current();
            for (int attempt = 0; attempt < 200; attempt++) {
                int port = random.nextInt(LOWEST_CHOSEN_PORT, ephemeralStart);
                try (ServerSocket socket = new ServerSocket()) {
                    socket.setReuseAddress(true);
                    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
                    return port;
                } catch (IOException taken) {
                    // try another
                }
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    /** The first port of Linux's ephemeral range, or 0 where it cannot be read. */
    private static int ephemeralRangeStart() {
        try {
            String range = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/net/ipv4/ip_local_port_range"));
            return Integer.parseInt(range.strip().split("\\s+")[0]);
        } catch (IOException | RuntimeException unreadable) {
            return 0;
        }
    }

    /** Fails with a message that names the port and its user when a server's port is taken. */
    static void requirePortFree(int port, String what) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new ServerStartException(what + ": port " + port + " on 127.0.0.1 is already in use"
                    + " (a previous run still alive? `ss -ltnp 'sport = :" + port + "'` shows who holds it)");
        }
    }

    /**
     * Stops a process and everything it started: SIGTERM to the whole tree (children first, taken
     * before the parent dies and they are re-parented), then SIGKILL to whatever is left after the
     * grace period.
     */
    public static void terminateTree(ProcessHandle root, Duration grace) {
        List<ProcessHandle> tree = new ArrayList<>();
        root.descendants().forEach(tree::add);
        tree.add(root);
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroy);
        if (!awaitExit(tree, grace)) {
            tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            awaitExit(tree, Duration.ofSeconds(10));
        }
    }

    private static boolean awaitExit(List<ProcessHandle> processes, Duration timeout) {
        CompletableFuture<?>[] exits = processes.stream()
                .map(ProcessHandle::onExit)
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return processes.stream().noneMatch(ProcessHandle::isAlive);
        }
    }

    /** The last lines of a log file, for error messages; never fails. */
    static String tail(Path logFile, int lines) {
        if (logFile == null || !Files.isRegularFile(logFile)) {
            return "(no log at " + logFile + ")";
        }
        Deque<String> last = new ArrayDeque<>(lines);
        try (Stream<String> all = Files.lines(logFile, StandardCharsets.UTF_8)) {
            all.forEach(line -> {
                if (last.size() == lines) {
                    last.removeFirst();
                }
                last.addLast(line);
            });
        } catch (IOException | UncheckedIOException e) {
            return "(could not read " + logFile + ": " + e.getMessage() + ")";
        }
        return last.stream().map(line -> "    " + line).collect(Collectors.joining("\n"));
    }

    /**
     * Polls the URLs in order until each answers 200, while the process lives and the deadline has
     * not passed. Throws a {@link ServerStartException} quoting the log tail otherwise.
     */
    static void awaitHttpOk(String what, Process process, Path logFile, Duration timeout, URI... urls) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (URI url : urls) {
            HttpRequest probe = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).GET().build();
            while (true) {
                if (!process.isAlive()) {
                    throw new ServerStartException(what + " exited with code " + process.exitValue()
                            + " before it was ready (" + url + "). Last lines of " + logFile + ":\n"
                            + tail(logFile, LOG_TAIL_LINES));
                }
                if (answersOk(http, probe)) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new ServerStartException(what + " was not ready within " + timeout.toSeconds()
                            + " s (" + url + " did not answer 200). Last lines of " + logFile + ":\n"
                            + tail(logFile, LOG_TAIL_LINES));
                }
                sleep(Duration.ofMillis(250));
            }
        }
    }

    private static boolean answersOk(HttpClient http, HttpRequest probe) {
        try {
            return http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerStartException("interrupted while waiting for " + probe.uri());
        }
    }

    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerStartException("interrupted");
        }
    }

    /** Deletes a directory tree if it exists. */
    public static void deleteTree(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + directory, e);
        }
    }
}
