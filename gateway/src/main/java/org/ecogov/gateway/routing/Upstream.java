package org.ecogov.gateway.routing;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.ecogov.gateway.config.GatewayConfig;

import io.netty.util.concurrent.FastThreadLocal;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/** One service behind the gateway: where it is, how long to wait for it, and its circuit breaker. */
public final class Upstream {

    private final String name;
    private final String host;
    private final int port;
    private final boolean ssl;
    private final long timeoutMillis;
    private final Optional<String> readScope;
    private final Optional<String> writeScope;
    private final String writeScopeName;
    /** The spec's operations, by {@code METHOD template}. */
    private final Map<String, Operation> operations = new HashMap<>();
    private final Vertx vertx;
    private final HttpClientOptions clientOptions;
    private final PoolOptions poolOptions;
    /**
     * A client per event loop: a request goes out on a connection owned by the loop it arrived on, so its
     * bytes are never handed to another thread (with one shared pool they were, at a cost of a thread
     * wake-up and a lock per request).
     */
    private final FastThreadLocal<HttpClient> perLoop = new FastThreadLocal<>() {
        @Override
        protected HttpClient initialValue() {
            return vertx.createHttpClient(clientOptions, poolOptions);
        }
    };
    /** For calls made off the event loops (health checks on worker threads). */
    private final HttpClient shared;
    private final Circuit circuit;

    public Upstream(String name, GatewayConfig.Service config, Vertx vertx) {
        URI url = URI.create(config.url());
        this.name = name;
        this.ssl = "https".equalsIgnoreCase(url.getScheme());
        this.host = url.getHost();
        this.port = url.getPort() > 0 ? url.getPort() : (ssl ? 443 : 80);
        this.timeoutMillis = config.timeout().toMillis();
        this.readScope = config.readScope();
        this.writeScope = config.writeScope();
        this.writeScopeName = config.writeScopeName().orElse(name + ":write");
        config.operations().forEach((id, operation) -> {
            String route = operation.route().strip();
            int space = route.indexOf(' ');
            if (space < 0) {
                throw new IllegalArgumentException("operation " + id + " of " + name + ": route '" + route
                        + "' is not 'METHOD /path'");
            }
            String method = route.substring(0, space).toUpperCase(java.util.Locale.ROOT);
            String template = route.substring(space + 1).strip();
            if (!config.paths().contains(template)) {
                throw new IllegalArgumentException("operation " + id + " of " + name + " is on " + template
                        + ", which is not one of the service's paths");
            }
            operations.put(method + " " + template, new Operation(id, method, template,
                    operation.keyScopes().orElse(List.of()), operation.anonymous(),
                    operation.apiKeyField().orElse(null)));
        });
        this.vertx = vertx;
        this.clientOptions = new HttpClientOptions()
                .setDefaultHost(host).setDefaultPort(port).setSsl(ssl)
                .setKeepAlive(true)
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setDecompressionSupported(false);
        this.poolOptions = new PoolOptions().setHttp1MaxSize(config.maxConnections());
        this.shared = vertx.createHttpClient(clientOptions, poolOptions);
        this.circuit = new Circuit(name, config.breaker().failureThreshold(), config.breaker().openFor());
    }

    /** Whether an answer counts as a failure of the service (502, 503, 504: it is down or overloaded, whatever it says). */
    public static boolean isFailureOfTheService(int status) {
        return status == 502 || status == 503 || status == 504;
    }

    /**
     * Whether a failed call failed for want of an answer in time (the gateway's deadline and Vert.x's idle
     * timeout are {@link java.util.concurrent.TimeoutException}s). Not getting a connection in time
     * (Netty's connect timeout) is not: the service counts as unreachable.
     */
    public static boolean isTimeout(Throwable cause) {
        return cause instanceof java.util.concurrent.TimeoutException;
    }

    public String name() {
        return name;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public boolean ssl() {
        return ssl;
    }

    public long timeoutMillis() {
        return timeoutMillis;
    }

    /** The client of the calling event loop (or a shared one off the event loops). */
    public HttpClient client() {
        return Context.isOnEventLoopThread() ? perLoop.get() : shared;
    }

    public Circuit circuit() {
        return circuit;
    }

    /**
     * One operation of the service's spec and who may call it through the gateway.
     *
     * @param keyScopes any one of these lets an API key call it; empty: keys may not
     * @param anonymous whether a request without any credential may call it
     * @param apiKeyField the form field an API key may come in instead of a header, or null
     */
    public record Operation(String id, String method, String template, List<String> keyScopes, boolean anonymous,
            String apiKeyField) {

        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    /**
     * The operation at this route template for this method (HEAD is GET's), or empty when the service's spec does
     * not describe it (or the configuration names no operations, as hand-written routes do not).
     */
    public Optional<Operation> operation(String template, String method) {
        if (operations.isEmpty()) {
            return Optional.empty();
        }
        String asked = "HEAD".equals(method) ? "GET" : method;
        return Optional.ofNullable(operations.get(asked + " " + template));
    }

    /** Whether the configuration describes the service's operations one by one. */
    public boolean describesOperations() {
        return !operations.isEmpty();
    }

    /** The scope an API key needs for this method here, empty when keys may not do it at all. */
    public Optional<String> scopeFor(String method) {
        return isRead(method) ? readScope : writeScope;
    }

    /** The scope to name when a key lacks it. */
    public String scopeNameFor(String method) {
        return isRead(method) ? readScope.orElse(name + ":read") : writeScope.orElse(writeScopeName);
    }

    private static boolean isRead(String method) {
        return "GET".equals(method) || "HEAD".equals(method);
    }
}
