package org.ecogov.gateway.routing;

import java.net.URI;
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
    private final CircuitBreaker breaker;

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
        this.vertx = vertx;
        this.clientOptions = new HttpClientOptions()
                .setDefaultHost(host).setDefaultPort(port).setSsl(ssl)
                .setKeepAlive(true)
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setDecompressionSupported(false);
        this.poolOptions = new PoolOptions().setHttp1MaxSize(config.maxConnections());
        this.shared = vertx.createHttpClient(clientOptions, poolOptions);
        this.breaker = new CircuitBreaker(config.breaker().failureThreshold(), config.breaker().openFor());
    }

    /** A service's answer to a call the gateway makes itself (the profile), read whole. */
    public record Answer(int status, io.vertx.core.buffer.Buffer body) {
    }

    /**
     * Calls the service for the gateway itself, with the same timeout and circuit breaker as proxied
     * requests. Fails with {@link Unavailable} when the circuit is open, the service cannot be reached or
     * answers 502/503/504, or does not answer in time.
     */
    public io.vertx.core.Future<Answer> get(String uri, java.util.Map<String, String> headers) {
        if (!breaker.tryAcquire()) {
            return io.vertx.core.Future.failedFuture(new Unavailable(name + " is failing; its circuit is open", false));
        }
        RequestOptions options = new RequestOptions().setMethod(io.vertx.core.http.HttpMethod.GET)
                .setHost(host).setPort(port).setSsl(ssl).setURI(uri).setIdleTimeout(timeoutMillis);
        headers.forEach(options::putHeader);
        return client().request(options)
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> new Answer(response.statusCode(), body)))
                .transform(result -> {
                    if (result.failed()) {
                        breaker.onFailure();
                        boolean timedOut = isTimeout(result.cause());
                        return io.vertx.core.Future.failedFuture(new Unavailable(timedOut
                                ? name + " did not answer within " + timeoutMillis + " ms"
                                : name + " cannot be reached", timedOut));
                    }
                    int status = result.result().status();
                    if (!answered(status)) {
                        return io.vertx.core.Future.failedFuture(new Unavailable(name + " answered " + status, false));
                    }
                    return io.vertx.core.Future.succeededFuture(result.result());
                });
    }

    /**
     * Tells the circuit breaker how the service answered; false when the answer counts as a failure of the
     * service (502, 503, 504: it is down or overloaded, whatever it says).
     */
    public boolean answered(int status) {
        boolean failed = status == 502 || status == 503 || status == 504;
        if (failed) {
            breaker.onFailure();
        } else {
            breaker.onSuccess();
        }
        return !failed;
    }

    /**
     * Whether a failed call failed for want of an answer in time (the gateway's deadline and Vert.x's idle
     * timeout are {@link java.util.concurrent.TimeoutException}s). Not getting a connection in time
     * (Netty's connect timeout) is not: the service counts as unreachable.
     */
    public static boolean isTimeout(Throwable cause) {
        return cause instanceof java.util.concurrent.TimeoutException;
    }

    /** A service that could not answer a call of the gateway's own. */
    public static final class Unavailable extends RuntimeException {

        private final boolean timedOut;

        Unavailable(String message, boolean timedOut) {
            super(message, null, false, false);
            this.timedOut = timedOut;
        }

        public boolean timedOut() {
            return timedOut;
        }
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

    public CircuitBreaker breaker() {
        return breaker;
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
