package org.ecogov.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * A closed-loop HTTP load generator: a fixed number of lanes per target, each with one keep-alive
 * connection and one request in flight, sending the next request as soon as the answer to the last
 * one has been read whole. The offered load thus follows the server's pace, and two targets measured
 * with the same number of lanes are compared at the same concurrency.
 *
 * <p>Only 200 answers that arrive inside the measurement window count; anything else is an error.
 * The lanes are spread over the load generator's event loops.
 */
final class ClosedLoopLoad implements AutoCloseable {

    /** How long after the window the last in-flight answers may take before the run is called broken. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(40);
    private static final long REQUEST_TIMEOUT_MILLIS = 30_000;

    private final Vertx vertx;
    private final int eventLoops;
    private boolean closed;

    ClosedLoopLoad(int eventLoops) {
        this.eventLoops = eventLoops;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
    }

    /** A GET of {@code path} on {@code baseUrl} with this bearer token, over {@code connections} connections. */
    Target target(String name, URI baseUrl, String path, String bearerToken, int connections) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                        .setKeepAlive(true)
                        .setKeepAliveTimeout(300)
                        .setTcpNoDelay(true)
                        .setConnectTimeout(5_000),
                new PoolOptions().setHttp1MaxSize(connections));
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(baseUrl.getHost())
                .setPort(baseUrl.getPort())
                .setURI(path)
                .setIdleTimeout(REQUEST_TIMEOUT_MILLIS)
                .putHeader("Authorization", "Bearer " + bearerToken)
                .putHeader("Accept", "application/json");
        return new Target(name, client, request, connections);
    }

    /** Runs the lanes against {@code target} for {@code window}; returns once every lane has stopped. */
    Measurement run(Target target, Duration window) {
        List<Lane> lanes = new ArrayList<>();
        CountDownLatch stopped = new CountDownLatch(target.connections());
        long start = System.nanoTime();
        long deadline = start + window.toNanos();
        for (int i = 0; i < target.connections(); i++) {
            lanes.add(new Lane(target, deadline, stopped));
        }
        AtomicInteger instance = new AtomicInteger();
        String deployment = await(vertx.deployVerticle(() -> new AbstractVerticle() {
            @Override
            public void start() {
                // each instance runs on an event loop of its own and starts its share of the lanes there
                for (int i = instance.getAndIncrement(); i < lanes.size(); i += eventLoops) {
                    lanes.get(i).next();
                }
            }
        }, new DeploymentOptions().setInstances(eventLoops)), Duration.ofSeconds(10));
        try {
            if (!stopped.await(window.plus(DRAIN_TIMEOUT).toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(target.name() + ": answers still outstanding " + DRAIN_TIMEOUT.toSeconds()
                        + " s after the end of the measurement");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            await(vertx.undeploy(deployment), Duration.ofSeconds(10));
        }
        long errors = lanes.stream().mapToLong(Lane::errors).sum();
        Measurement measurement = Measurement.of(target.name(),
                LatencyRecorder.mergeSorted(lanes.stream().map(Lane::latencies).toList()), errors, window);
        if (errors > 0) {
            String first = lanes.stream().map(Lane::firstError).filter(e -> e != null).findFirst().orElse("?");
            System.err.println("[bench] " + target.name() + ": " + errors + " errors, the first: " + first);
        }
        return measurement;
    }

    /** Closes the connections and stops the event loops; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            await(vertx.close(), Duration.ofSeconds(10));
        } catch (IllegalStateException e) {
            System.err.println("[bench] the load generator did not stop cleanly: " + e.getMessage());
        }
    }

    private static <T> T await(Future<T> future, Duration timeout) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Vert.x did not finish within " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Where a measurement sends its requests; its connections stay open from one measurement to the next. */
    record Target(String name, HttpClient client, RequestOptions request, int connections) {
    }

    /** One connection's loop: request, read the answer, record it, request again until the deadline. */
    private static final class Lane {

        private final Target target;
        private final long deadline;
        private final CountDownLatch stopped;
        private final LatencyRecorder latencies = new LatencyRecorder();
        // written and read on the lane's event loop only, then read after the latch
        private long errors;
        private String firstError;

        Lane(Target target, long deadline, CountDownLatch stopped) {
            this.target = target;
            this.deadline = deadline;
            this.stopped = stopped;
        }

        void next() {
            long sent = System.nanoTime();
            if (sent - deadline >= 0) {
                stopped.countDown();
                return;
            }
            target.client().request(target.request())
                    .compose(request -> request.send())
                    .compose(response -> response.body().map(body -> response.statusCode() == 200 ? null
                            : "HTTP " + response.statusCode() + ": " + abbreviate(body.toString())))
                    .onComplete(result -> {
                        long answered = System.nanoTime();
                        String error = result.failed() ? String.valueOf(result.cause()) : result.result();
                        if (error != null) {
                            errors++;
                            if (firstError == null) {
                                firstError = error;
                            }
                        } else if (answered - deadline < 0) {
                            latencies.record(answered - sent);
                        }
                        next();
                    });
        }

        long errors() {
            return errors;
        }

        String firstError() {
            return firstError;
        }

        LatencyRecorder latencies() {
            return latencies;
        }

        private static String abbreviate(String text) {
            return text.length() <= 300 ? text : text.substring(0, 300) + "...";
        }
    }
}
