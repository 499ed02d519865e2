package org.ecogov.runtime.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * "Now", as the platform stores it: UTC, to the microsecond (what PostgreSQL keeps, so a value read back equals
 * the one written and hashes the same). Every timestamp a service writes comes from here, never from
 * {@code Instant.now()}, so a test can set the time a service sees: the source is the {@link java.time.Clock}
 * bean, the system's UTC clock unless the application (a test) produces another ({@link SystemClock} is a
 * default bean). Days ("today", a validity's last day, a deadline's) are the agencies' days, in {@link #AGENCY_ZONE}
 * (DESIGN §2), never UTC's: 07:30 local is already that day.
 */
@ApplicationScoped
public class Clock {

    /** The zone the agencies reckon days in (Asia/Shanghai, +08:00). */
    public static final ZoneId AGENCY_ZONE = ZoneId.of("Asia/Shanghai");

    private final java.time.Clock source;

    public Clock(java.time.Clock source) {
        this.source = source;
    }

    /** The current instant, truncated to microseconds. */
    public Instant now() {
        return source.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Today, as the agencies reckon it. */
    public LocalDate agencyToday() {
        return agencyDay(now());
    }

    /** The agencies' day an instant falls on. */
    public static LocalDate agencyDay(Instant instant) {
        return instant.atZone(AGENCY_ZONE).toLocalDate();
    }

    /** An instant as the contract writes times: RFC 3339 with offset, in UTC; null stays null. */
    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
