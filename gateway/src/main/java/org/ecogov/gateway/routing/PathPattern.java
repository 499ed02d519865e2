package org.ecogov.gateway.routing;

import java.util.Arrays;
import java.util.Comparator;

/**
 * A path pattern of the routing table: literal segments, {@code *} or an OpenAPI path variable such as
 * {@code {uscc}} for exactly one segment, a variable with a literal suffix such as {@code {id}.json} (Open311's
 * paths) for one segment ending so, and a final {@code **} for any number of segments (none included).
 * The routes derived from the specs are their path templates ({@code /api/v1/enterprises/{uscc}/outlets}), and a
 * template is also the route's name in the metrics. Patterns are compared by specificity so that
 * {@code /api/v1/enterprises/{uscc}/profile} wins over {@code /api/v1/enterprises/**}.
 */
public final class PathPattern {

    /** More literal segments first, then more segments, then patterns without a tail wildcard. */
    public static final Comparator<PathPattern> MOST_SPECIFIC_FIRST = Comparator
            .comparingInt((PathPattern p) -> p.literals).reversed()
            .thenComparing(Comparator.comparingInt((PathPattern p) -> p.segments.length).reversed())
            .thenComparing(p -> p.tail);

    private final String text;
    /** The pattern with every one-segment wildcard written {@code *}: two patterns of one shape match the same paths. */
    private final String shape;
    private final String[] segments;
    private final boolean tail;
    private final int literals;

    private PathPattern(String text, String[] segments, boolean tail) {
        this.text = text;
        this.segments = segments;
        this.tail = tail;
        // a variable with a suffix ("*.json") is as specific as a literal: no two routes differ only there
        this.literals = (int) Arrays.stream(segments).filter(s -> !s.equals("*")).count();
        this.shape = "/" + String.join("/", segments) + (tail ? (segments.length == 0 ? "**" : "/**") : "");
    }

    public static PathPattern parse(String text) {
        if (text == null || !text.startsWith("/")) {
            throw new IllegalArgumentException("a path pattern starts with '/': " + text);
        }
        String[] parts = segmentsOf(text);
        boolean tail = parts.length > 0 && parts[parts.length - 1].equals("**");
        String[] segments = tail ? Arrays.copyOf(parts, parts.length - 1) : parts;
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.startsWith("{") && segment.endsWith("}") && segment.length() > 2
                    && segment.indexOf('{', 1) < 0 && segment.indexOf('}') == segment.length() - 1) {
                segments[i] = "*"; // a path variable: any one segment
            } else if (segment.startsWith("{") && segment.indexOf('}') > 1 && segment.indexOf('}') < segment.length() - 1
                    && segment.indexOf('{', 1) < 0 && segment.indexOf('}', segment.indexOf('}') + 1) < 0
                    && !segment.substring(segment.indexOf('}') + 1).contains("*")) {
                // a path variable with a literal suffix: any one segment ending with it ("*.json")
                segments[i] = "*" + segment.substring(segment.indexOf('}') + 1);
            } else if (segment.isEmpty() || segment.equals("**") || segment.contains("{") || segment.contains("}")
                    || (segment.contains("*") && !segment.equals("*"))) {
                throw new IllegalArgumentException("bad segment '" + segment + "' in path pattern " + text);
            }
        }
        return new PathPattern(text, segments, tail);
    }

    /** Whether a normalised request path (no dot segments, no query), cut by {@link #segmentsOf}, matches. */
    boolean matches(String[] parts) {
        if (tail ? parts.length < segments.length : parts.length != segments.length) {
            return false;
        }
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.equals("*")) {
                continue;
            }
            if (segment.charAt(0) == '*') {
                String suffix = segment.substring(1);
                if (parts[i].length() <= suffix.length() || !parts[i].endsWith(suffix)) {
                    return false;
                }
            } else if (!segment.equals(parts[i])) {
                return false;
            }
        }
        return true;
    }

    /** A path's segments, as {@link #matches(String[])} takes them. */
    static String[] segmentsOf(String path) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.equals("/") ? new String[0] : trimmed.substring(1).split("/", -1);
    }

    /** With every one-segment wildcard written {@code *}: {@code /a/{x}} and {@code /a/{y}} are one shape. */
    public String shape() {
        return shape;
    }

    /** The pattern as written, e.g. the spec's path template. */
    @Override
    public String toString() {
        return text;
    }
}
