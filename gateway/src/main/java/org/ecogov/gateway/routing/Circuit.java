package org.ecogov.gateway.routing;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.util.TypeLiteral;

/**
 * The circuit breaker of one service's proxied requests: SmallRye Fault Tolerance's, through its programmatic
 * {@link Guard} on a {@link CompletionStage}. Closed, it lets everything through; when the last
 * {@code failureThreshold} exchanges it counted all failed (a rolling window of that size with failure ratio 1: that
 * many consecutive failures) it opens and refuses at once; after {@code openFor} it is half-open and lets a single
 * trial exchange through ({@code successThreshold} 1), whose success closes it and whose failure opens it again.
 * <p>
 * A deadline expiry is evidence against the service only once per caller: a caller whose requests time out counts one
 * failure, and its further expiries within {@code openFor} are not counted at all (neither failure nor success). One
 * officer's crafted or merely expensive requests, each slow only for itself, then cannot open the circuit for everyone
 * else; a service that has really stopped answering times out for every caller and opens it as before (it takes
 * {@code failureThreshold} callers, or one caller for {@code failureThreshold} times {@code openFor}). No connection and
 * 502/503/504 always count: a refusing service fails whoever calls it.
 * <p>
 * The proxy does not hand the guard its work: it asks for an {@link Exchange} before calling the service and reports
 * how that ended. While the circuit is closed the guard learns the outcome when it is known (the guard is asked then,
 * with an already finished stage), so that an outcome which does not count is simply never told; while it is open or
 * half-open the guard is asked before the call, which is how it refuses at once and admits its single trial. The guard
 * does not say how long it stays open, so the moment it opened is kept here from its state-change callback, for
 * {@code Retry-After}.
 */
public final class Circuit {

    private static final TypeLiteral<CompletionStage<Void>> STAGE = new TypeLiteral<>() {
    };
    /** How an exchange that failed ends the stage the guard watches (no stack trace: it is an expected outcome). */
    private static final Exception SERVICE_FAILED = new Exception("the service failed", null, false, false) {
        private static final long serialVersionUID = 1L;
    };
    private static final CompletionStage<Void> SUCCEEDED = CompletableFuture.completedFuture(null);
    private static final CompletionStage<Void> FAILED = CompletableFuture.failedFuture(SERVICE_FAILED);

    /** One exchange with the service that the circuit let through; one of the three is called, once. */
    public static final class Exchange {
        private final Circuit circuit;
        private final String caller;
        /** The guard's stage when the guard let it through (open or half-open circuit), else null: told at the end. */
        private final CompletableFuture<Void> admitted;

        private Exchange(Circuit circuit, String caller, CompletableFuture<Void> admitted) {
            this.circuit = circuit;
            this.caller = caller;
            this.admitted = admitted;
        }

        /** The service answered, with anything but 502, 503 or 504. */
        public void succeeded() {
            circuit.record(this, true);
        }

        /** No connection, or 502/503/504. */
        public void failed() {
            circuit.record(this, false);
        }

        /** No answer within the deadline: a failure if it is this caller's first within {@code openFor}. */
        public void timedOut() {
            if (circuit.firstTimeoutOf(caller)) {
                circuit.record(this, false);
            } else if (admitted != null) {
                // a trial must end; one that did not answer in time did not show the service is back
                admitted.completeExceptionally(SERVICE_FAILED);
            }
        }
    }

    private final Guard guard;
    private final long openForNanos;
    private final AtomicLong openedAt = new AtomicLong();
    private volatile CircuitBreakerState state = CircuitBreakerState.CLOSED;
    /**
     * Callers whose deadline expiry was counted, and when (System.nanoTime()); forgotten on a success and whenever the
     * circuit changes state, so it holds at most the callers of one run of failures.
     */
    private final Map<String, Long> countedTimeouts = new ConcurrentHashMap<>();

    public Circuit(String service, int failureThreshold, Duration openFor) {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failure threshold must be at least 1");
        }
        this.openForNanos = openFor.toNanos();
        this.guard = Guard.create()
                .withDescription("proxy to " + service)
                .withThreadOffload(false)
                .withCircuitBreaker()
                    .requestVolumeThreshold(failureThreshold)
                    .failureRatio(1.0)
                    .successThreshold(1)
                    .delay(openFor.toMillis(), ChronoUnit.MILLIS)
                    .onStateChange(this::changed)
                    .done()
                .build();
    }

    /**
     * An exchange if the circuit lets one through now (in half-open state, the trial), or null when it is open.
     * Answers at once: the guard is asked synchronously and refuses synchronously. {@code caller} says who is calling
     * (a key id, a token's subject), for counting deadline expiries.
     */
    public Exchange tryEnter(String caller) {
        if (state == CircuitBreakerState.CLOSED) {
            return new Exchange(this, caller, null);
        }
        CompletableFuture<Void> outcome = new CompletableFuture<>();
        CompletionStage<Void> watched = guard.get(() -> outcome, STAGE);
        if (watched.toCompletableFuture().isCompletedExceptionally()) {
            return null;
        }
        return new Exchange(this, caller, outcome);
    }

    /** {@code closed}, {@code open} or {@code half_open}, as the health check shows it. */
    public String state() {
        return state.name().toLowerCase(Locale.ROOT);
    }

    /** Whole seconds until a trial exchange will be let through, at least 1. */
    public long retryAfterSeconds() {
        long nanos = openedAt.get() + openForNanos - System.nanoTime();
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }

    private void record(Exchange exchange, boolean success) {
        if (success) {
            countedTimeouts.clear();
        }
        if (exchange.admitted != null) {
            if (success) {
                exchange.admitted.complete(null);
            } else {
                exchange.admitted.completeExceptionally(SERVICE_FAILED);
            }
        } else if (state == CircuitBreakerState.CLOSED) {
            // let through while closed: counted while it still is (once opened, the trial decides, not stragglers)
            guard.get(() -> success ? SUCCEEDED : FAILED, STAGE);
        }
    }

    /** Whether this caller's deadline expiry counts: none of its own was counted within {@code openFor}. */
    private boolean firstTimeoutOf(String caller) {
        long now = System.nanoTime();
        boolean[] first = { false };
        countedTimeouts.compute(caller, (key, countedAt) -> {
            if (countedAt == null || now - countedAt >= openForNanos) {
                first[0] = true;
                return now;
            }
            return countedAt;
        });
        return first[0];
    }

    private void changed(CircuitBreakerState next) {
        if (next == CircuitBreakerState.OPEN) {
            openedAt.set(System.nanoTime());
        }
        countedTimeouts.clear();
        state = next;
    }
}
