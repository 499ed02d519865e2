package org.ecogov.local;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Stands in for a Quarkus fast-jar in {@link ServiceProcessTest}: serves /q/health/ready on
 * quarkus.http.port and echoes system properties at /echo?NAME. Behaves badly on request:
 * {@code -Dfake.fail=MESSAGE} exits at once after printing MESSAGE, {@code -Dfake.hang-on-stop=true}
 * ignores SIGTERM for a minute.
 */
public final class FakeQuarkusApp {

    private FakeQuarkusApp() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        String failure = System.getProperty("fake.fail");
        if (failure != null) {
            System.out.println("starting fake app");
            System.err.println(failure);
            System.exit(1);
        }
        int port = Integer.parseInt(System.getProperty("quarkus.http.port"));
        HttpServer server = HttpServer.create(new InetSocketAddress(System.getProperty("quarkus.http.host"), port), 0);
        server.createContext("/q/health/ready", exchange -> respond(exchange, 200, "{\"status\":\"UP\"}"));
        server.createContext("/echo", exchange -> {
            String value = System.getProperty(exchange.getRequestURI().getQuery(), "");
            respond(exchange, 200, value);
        });
        Thread.sleep(Long.getLong("fake.startup-delay-ms", 0));
        server.start();
        System.out.println("fake app listening on " + port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("fake app stopping");
            if (Boolean.getBoolean("fake.hang-on-stop")) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            server.stop(0);
        }));
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
