package org.ecogov.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock a test sets: the system's UTC time until {@link #set} fixes "now", and again after {@link #reset}.
 * A service's tests produce {@link #INSTANCE} as their {@link Clock} bean, which then drives the runtime's
 * {@code org.ecogov.runtime.time.Clock} (the runtime's system clock is only a default bean):
 * <pre>{@code @Produces @Singleton java.time.Clock clock() { return SettableClock.INSTANCE; }}</pre>
 * One instance per JVM, as the application under test is.
 */
public final class SettableClock extends Clock {

    public static final SettableClock INSTANCE = new SettableClock();

    private volatile Instant fixed;

    private SettableClock() {
    }

    /** From now on the clock says {@code now}, until the next set or reset. */
    public void set(Instant now) {
        fixed = now;
    }

    /** Back to the system's time. */
    public void reset() {
        fixed = null;
    }

    @Override
    public Instant instant() {
        Instant now = fixed;
        return now != null ? now : Instant.now();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the platform keeps time in UTC");
    }
}
