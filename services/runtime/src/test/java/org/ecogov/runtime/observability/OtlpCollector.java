package org.ecogov.runtime.observability;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A stand-in for an OpenTelemetry collector: an HTTP server that takes OTLP/HTTP exports (protobuf) and keeps what it
 * was sent, so a test can see which traces a service exported. The service is pointed at it by run-time
 * configuration only, as a deployment would point it at its collector.
 */
public class OtlpCollector implements QuarkusTestResourceLifecycleManager {

    /** The bodies of the exports received, in order (OTLP protobuf: trace ids appear as their 16 raw bytes). */
    static final List<byte[]> EXPORTS = new CopyOnWriteArrayList<>();

    private HttpServer server;

    /** Whether a span of this trace (32 hex digits) has been received. */
    static boolean exported(String traceId) {
        byte[] id = HexFormat.of().parseHex(traceId);
        return EXPORTS.stream().anyMatch(body -> contains(body, id));
    }

    private static boolean contains(byte[] body, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= body.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (body[i + j] != part[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Calls the fixture within the given trace, as a caller that sampled it. */
    static void call(String traceId) {
        given().header("traceparent", "00-" + traceId + "-b7ad6b7169203331-01")
                .get("/fixture/log").then().statusCode(200);
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("the OTLP collector stand-in cannot listen", e);
        }
        server.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                if ("POST".equals(exchange.getRequestMethod())) {
                    EXPORTS.add(body.readAllBytes());
                }
            }
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        return Map.of(
                "quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf",
                "quarkus.otel.exporter.otlp.traces.endpoint",
                "http://127.0.0.1:" + server.getAddress().getPort(),
                "quarkus.otel.bsp.schedule.delay", "100ms");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
