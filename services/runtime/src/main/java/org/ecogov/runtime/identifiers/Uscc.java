package org.ecogov.runtime.identifiers;

/**
 * The Unified Social Credit Code (统一社会信用代码) of GB 32100-2015: 18 characters from a 31-character set
 * (digits and the capitals without I, O, S, V, Z), the last being a check character over the first 17.
 */
public final class Uscc {

    /** The code's alphabet; a character's index is its value in the check computation. */
    public static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    public static final int LENGTH = 18;

    private static final int MODULUS = 31;

    /** w_i = 3^(i-1) mod 31 for positions 1..17, as the standard tabulates them. */
    private static final int[] WEIGHTS = weights();

    private Uscc() {
    }

    /** 18 characters, all from {@link #CHARSET}; says nothing about the check character. */
    public static boolean isWellFormed(String code) {
        return code != null && code.length() == LENGTH && allInCharset(code);
    }

    /** Well formed, and the 18th character is the check character of the first 17. */
    public static boolean hasValidCheckCharacter(String code) {
        return isWellFormed(code) && code.charAt(LENGTH - 1) == checkCharacter(code.substring(0, LENGTH - 1));
    }

    /**
     * The check character for the first 17 characters of a code.
     *
     * @throws IllegalArgumentException unless given exactly 17 characters from {@link #CHARSET}
     */
    public static char checkCharacter(String first17) {
        if (first17 == null || first17.length() != LENGTH - 1 || !allInCharset(first17)) {
            throw new IllegalArgumentException("expected 17 characters from " + CHARSET);
        }
        int sum = 0;
        for (int i = 0; i < LENGTH - 1; i++) {
            sum += CHARSET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        int check = MODULUS - sum % MODULUS;
        // 31 is not a character value; the standard writes it as '0'
        return CHARSET.charAt(check == MODULUS ? 0 : check);
    }

    private static boolean allInCharset(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (CHARSET.indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static int[] weights() {
        int[] weights = new int[LENGTH - 1];
        int weight = 1;
        for (int i = 0; i < weights.length; i++) {
            weights[i] = weight;
            weight = weight * 3 % MODULUS;
        }
        return weights;
    }
}
