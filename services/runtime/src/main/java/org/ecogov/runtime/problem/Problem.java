package org.ecogov.runtime.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * An RFC 9457 problem details object, with {@code errors} for field violations. Absent and empty members are
 * left out of the JSON, so a client never has to tell {@code null} from missing.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({ "type", "title", "status", "detail", "instance", "errors" })
public record Problem(String type, String title, int status, String detail, String instance,
        List<FieldViolation> errors) {

    /** The media type of every error response on the platform. */
    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static Problem of(ProblemKind type, String detail, String instance, List<FieldViolation> errors) {
        return new Problem(type.uri(), type.title(), type.status(), detail, instance, errors);
    }

    public static Problem of(ProblemKind type, String detail, String instance) {
        return of(type, detail, instance, List.of());
    }
}
