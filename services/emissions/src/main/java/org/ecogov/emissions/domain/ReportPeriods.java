package org.ecogov.emissions.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/**
 * The periods a self-monitoring report covers and when it is due, and the unit each pollutant of the common list
 * is reported in (the registry's reference list, api-specs common.yaml's PollutantCode).
 */
public final class ReportPeriods {

    /** The unit of each pollutant of the common list: concentrations as in discharge permits, flows in m3/h. */
    public static final Map<String, String> UNITS = Map.of(
            "a00000", "m3/h", "a21026", "mg/m3", "a21002", "mg/m3", "a34013", "mg/m3",
            "w00000", "m3/h", "w01001", "pH", "w01018", "mg/L", "w21003", "mg/L", "w21011", "mg/L", "w21001", "mg/L");

    private ReportPeriods() {
    }

    /** The unit the pollutant is reported in. */
    public static Optional<String> unitOf(String pollutant) {
        return Optional.ofNullable(UNITS.get(pollutant));
    }

    /** Whether the day starts a period of this kind (a month's first day; a quarter's; the 1st of January). */
    public static boolean startsPeriod(String kind, LocalDate start) {
        return start.getDayOfMonth() == 1 && switch (kind) {
            case "month" -> true;
            case "quarter" -> (start.getMonthValue() - 1) % 3 == 0;
            case "year" -> start.getMonthValue() == 1;
            default -> false;
        };
    }

    /** The first day after the period. */
    public static LocalDate end(String kind, LocalDate start) {
        return switch (kind) {
            case "month" -> start.plusMonths(1);
            case "quarter" -> start.plusMonths(3);
            case "year" -> start.plusYears(1);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /**
     * When a report is due: the end of day {@code dueDay} of the month after the period ends (the day clamped to that
     * month's length), in the zone the deadlines are kept in.
     */
    public static Instant due(LocalDate periodEnd, int dueDay, ZoneId zone) {
        LocalDate day = periodEnd.withDayOfMonth(Math.min(dueDay, periodEnd.lengthOfMonth()));
        return day.plusDays(1).atStartOfDay(zone).toInstant();
    }
}
