package org.ecogov.local;

import java.util.concurrent.ThreadLocalRandom;

/** USCCs the system tests register, so a test never collides with the demo park or with itself. */
final class TestUsccs {

    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };

    private TestUsccs() {
    }

    /** A fresh USCC of the district with its GB 32100-2015 check character. */
    static String fresh() {
        StringBuilder code = new StringBuilder("91341702");
        for (int i = 0; i < 9; i++) {
            code.append(ALPHABET.charAt(ThreadLocalRandom.current().nextInt(10)));
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(code.charAt(i)) * WEIGHTS[i];
        }
        return code.append(ALPHABET.charAt((31 - sum % 31) % 31)).toString();
    }
}
