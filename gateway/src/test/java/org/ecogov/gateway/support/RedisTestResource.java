package org.ecogov.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import redis.embedded.RedisServer;

/**
 * A real Redis server (7.0, the statically linked {@code redis-server} that {@code org.signal:embedded-redis} ships in
 * its jar, fetched from Maven Central like every other test dependency) on a free loopback port, without persistence,
 * and the gateway under test told to keep its rate-limit counters there. Tests stop and start it again on the same
 * port ({@link #stop()}, {@link #startAgain()}) to see the gateway carry on without it.
 */
public class RedisTestResource implements QuarkusTestResourceLifecycleManager {

    private static RedisServer server;
    private static int port;

    @Override
    public Map<String, String> start() {
        port = FreePort.find();
        startAgain();
        return Map.of(
                "quarkus.redis.hosts", url(),
                "ecogov.gateway.rate-limits.store", "redis",
                "ecogov.gateway.rate-limits.redis.retry-after", "1s");
    }

    /** Where the server listens, as quarkus.redis.hosts wants it. */
    public static String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts the server (again) on its port, empty. */
    public static synchronized void startAgain() {
        Path dir = Path.of("target", "redis");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server = RedisServer.builder()
                .port(port)
                .bind("127.0.0.1")
                .setting("save \"\"")
                .setting("appendonly no")
                .setting("dir " + dir.toAbsolutePath())
                .build();
        server.start();
    }

    /** Stops the server (the gateway then counts in its own memory until it is back). */
    public static synchronized void stopServer() {
        if (server != null && server.isActive()) {
            server.stop();
        }
    }

    @Override
    public void stop() {
        stopServer();
    }
}
