package org.ecogov.enforcement.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The daily continuing penalty of the Environmental Protection Law, art. 59: an enterprise fined for an illegal
 * discharge and ordered to correct it that, at a follow-up inspection, is found to continue, is fined the original
 * fine again for every day from the day after the rectification order was served up to the day of that follow-up.
 * A later follow-up that again finds it continuing counts on from the day after the last counted day; one that finds
 * it corrected stops the count (no further penalty).
 * <p>
 * Days are calendar days in the agencies' zone (Asia/Shanghai), both ends included: served on 30 January, found
 * continuing on 2 February, the days are 31 January, 1 and 2 February, three. Money is exact: the amount per day
 * has two decimal places and the total is their product, never a float.
 *
 * @param servedOn the day the rectification order was served
 * @param from the first day counted: the day after service, or the day after the previous penalty's last day
 * @param to the last day counted: the day of the follow-up that found the violation continuing
 * @param days the days from {@code from} to {@code to}, both included
 * @param amountPerDay the original fine, in CNY
 * @param total {@code days} × {@code amountPerDay}, in CNY
 */
public record DailyPenalty(LocalDate servedOn, LocalDate from, LocalDate to, long days, BigDecimal amountPerDay,
        BigDecimal total) {

    /** The first count: from the day after service to the follow-up that found the violation continuing. */
    public static DailyPenalty afterService(LocalDate servedOn, LocalDate foundContinuingOn, BigDecimal originalFine) {
        return counted(servedOn, servedOn.plusDays(1), foundContinuingOn, originalFine);
    }

    /** A further count after an earlier penalty that ended on {@code previousTo}. */
    public static DailyPenalty continuing(DailyPenalty previous, LocalDate foundContinuingOn) {
        return counted(previous.servedOn(), previous.to().plusDays(1), foundContinuingOn, previous.amountPerDay());
    }

    private static DailyPenalty counted(LocalDate servedOn, LocalDate from, LocalDate to, BigDecimal perDay) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("a follow-up on " + to + " counts no day from " + from);
        }
        if (perDay.signum() <= 0 || perDay.scale() > 2) {
            throw new IllegalArgumentException("the amount per day must be positive CNY with at most two decimals");
        }
        BigDecimal amount = perDay.setScale(2, RoundingMode.UNNECESSARY);
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        return new DailyPenalty(servedOn, from, to, days, amount, amount.multiply(BigDecimal.valueOf(days)));
    }

    /** The arithmetic as shown to everyone: "2026-01-31 to 2026-02-02: 3 days × 10000.00 CNY = 30000.00 CNY". */
    public String arithmetic() {
        return String.format(Locale.ROOT, "%s to %s: %d day%s × %s CNY = %s CNY", from, to, days, days == 1 ? "" : "s",
                amountPerDay.toPlainString(), total.toPlainString());
    }
}
