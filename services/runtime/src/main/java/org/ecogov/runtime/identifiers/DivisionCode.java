package org.ecogov.runtime.identifiers;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Administrative division codes of GB/T 2260, extended to townships (9 digits) and villages (12 digits).
 * A 6-digit code is province {@code xx0000}, city {@code xxyy00} or county {@code xxyyzz}; the zero pairs
 * mean "the whole of the level above", so jurisdiction is a question of prefixes: 34 ⊃ 3417 ⊃ 341702 ⊃
 * 341702102 ⊃ 341702102001.
 */
public final class DivisionCode {

    private static final Pattern CODE = Pattern.compile("\\d{6}|\\d{9}|\\d{12}");
    /** A scope may be written as the bare prefix of a province or city. */
    private static final Pattern BARE_PREFIX = Pattern.compile("\\d{2}|\\d{4}");

    private DivisionCode() {
    }

    /** 6, 9 or 12 digits. */
    public static boolean isValid(String code) {
        return code != null && CODE.matcher(code).matches();
    }

    /** A division code, or the bare 2- or 4-digit prefix of a province or city. */
    public static boolean isValidScope(String scope) {
        return isValid(scope) || scope != null && BARE_PREFIX.matcher(scope).matches();
    }

    /**
     * The prefix every code inside this division starts with: 340000 → 34, 341700 → 3417, 341702 → 341702;
     * township and village codes are their own prefix, and so is a bare prefix.
     *
     * @throws IllegalArgumentException if {@code scope} is neither a code nor a bare prefix
     */
    public static String scopePrefix(String scope) {
        if (!isValidScope(scope)) {
            throw new IllegalArgumentException("not a division code or prefix: " + scope);
        }
        if (scope.length() != 6) {
            return scope;
        }
        String prefix = scope;
        // never below the province pair, or "000000" would contain the whole country and then some
        while (prefix.length() > 2 && prefix.endsWith("00")) {
            prefix = prefix.substring(0, prefix.length() - 2);
        }
        return prefix;
    }

    /**
     * Whether {@code code} lies inside {@code scope} (a division contains itself). Fails closed: an invalid
     * scope or code contains or is contained by nothing, because this guards data access.
     */
    public static boolean contains(String scope, String code) {
        if (!isValidScope(scope) || !isValid(code)) {
            return false;
        }
        return code.startsWith(scopePrefix(scope));
    }

    /**
     * The division one level up: village → township → county → city → province; empty for a province.
     *
     * @throws IllegalArgumentException if {@code code} is not a division code
     */
    public static Optional<String> parentOf(String code) {
        if (!isValid(code)) {
            throw new IllegalArgumentException("not a division code: " + code);
        }
        if (code.length() == 12) {
            return Optional.of(code.substring(0, 9));
        }
        if (code.length() == 9) {
            return Optional.of(code.substring(0, 6));
        }
        if (!code.endsWith("00")) {
            return Optional.of(code.substring(0, 4) + "00");
        }
        if (!code.substring(2, 4).equals("00")) {
            return Optional.of(code.substring(0, 2) + "0000");
        }
        return Optional.empty();
    }
}
