package org.ecogov.local;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One of our Quarkus services, run from its fast-jar ({@code target/quarkus-app/quarkus-run.jar})
 * as a child process: configured only through {@code -D} system properties, ready once
 * {@code /q/health/ready} answers 200, stopped with SIGTERM (Quarkus shuts down gracefully) and
 * killed if it takes too long.
 */
public final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final int port;
    private final int managementPort;
    private final Process process;
    private final Path logFile;
    private final Duration startupTime;
    private final Duration stopTimeout;

    private ServiceProcess(String name, int port, int managementPort, Process process, Path logFile,
                           Duration startupTime, Duration stopTimeout) {
        this.name = name;
        this.port = port;
        this.managementPort = managementPort;
        this.process = process;
        this.logFile = logFile;
        this.startupTime = startupTime;
        this.stopTimeout = stopTimeout;
    }

    /** A builder for the service {@code name} whose fast-jar is {@code quarkusRunJar}. */
    public static Builder builder(String name, Path quarkusRunJar) {
        return new Builder(name, quarkusRunJar);
    }

    /** Starts the service on {@code port} with the given system properties and waits until it is ready. */
    public static ServiceProcess start(String name, Path quarkusRunJar, int port, Map<String, String> systemProperties,
                                       Path logFile, Duration startupTimeout) {
        return builder(name, quarkusRunJar).port(port).systemProperties(systemProperties)
                .logFile(logFile).startupTimeout(startupTimeout).start();
    }

    /** Where a service module's build puts its fast-jar. */
    public static Path fastJar(Path moduleDirectory) {
        return moduleDirectory.resolve("target/quarkus-app/quarkus-run.jar");
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The management interface, where {@code /q/metrics} answers (services/runtime), on the loopback only. */
    public URI managementUrl() {
        return URI.create("http://127.0.0.1:" + managementPort);
    }

    public Path logFile() {
        return logFile;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Duration startupTime() {
        return startupTime;
    }

    /** SIGTERM, then SIGKILL after the stop timeout. */
    public void stop() {
        ProcessSupport.terminateTree(process.toHandle(), stopTimeout);
    }

    @Override
    public void close() {
        stop();
    }

    public static final class Builder {
        private final String name;
        private final Path jar;
        private int port;
        private int managementPort;
        private final Map<String, String> systemProperties = new LinkedHashMap<>();
        private final List<String> jvmOptions = new ArrayList<>();
        private Path logFile;
        private Path workingDirectory;
        private Duration startupTimeout = Duration.ofMinutes(2);
        private Duration stopTimeout = Duration.ofSeconds(15);

        private Builder(String name, Path jar) {
            this.name = Objects.requireNonNull(name, "name");
            this.jar = Objects.requireNonNull(jar, "jar").toAbsolutePath().normalize();
        }

        /** The HTTP port, passed as {@code quarkus.http.port}; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * The management interface's port ({@code /q/metrics}), passed as {@code quarkus.management.port}; 0 (the
         * default) picks a free one, so that services on one machine never meet on Quarkus's default 9000.
         */
        public Builder managementPort(int managementPort) {
            this.managementPort = managementPort;
            return this;
        }

        public Builder systemProperty(String key, String value) {
            systemProperties.put(key, value);
            return this;
        }

        public Builder systemProperties(Map<String, String> properties) {
            systemProperties.putAll(properties);
            return this;
        }

        /** Options before {@code -jar}, e.g. {@code -Xmx384m}. */
        public Builder jvmOptions(List<String> options) {
            jvmOptions.addAll(options);
            return this;
        }

        /** Where stdout and stderr go (default: {@code <name>.log} beside the jar's quarkus-app/). Truncated at start. */
        public Builder logFile(Path logFile) {
            this.logFile = logFile;
            return this;
        }

        /** The service's working directory (default: the one holding quarkus-app/). */
        public Builder workingDirectory(Path workingDirectory) {
            this.workingDirectory = workingDirectory;
            return this;
        }

        public Builder startupTimeout(Duration startupTimeout) {
            this.startupTimeout = startupTimeout;
            return this;
        }

        public Builder stopTimeout(Duration stopTimeout) {
            this.stopTimeout = stopTimeout;
            return this;
        }

        public ServiceProcess start() {
            if (!Files.isRegularFile(jar)) {
                throw new ServerStartException(name + ": no application at " + jar
                        + " (build it first: ./mvnw -B install -DskipTests)");
            }
            int httpPort = port != 0 ? port : ProcessSupport.freePort();
            ProcessSupport.requirePortFree(httpPort, name);
            int metricsPort = managementPort != 0 ? managementPort : ProcessSupport.freePort();
            ProcessSupport.requirePortFree(metricsPort, name + " (management)");
            Path appDirectory = jar.getParent().getParent();
            Path log = (logFile != null ? logFile : appDirectory.resolve(name + ".log")).toAbsolutePath();
            Path directory = workingDirectory != null ? workingDirectory : appDirectory;

            List<String> command = new ArrayList<>();
            command.add(ProcessSupport.javaExecutable().toString());
            command.addAll(jvmOptions);
            Map<String, String> properties = new LinkedHashMap<>(systemProperties);
            properties.put("quarkus.http.port", Integer.toString(httpPort));
            properties.put("quarkus.management.port", Integer.toString(metricsPort));
            properties.putIfAbsent("quarkus.http.host", "127.0.0.1");
            // Quarkus's own check of the request target answers a bare 400; services/runtime's MalformedRequests
            // answers the same requests with a problem once it is off (deploy/production.md)
            properties.putIfAbsent("vertx.disableURIValidation", "true");
            properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.add("-jar");
            command.add(jar.toString());

            long started = System.nanoTime();
            Process process;
            try {
                Files.createDirectories(log.getParent());
                process = new ProcessBuilder(ProcessSupport.inOwnSession(command))
                        .directory(directory.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                        .start();
            } catch (IOException e) {
                throw new ServerStartException(name + ": cannot run " + command, e);
            }
            try {
                ProcessSupport.awaitHttpOk(name, process, log, startupTimeout,
                        URI.create("http://127.0.0.1:" + httpPort + "/q/health/ready"));
            } catch (RuntimeException e) {
                ProcessSupport.terminateTree(process.toHandle(), stopTimeout);
                throw e;
            }
            return new ServiceProcess(name, httpPort, metricsPort, process, log, Duration.ofNanos(System.nanoTime() - started),
                    stopTimeout);
        }
    }
}
