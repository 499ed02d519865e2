package org.ecogov.gateway.routing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A circuit breaker for one service. Closed, it lets everything through and counts consecutive failures;
 * at the threshold it opens and refuses at once (the gateway answers 503 without waiting for a timeout);
 * after {@code openFor} it lets exactly one trial request through (half-open): success closes it, failure
 * opens it again. Lock-free; safe to share between event loops.
 */
public final class CircuitBreaker {

    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int threshold;
    private final long openForNanos;
    private final LongSupplier clock;
    private final AtomicInteger failures = new AtomicInteger();
    /** When the circuit may be tried again (System.nanoTime scale); 0 while closed. */
    private final AtomicLong openUntil = new AtomicLong();
    private final AtomicBoolean trialInFlight = new AtomicBoolean();

    public CircuitBreaker(int threshold, Duration openFor) {
        this(threshold, openFor, System::nanoTime);
    }

    CircuitBreaker(int threshold, Duration openFor, LongSupplier nanoClock) {
        if (threshold < 1) {
            throw new IllegalArgumentException("failure threshold must be at least 1");
        }
        this.threshold = threshold;
        this.openForNanos = openFor.toNanos();
        this.clock = nanoClock;
    }

    /** Whether a request may go to the service now; a true in half-open state makes it the trial. */
    public boolean tryAcquire() {
        long until = openUntil.get();
        if (until == 0) {
            return true;
        }
        if (clock.getAsLong() - until < 0) {
            return false;
        }
        return trialInFlight.compareAndSet(false, true);
    }

    public void onSuccess() {
        failures.set(0);
        openUntil.set(0);
        trialInFlight.set(false);
    }

    public void onFailure() {
        if (trialInFlight.compareAndSet(true, false) || failures.incrementAndGet() >= threshold) {
            openUntil.set(nonZero(clock.getAsLong() + openForNanos));
        }
    }

    public State state() {
        long until = openUntil.get();
        if (until == 0) {
            return State.CLOSED;
        }
        return clock.getAsLong() - until < 0 ? State.OPEN : State.HALF_OPEN;
    }

    /** Whole seconds until a trial request will be let through, at least 1. */
    public long retryAfterSeconds() {
        long until = openUntil.get();
        long nanos = until == 0 ? 0 : until - clock.getAsLong();
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }

    private static long nonZero(long value) {
        return value == 0 ? 1 : value;
    }
}
