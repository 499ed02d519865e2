package org.ecogov.runtime.validation;

/**
 * Text made of a prefix, a unit repeated and a suffix, computed on demand (ten million characters cost nothing),
 * which counts every character a reader asks for and refuses to answer beyond a budget: a regular expression that
 * backtracks is caught by the count, deterministically, and stopped by the budget instead of running for minutes.
 * {@code length()} is not counted: a length check reads no character.
 */
final class CountingText implements CharSequence {

    /** Thrown by {@link #charAt} once the reader has asked for more characters than the budget allows. */
    static final class BudgetExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BudgetExceeded(long budget, int length) {
            super("more than " + budget + " character reads on a text of " + length, null, false, false);
        }
    }

    private final String prefix;
    private final String unit;
    private final String suffix;
    private final int length;
    private final long budget;
    private long reads;

    CountingText(String prefix, String unit, String suffix, int length, long budget) {
        if (length < prefix.length() + suffix.length() || unit.isEmpty()) {
            throw new IllegalArgumentException("no room for " + prefix + "..." + suffix + " in " + length);
        }
        this.prefix = prefix;
        this.unit = unit;
        this.suffix = suffix;
        this.length = length;
        this.budget = budget;
    }

    /** Characters read so far. */
    long reads() {
        return reads;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        if (++reads > budget) {
            throw new BudgetExceeded(budget, length);
        }
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException(index);
        }
        if (index < prefix.length()) {
            return prefix.charAt(index);
        }
        int tail = length - suffix.length();
        if (index >= tail) {
            return suffix.charAt(index - tail);
        }
        return unit.charAt((index - prefix.length()) % unit.length());
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        StringBuilder part = new StringBuilder(end - start);
        for (int i = start; i < end; i++) {
            part.append(charAt(i));
        }
        return part.toString();
    }

    /** What it is made of, not its characters (which may be millions). */
    @Override
    public String toString() {
        return describe(prefix) + " + " + describe(unit) + "... + " + describe(suffix) + " (" + length + " chars)";
    }

    static String describe(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return out.append('"').toString();
    }
}
