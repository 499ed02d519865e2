package org.ecogov.emissions.service;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The times a monitoring value is accepted at: from the first day (UTC) of the month {@code monthsBack} before the
 * current one, to {@code futureTolerance} after now. Its months' partitions exist ahead of time
 * ({@link PartitionMaintenance}); a value outside is refused naming the window, never stored elsewhere.
 */
public record MeasurementWindow(Instant from, Instant until) {

    public static MeasurementWindow at(Instant now, int monthsBack, Duration futureTolerance) {
        return new MeasurementWindow(firstMonth(now, monthsBack).atStartOfDay(ZoneOffset.UTC).toInstant(),
                now.plus(futureTolerance));
    }

    static LocalDate firstMonth(Instant now, int monthsBack) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC).withDayOfMonth(1).minusMonths(monthsBack);
    }

    public boolean contains(Instant time) {
        return !time.isBefore(from) && !time.isAfter(until);
    }
}
