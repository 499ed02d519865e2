package org.ecogov.runtime.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A failure the platform answers with a problem+json response of the given type. Services throw it from
 * their rules ({@code throw ProblemException.of(ENTERPRISE_NOT_FOUND, "No enterprise " + uscc)}); the mappers
 * of this package turn it into the response. The detail is shown to the client: never put internals in it.
 * Headers the answer must carry ({@code WWW-Authenticate}, {@code Retry-After}, {@code RateLimit-*}) travel
 * with it: {@link #withHeaders(Map)}.
 */
public class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ProblemKind type;
    private final String detail;
    private final List<FieldViolation> violations;
    private final transient Map<String, String> headers;

    protected ProblemException(ProblemKind type, String detail, List<FieldViolation> violations, Throwable cause) {
        this(type, detail, violations, Map.of(), cause);
    }

    private ProblemException(ProblemKind type, String detail, List<FieldViolation> violations,
            Map<String, String> headers, Throwable cause) {
        // No stack trace: these are expected outcomes, thrown often, and never logged as errors.
        super(detail != null ? detail : type.title(), cause, false, false);
        this.type = Objects.requireNonNull(type, "type");
        this.detail = detail;
        this.violations = violations == null ? List.of() : List.copyOf(violations);
        this.headers = Map.copyOf(headers);
    }

    /** The same problem, answered with these headers as well (a header given twice takes the new value). */
    public ProblemException withHeaders(Map<String, String> more) {
        if (more.isEmpty()) {
            return this;
        }
        Map<String, String> merged = new LinkedHashMap<>(headers);
        merged.putAll(more);
        return new ProblemException(type, detail, violations, merged, getCause());
    }

    public static ProblemException of(ProblemKind type) {
        return new ProblemException(type, null, List.of(), null);
    }

    public static ProblemException of(ProblemKind type, String detail) {
        return new ProblemException(type, detail, List.of(), null);
    }

    /** One bad field; its message doubles as the detail. */
    public static ProblemException field(ProblemKind type, String field, String message) {
        return new ProblemException(type, field + ": " + message, List.of(new FieldViolation(field, message)), null);
    }

    public static ProblemException fields(ProblemKind type, String detail, List<FieldViolation> violations) {
        return new ProblemException(type, detail, violations, null);
    }

    public ProblemKind type() {
        return type;
    }

    /** The client-facing detail; may be null, in which case the type's title says it all. */
    public String detail() {
        return detail;
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    /** Headers the answer carries besides the problem. */
    public Map<String, String> headers() {
        return headers;
    }

    public int status() {
        return type.status();
    }
}
