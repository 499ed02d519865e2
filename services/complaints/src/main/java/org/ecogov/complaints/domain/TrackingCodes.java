package org.ecogov.complaints.domain;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * Tracking codes: ten characters of Crockford's base32 alphabet (digits and capitals without I, L, O, U), each
 * five bits from a {@link SecureRandom}, so 50 bits in all: read over the phone in two groups of five, and one
 * guess in about 10^15 hits a given complaint (about one in 10^9 while a million complaints exist).
 */
public final class TrackingCodes {

    public static final int LENGTH = 10;
    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private static final SecureRandom RANDOM = new SecureRandom();

    private TrackingCodes() {
    }

    public static String next() {
        char[] code = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            code[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
        }
        return new String(code);
    }

    /** The code as stored: upper case (the contract accepts either case; its pattern has checked the alphabet). */
    public static String normalise(String code) {
        return code.toUpperCase(Locale.ROOT);
    }
}
