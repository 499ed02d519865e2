package org.ecogov.bench;

import java.util.Locale;
import java.util.Set;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * The reference the gateway is measured against besides the service itself: a pass-through HTTP/1.1
 * proxy on the same JVM, Vert.x and Netty as the gateway, doing nothing but relaying bytes. No
 * authentication, no routing table, no request id, no logging, no deadline, no circuit breaker. Like the
 * gateway it has an event loop per half core with its own client pool, so a request never leaves the loop
 * it arrived on. What it costs is what one more hop costs on this machine before a gateway does any work
 * of its own: the floor under the gateway's figure. Runs in its own process, so its CPU is counted apart.
 *
 * <p>{@code java -cp ecogov-bench.jar org.ecogov.bench.BareProxy <port> <service host> <service port>}
 */
public final class BareProxy extends AbstractVerticle {

    /** Connection-specific headers a proxy must not pass on (RFC 9110, 7.6.1). */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "te", "trailer", "upgrade", "host", "content-length");

    private final int port;
    private final String serviceHost;
    private final int servicePort;
    private HttpClient client;

    BareProxy(int port, String serviceHost, int servicePort) {
        this.port = port;
        this.serviceHost = serviceHost;
        this.servicePort = servicePort;
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: BareProxy <port> <service host> <service port>");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        String host = args[1];
        int servicePort = Integer.parseInt(args[2]);
        // as many event loops as Quarkus gives the gateway: two per core
        int loops = 2 * Runtime.getRuntime().availableProcessors();
        Vertx vertx = Vertx.vertx();
        vertx.deployVerticle(() -> new BareProxy(port, host, servicePort), new DeploymentOptions().setInstances(loops))
                .onSuccess(id -> System.out.printf(Locale.ROOT, "bare proxy on %d -> %s:%d, %d event loops%n",
                        port, host, servicePort, loops))
                .onFailure(e -> {
                    System.err.println("bare proxy did not start: " + e);
                    System.exit(1);
                });
    }

    @Override
    public void start(Promise<Void> started) {
        client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(64));
        vertx.createHttpServer().requestHandler(this::relay).listen(port).<Void>mapEmpty().onComplete(started);
    }

    private void relay(HttpServerRequest request) {
        request.pause();
        RequestOptions options = new RequestOptions().setMethod(request.method()).setHost(serviceHost)
                .setPort(servicePort).setURI(request.uri());
        client.request(options).onComplete(opened -> {
            if (opened.failed()) {
                request.response().setStatusCode(503).end();
                return;
            }
            var outgoing = opened.result();
            copy(request.headers(), outgoing.headers());
            String length = request.getHeader("Content-Length");
            boolean chunked = request.getHeader("Transfer-Encoding") != null;
            if (length != null) {
                outgoing.putHeader("Content-Length", length);
            } else if (chunked) {
                outgoing.setChunked(true);
            }
            boolean hasBody = chunked || (length != null && !length.equals("0"));
            var sent = hasBody ? outgoing.send(request) : outgoing.send();
            if (!hasBody && !request.isEnded()) {
                request.resume();
            }
            sent.onComplete(answered -> {
                HttpServerResponse response = request.response();
                if (answered.failed()) {
                    response.setStatusCode(502).end();
                    return;
                }
                var answer = answered.result();
                response.setStatusCode(answer.statusCode());
                copy(answer.headers(), response.headers());
                String answerLength = answer.getHeader("Content-Length");
                if (answerLength != null) {
                    response.putHeader("Content-Length", answerLength);
                } else {
                    response.setChunked(true);
                }
                answer.pipeTo(response);
            });
        });
    }

    private static void copy(MultiMap from, MultiMap to) {
        from.forEach((name, value) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                to.add(name, value);
            }
        });
    }
}
