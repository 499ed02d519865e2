package org.ecogov.runtime.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** The agencies' day is Asia/Shanghai's, never UTC's (DESIGN §2). */
class ClockTest {

    @Test
    void halfPastSevenInTheMorningLocallyIsAlreadyThatDay() {
        Instant morning = Instant.parse("2026-03-01T23:30:00Z");   // 07:30 on 2 March in Asia/Shanghai
        assertThat(Clock.agencyDay(morning)).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(new Clock(java.time.Clock.fixed(morning, ZoneOffset.UTC)).agencyToday()).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(Clock.agencyDay(Instant.parse("2026-03-02T15:59:59Z"))).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(Clock.agencyDay(Instant.parse("2026-03-02T16:00:00Z"))).isEqualTo(LocalDate.of(2026, 3, 3));
    }
}
