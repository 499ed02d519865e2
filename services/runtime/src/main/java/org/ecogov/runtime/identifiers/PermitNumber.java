package org.ecogov.runtime.identifiers;

import java.util.regex.Pattern;

/**
 * A discharge permit number: the holder's USCC, a 3-digit sequence and a letter naming the kind of permit
 * ({@code P} for a discharge permit), e.g. {@code 91341702669392367N001P}.
 */
public final class PermitNumber {

    private static final Pattern FORM = Pattern.compile("[" + Uscc.CHARSET + "]{18}\\d{3}[A-Z]");

    private PermitNumber() {
    }

    /** The shape only: USCC characters, three digits, one capital letter. */
    public static boolean isWellFormed(String number) {
        return number != null && FORM.matcher(number).matches();
    }

    /** Well formed, and the embedded USCC has a valid check character. */
    public static boolean isValid(String number) {
        return isWellFormed(number) && Uscc.hasValidCheckCharacter(usccOf(number));
    }

    /**
     * The USCC of the permit holder.
     *
     * @throws IllegalArgumentException if the number is not well formed
     */
    public static String usccOf(String number) {
        if (!isWellFormed(number)) {
            throw new IllegalArgumentException("not a permit number: " + number);
        }
        return number.substring(0, Uscc.LENGTH);
    }
}
