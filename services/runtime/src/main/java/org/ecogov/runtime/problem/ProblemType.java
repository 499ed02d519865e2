package org.ecogov.runtime.problem;

import java.util.Arrays;
import java.util.Optional;

/**
 * The generic problem types every service and the gateway share (validation, authentication, scope, versions,
 * size, rate limit, the gateway's relaying failures, ..., and the dead letters every service keeps through the
 * runtime's events); api-specs/common/common.yaml lists the same slugs
 * ({@code ProblemType.x-ecogov-problem-types}), so clients can branch on them. A service's own kinds
 * (enterprise-not-found, ...) are its own {@link ProblemKind} enum, listed in its own spec.
 */
public enum ProblemType implements ProblemKind {

    VALIDATION_FAILED("validation-failed", 400, "The request is not valid"),
    MALFORMED_BODY("malformed-body", 400, "The request body could not be read"),
    MALFORMED_REQUEST("malformed-request", 400, "The request is not well-formed HTTP"),
    UNAUTHENTICATED("unauthenticated", 401, "Authentication is required"),
    FORBIDDEN("forbidden", 403, "The caller may not do this"),
    OUTSIDE_JURISDICTION("outside-jurisdiction", 403, "The target lies outside the caller's jurisdiction"),
    INSUFFICIENT_SCOPE("insufficient-scope", 403, "The API key's scopes do not allow this"),
    NOT_FOUND("not-found", 404, "No such resource"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "The method is not allowed on this resource"),
    NOT_ACCEPTABLE("not-acceptable", 406, "No acceptable representation is available"),
    STALE_VERSION("stale-version", 412, "The resource has changed since it was read"),
    BODY_TOO_LARGE("body-too-large", 413, "The request body is too large"),
    REQUEST_TARGET_TOO_LONG("request-target-too-long", 414, "The request target is too long"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "The request body's media type is not supported"),
    PRECONDITION_REQUIRED("precondition-required", 428, "The request must be conditional"),
    RATE_LIMITED("rate-limited", 429, "Too many requests"),
    REQUEST_HEADERS_TOO_LARGE("request-headers-too-large", 431, "The request's header fields are too large"),
    DEAD_LETTER_NOT_FOUND("dead-letter-not-found", 404, "No such dead letter"),
    DEAD_LETTER_REPLAY_FAILED("dead-letter-replay-failed", 409, "The dead letter's event failed again"),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", 409, "The Idempotency-Key was sent before with another request"),
    AUDIT_CHECKPOINT_NOT_FOUND("audit-checkpoint-not-found", 404, "No checkpoint of that audit chain is witnessed here"),
    INTERNAL_ERROR("internal-error", 500, "An unexpected error occurred"),
    BAD_GATEWAY("bad-gateway", 502, "The service's answer could not be relayed"),
    SERVICE_UNAVAILABLE("service-unavailable", 503, "The service is unavailable"),
    SERVICE_TIMEOUT("service-timeout", 504, "The service did not answer in time"),
    HTTP_VERSION_NOT_SUPPORTED("http-version-not-supported", 505, "The HTTP version is not supported");

    /** Where all problem types live; a type is this prefix plus its slug. */
    public static final String URI_PREFIX = "/problems/";

    private final String slug;
    private final int status;
    private final String title;

    ProblemType(String slug, int status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    @Override
    public String slug() {
        return slug;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }

    public static Optional<ProblemType> fromSlug(String slug) {
        return Arrays.stream(values()).filter(type -> type.slug.equals(slug)).findFirst();
    }

    /**
     * The generic type for an HTTP status that carries no more specific meaning, used when a framework
     * exception only tells us the status. Empty for statuses the vocabulary has no generic word for
     * (e.g. 409, whose meaning always depends on the domain).
     */
    public static Optional<ProblemType> genericFor(int status) {
        return Optional.ofNullable(switch (status) {
            case 400 -> VALIDATION_FAILED;
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 412 -> STALE_VERSION;
            case 413 -> BODY_TOO_LARGE;
            case 414 -> REQUEST_TARGET_TOO_LONG;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 428 -> PRECONDITION_REQUIRED;
            case 431 -> REQUEST_HEADERS_TOO_LARGE;
            case 500 -> INTERNAL_ERROR;
            case 429 -> RATE_LIMITED;
            case 502 -> BAD_GATEWAY;
            case 503 -> SERVICE_UNAVAILABLE;
            case 504 -> SERVICE_TIMEOUT;
            case 505 -> HTTP_VERSION_NOT_SUPPORTED;
            default -> null;
        });
    }
}
