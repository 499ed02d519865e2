package org.ecogov.runtime.problem;

import java.util.Objects;

/**
 * One bad input, named as the client wrote it: a JSON path into the body ({@code location.latitude},
 * {@code outlets[0].code}), or the name of a query, path or header parameter ({@code limit}, {@code If-Match}).
 */
public record FieldViolation(String field, String message) {

    public FieldViolation {
        Objects.requireNonNull(message, "message");
    }
}
