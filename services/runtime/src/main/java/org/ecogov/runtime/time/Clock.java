package org.ecogov.runtime.time;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * "Now", as the platform stores it: UTC, to the microsecond (what PostgreSQL keeps, so a value read back equals
 * the one written and hashes the same). Every timestamp a service writes comes from here, never from
 * {@code Instant.now()}, so a test can set the time a service sees: the source is the {@link java.time.Clock}
 * bean, the system's UTC clock unless the application (a test) produces another ({@link SystemClock} is a
 * default bean).
 */
@ApplicationScoped
public class Clock {

    private final java.time.Clock source;

    public Clock(java.time.Clock source) {
        this.source = source;
    }

    /** The current instant, truncated to microseconds. */
    public Instant now() {
        return source.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** An instant as the contract writes times: RFC 3339 with offset, in UTC; null stays null. */
    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
