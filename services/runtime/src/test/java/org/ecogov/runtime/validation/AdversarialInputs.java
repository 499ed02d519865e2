package org.ecogov.runtime.validation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Inputs that make a backtracking matcher work as hard as a pattern lets it: a prefix the pattern still accepts, a
 * unit it keeps accepting repeated many times, and a last character that spoils the match, so that the matcher tries
 * every other way of reading the repeated part before it gives up. The prefixes are found by walking the pattern
 * with {@link Matcher#hitEnd()} (could more input still match?) over an alphabet of printable ASCII, white space of
 * both regex dialects, control characters and a few others; so literal prefixes ({@code ecok_}, {@code /problems/})
 * are passed on the way to the repeated parts behind them.
 */
final class AdversarialInputs {

    /** A prefix, a unit to repeat and a suffix; {@link #text} builds one of a given length. */
    record Probe(String prefix, String unit, String suffix) {

        boolean fits(int length) {
            return prefix.length() + suffix.length() + unit.length() <= length;
        }

        CountingText text(int length, long budget) {
            return new CountingText(prefix, unit, suffix, length, budget);
        }

        @Override
        public String toString() {
            return CountingText.describe(prefix) + " + " + CountingText.describe(unit) + "... + "
                    + CountingText.describe(suffix);
        }
    }

    /** Tried first as units, for variety: letters, digits, punctuation, white space, controls, CJK, an astral emoji. */
    private static final List<String> PREFERRED_UNITS = List.of("a", "Z", "0", "-", "_", ".", ":", "/", " ", "\"",
            "%", "\\", "~", "\u00e9", "\u4e2d", "\u00a0", "\u3000", "\u2028", "\t", "\n", "\u0001", "\u0000", "\u007f",
            "\ud83d\ude00");
    /** Last characters that spoil a match, in the order tried. */
    private static final List<String> SPOILERS = List.of("\u0001", "!", " ", "\n", "\u0000", "~", "a", "0", "\u3000",
            "/", "");
    private static final int MAX_UNITS = 12;
    private static final int MAX_PAIRS = 8;
    private static final int MAX_SPOILERS = 4;
    private static final int MAX_NODES = 400;
    private static final int MAX_PROBES = 160;
    private static final int MAX_BRANCHES = 3;
    private static final int MAX_DEPTH = 48;
    private static final int PUMPED = 16;

    private static final List<String> ALPHABET = alphabet();
    private static final Map<String, List<Probe>> FOUND = new ConcurrentHashMap<>();

    private final Pattern pattern;
    private final Set<Probe> probes = new LinkedHashSet<>();
    private int nodes;

    private AdversarialInputs(Pattern pattern) {
        this.pattern = pattern;
    }

    /**
     * The probes for a pattern; always also a few plain ones (a letter, a space, a digit repeated, then a control
     * character), so that even a pattern with nothing to repeat is tried on long input.
     */
    static List<Probe> of(Pattern pattern) {
        return FOUND.computeIfAbsent(pattern.pattern(), text -> find(pattern));
    }

    private static List<Probe> find(Pattern pattern) {
        AdversarialInputs inputs = new AdversarialInputs(pattern);
        inputs.explore("", 0);
        for (String unit : List.of("a", " ", "0")) {
            inputs.probes.add(new Probe("", unit, "\u0001"));
        }
        return new ArrayList<>(inputs.probes);
    }

    private void explore(String prefix, int depth) {
        if (++nodes > MAX_NODES || depth > MAX_DEPTH || probes.size() >= MAX_PROBES) {
            return;
        }
        List<String> viable = new ArrayList<>();
        for (String c : ALPHABET) {
            if (viable(prefix + c)) {
                viable.add(c);
            }
        }
        List<String> repeatable = new ArrayList<>();
        for (String c : viable) {
            if (viable(prefix + c.repeat(PUMPED))) {
                repeatable.add(c);
            }
        }
        List<String> units = new ArrayList<>(repeatable.subList(0, Math.min(MAX_UNITS, repeatable.size())));
        int pairs = 0;
        for (String first : viable.subList(0, Math.min(6, viable.size()))) {
            for (String second : PREFERRED_UNITS) {
                String pair = first + second;
                if (pairs < MAX_PAIRS && !first.equals(second) && viable(prefix + pair.repeat(PUMPED / 2))) {
                    units.add(pair);
                    pairs++;
                }
            }
            if (pairs >= MAX_PAIRS) {
                break;
            }
        }
        for (String unit : units) {
            int spoilers = 0;
            for (String spoiler : SPOILERS) {
                if (spoilers < MAX_SPOILERS && !pattern.matcher(prefix + unit.repeat(PUMPED) + spoiler).matches()) {
                    probes.add(new Probe(prefix, unit, spoiler));
                    spoilers++;
                }
            }
        }
        // go on past what cannot be repeated (a literal, a bounded part, one branch of an alternative) towards what
        // can, depth first, along a few of the characters that may come next
        int branches = 0;
        for (String c : viable) {
            if (!repeatable.contains(c) && branches++ < MAX_BRANCHES) {
                explore(prefix + c, depth + 1);
            }
        }
    }

    /** Whether the pattern matches the text, or could still match it with more input after it. */
    private boolean viable(String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.matches() || matcher.hitEnd();
    }

    private static List<String> alphabet() {
        Set<String> all = new LinkedHashSet<>(PREFERRED_UNITS);
        for (char c = 0x20; c < 0x7f; c++) {
            all.add(String.valueOf(c));
        }
        return List.copyOf(all);
    }
}
