package org.ecogov.enforcement.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** EPL art. 59's daily continuing penalty: the days counted and the exact amount. */
class DailyPenaltyTest {

    private static final BigDecimal FINE = new BigDecimal("100000.00");

    @Test
    void countsFromTheDayAfterServiceToTheFollowUpAcrossAMonthBoundary() {
        DailyPenalty p = DailyPenalty.afterService(LocalDate.of(2026, 1, 30), LocalDate.of(2026, 2, 2), FINE);
        assertThat(p.from()).isEqualTo(LocalDate.of(2026, 1, 31));
        assertThat(p.to()).isEqualTo(LocalDate.of(2026, 2, 2));
        assertThat(p.days()).isEqualTo(3);
        assertThat(p.total()).isEqualByComparingTo("300000.00").hasToString("300000.00");
        assertThat(p.arithmetic()).isEqualTo("2026-01-31 to 2026-02-02: 3 days × 100000.00 CNY = 300000.00 CNY");
    }

    @Test
    void aLeapDayIsADay() {
        // 2028 is a leap year: 28 and 29 February and 1 March
        DailyPenalty leap = DailyPenalty.afterService(LocalDate.of(2028, 2, 27), LocalDate.of(2028, 3, 1), FINE);
        assertThat(leap.days()).isEqualTo(3);
        assertThat(leap.total()).hasToString("300000.00");
        // 2027 is not: 28 February and 1 March
        DailyPenalty common = DailyPenalty.afterService(LocalDate.of(2027, 2, 27), LocalDate.of(2027, 3, 1), FINE);
        assertThat(common.days()).isEqualTo(2);
    }

    @Test
    void aFullCountOverDecemberIntoTheNewYear() {
        DailyPenalty p = DailyPenalty.afterService(LocalDate.of(2026, 12, 15), LocalDate.of(2027, 1, 14),
                new BigDecimal("12345.67"));
        assertThat(p.days()).isEqualTo(30);
        assertThat(p.total()).hasToString("370370.10");
    }

    @Test
    void aSecondFollowUpCountsOnFromTheDayAfterTheFirstCount() {
        DailyPenalty first = DailyPenalty.afterService(LocalDate.of(2028, 2, 20), LocalDate.of(2028, 2, 28), FINE);
        DailyPenalty second = DailyPenalty.continuing(first, LocalDate.of(2028, 3, 2));
        assertThat(first.days()).isEqualTo(8);
        assertThat(second.from()).isEqualTo(LocalDate.of(2028, 2, 29));
        assertThat(second.days()).isEqualTo(3);
        assertThat(second.servedOn()).isEqualTo(LocalDate.of(2028, 2, 20));
        assertThat(first.days() + second.days()).isEqualTo(11);
    }

    @Test
    void aFollowUpOnTheDayOfServiceCountsNothing() {
        assertThatThrownBy(() -> DailyPenalty.afterService(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 1), FINE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void oneDayIsSingular() {
        assertThat(DailyPenalty.afterService(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 2), new BigDecimal("0.50"))
                .arithmetic()).isEqualTo("2026-03-02 to 2026-03-02: 1 day × 0.50 CNY = 0.50 CNY");
    }
}
