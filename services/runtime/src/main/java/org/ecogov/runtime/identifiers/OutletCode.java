package org.ecogov.runtime.identifiers;

import java.util.regex.Pattern;

/** A discharge outlet's code within its enterprise: {@code DA} (to air) or {@code DW} (to water) and 3 digits. */
public final class OutletCode {

    private static final Pattern FORM = Pattern.compile("D[AW]\\d{3}");

    private OutletCode() {
    }

    public static boolean isWellFormed(String code) {
        return code != null && FORM.matcher(code).matches();
    }

    public static boolean isAir(String code) {
        return isWellFormed(code) && code.charAt(1) == 'A';
    }

    public static boolean isWater(String code) {
        return isWellFormed(code) && code.charAt(1) == 'W';
    }
}
