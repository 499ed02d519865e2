package org.ecogov.gateway.routing;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.util.TypeLiteral;

/**
 * The circuit breaker of one service's proxied requests: SmallRye Fault Tolerance's, through its programmatic
 * {@link Guard} on a {@link CompletionStage}. Closed, it lets everything through; when the last
 * {@code failureThreshold} exchanges all failed (a rolling window of that size with failure ratio 1: that many
 * consecutive failures) it opens and refuses at once; after {@code openFor} it is half-open and lets a single trial
 * exchange through ({@code successThreshold} 1), whose success closes it and whose failure opens it again.
 * <p>
 * The proxy does not hand the guard its work: it asks for an {@link Exchange} before calling the service and
 * reports how that ended, which completes the stage the guard is watching. The guard does not say how long it
 * stays open, so the moment it opened is kept here from its state-change callback, for {@code Retry-After}.
 */
public final class Circuit {

    private static final TypeLiteral<CompletionStage<Void>> STAGE = new TypeLiteral<>() {
    };
    /** How an exchange that failed ends the stage the guard watches (no stack trace: it is an expected outcome). */
    private static final Exception SERVICE_FAILED = new Exception("the service failed", null, false, false) {
        private static final long serialVersionUID = 1L;
    };

    /** One exchange with the service that the circuit let through; exactly one of the two is called. */
    public static final class Exchange {
        private final CompletableFuture<Void> outcome;

        private Exchange(CompletableFuture<Void> outcome) {
            this.outcome = outcome;
        }

        /** The service answered, with anything but 502, 503 or 504. */
        public void succeeded() {
            outcome.complete(null);
        }

        /** No connection, no answer in time, or 502/503/504. */
        public void failed() {
            outcome.completeExceptionally(SERVICE_FAILED);
        }
    }

    private final Guard guard;
    private final long openForNanos;
    private final AtomicLong openedAt = new AtomicLong();
    private volatile CircuitBreakerState state = CircuitBreakerState.CLOSED;

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
     * Answers at once: the guard is asked synchronously and refuses synchronously.
     */
    public Exchange tryEnter() {
        CompletableFuture<Void> outcome = new CompletableFuture<>();
        CompletionStage<Void> watched = guard.get(() -> outcome, STAGE);
        if (watched.toCompletableFuture().isCompletedExceptionally()) {
            return null;
        }
        return new Exchange(outcome);
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

    private void changed(CircuitBreakerState next) {
        if (next == CircuitBreakerState.OPEN) {
            openedAt.set(System.nanoTime());
        }
        state = next;
    }
}
