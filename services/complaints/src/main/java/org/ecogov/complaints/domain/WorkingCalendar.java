package org.ecogov.complaints.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;

/**
 * The agencies' working days: Monday to Friday, less the public holidays, plus the Saturdays and Sundays that are
 * worked instead (in mainland China the State Council moves working days around the long holidays every year, so
 * some weekends are working days). The lists are data, configured per year (ComplaintsConfig).
 */
public final class WorkingCalendar {

    private final Set<LocalDate> holidays;
    private final Set<LocalDate> workingWeekends;

    public WorkingCalendar(Set<LocalDate> holidays, Set<LocalDate> workingWeekends) {
        this.holidays = Set.copyOf(holidays);
        this.workingWeekends = Set.copyOf(workingWeekends);
        for (LocalDate day : this.workingWeekends) {
            if (!weekend(day)) {
                throw new IllegalArgumentException(day + " is listed as a working weekend day but is a " + day.getDayOfWeek());
            }
            if (this.holidays.contains(day)) {
                throw new IllegalArgumentException(day + " is listed both as a holiday and as a working day");
            }
        }
    }

    public boolean isWorkingDay(LocalDate day) {
        if (workingWeekends.contains(day)) {
            return true;
        }
        return !weekend(day) && !holidays.contains(day);
    }

    /** The {@code n}th working day after {@code day} (not counting {@code day} itself); n >= 1. */
    public LocalDate workingDaysAfter(LocalDate day, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1: " + n);
        }
        LocalDate current = day;
        int counted = 0;
        while (counted < n) {
            current = current.plusDays(1);
            if (isWorkingDay(current)) {
                counted++;
            }
        }
        return current;
    }

    private static boolean weekend(LocalDate day) {
        return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    }
}
