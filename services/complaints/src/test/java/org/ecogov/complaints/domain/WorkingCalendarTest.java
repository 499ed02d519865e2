package org.ecogov.complaints.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Working days with the 2026 Spring Festival of mainland China: nine days off, two Saturdays worked instead. */
class WorkingCalendarTest {

    private static final Set<LocalDate> SPRING_FESTIVAL = Set.of(
            LocalDate.parse("2026-02-15"), LocalDate.parse("2026-02-16"), LocalDate.parse("2026-02-17"),
            LocalDate.parse("2026-02-18"), LocalDate.parse("2026-02-19"), LocalDate.parse("2026-02-20"),
            LocalDate.parse("2026-02-21"), LocalDate.parse("2026-02-22"), LocalDate.parse("2026-02-23"));
    private static final Set<LocalDate> MAKE_UP = Set.of(LocalDate.parse("2026-02-14"), LocalDate.parse("2026-02-28"));

    private final WorkingCalendar calendar = new WorkingCalendar(SPRING_FESTIVAL, MAKE_UP);

    @Test
    void aMakeUpSaturdayIsAWorkingDayAndAnOrdinarySaturdayIsNot() {
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-02-28"))).as("Saturday 28 Feb, worked").isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-02-07"))).as("Saturday 7 Feb").isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-02-18"))).as("Wednesday in the holiday").isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-02-24"))).as("Tuesday after it").isTrue();
    }

    @Test
    void deadlinesCountOverWeekendsHolidaysAndMakeUpDays() {
        // Friday 13 Feb: Saturday 14 is worked, then nine days off, then Tuesday 24
        assertThat(calendar.workingDaysAfter(LocalDate.parse("2026-02-13"), 1)).isEqualTo("2026-02-14");
        assertThat(calendar.workingDaysAfter(LocalDate.parse("2026-02-13"), 2)).isEqualTo("2026-02-24");
        // Thursday 26 Feb: Friday 27, then Saturday 28 (worked)
        assertThat(calendar.workingDaysAfter(LocalDate.parse("2026-02-26"), 2)).isEqualTo("2026-02-28");
        // an ordinary weekend: Friday 6 March → Monday 9, Tuesday 10
        assertThat(calendar.workingDaysAfter(LocalDate.parse("2026-03-06"), 2)).isEqualTo("2026-03-10");
        // filed on a holiday: the first two working days after it
        assertThat(calendar.workingDaysAfter(LocalDate.parse("2026-02-17"), 2)).isEqualTo("2026-02-25");
    }

    @Test
    void aWorkingWeekdayOrADayBothWaysIsAMistakeInTheData() {
        assertThatThrownBy(() -> new WorkingCalendar(Set.of(), Set.of(LocalDate.parse("2026-02-26"))))
                .hasMessageContaining("THURSDAY");
        assertThatThrownBy(() -> new WorkingCalendar(Set.of(LocalDate.parse("2026-02-14")), Set.of(LocalDate.parse("2026-02-14"))))
                .hasMessageContaining("both");
    }
}
