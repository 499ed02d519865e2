package org.ecogov.runtime.problem;

import java.util.Arrays;
import java.util.Optional;

/**
 * The platform's one error vocabulary. Every problem+json response names one of these as its {@code type};
 * api-specs/common/common.yaml lists the same slugs, so clients can branch on them.
 */
public enum ProblemType {

    VALIDATION_FAILED("validation-failed", 400, "The request is not valid"),
    MALFORMED_BODY("malformed-body", 400, "The request body could not be read"),
    INVALID_USCC_CHECK_CHARACTER("invalid-uscc-check-character", 400,
            "The Unified Social Credit Code has a wrong check character"),
    UNAUTHENTICATED("unauthenticated", 401, "Authentication is required"),
    FORBIDDEN("forbidden", 403, "The caller may not do this"),
    OUTSIDE_JURISDICTION("outside-jurisdiction", 403, "The target lies outside the caller's jurisdiction"),
    NOT_FOUND("not-found", 404, "No such resource"),
    ENTERPRISE_NOT_FOUND("enterprise-not-found", 404, "No such enterprise"),
    OUTLET_NOT_FOUND("outlet-not-found", 404, "No such discharge outlet"),
    PERMIT_NOT_FOUND("permit-not-found", 404, "No such permit"),
    AGENCY_NOT_FOUND("agency-not-found", 404, "No such agency"),
    DIVISION_NOT_FOUND("division-not-found", 404, "No such administrative division"),
    LEAD_AGENCY_NOT_FOUND("lead-agency-not-found", 404, "No agency leads this matter in this jurisdiction"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "The method is not allowed on this resource"),
    NOT_ACCEPTABLE("not-acceptable", 406, "No acceptable representation is available"),
    ENTERPRISE_EXISTS("enterprise-exists", 409, "The enterprise already exists"),
    OUTLET_EXISTS("outlet-exists", 409, "The discharge outlet already exists"),
    PERMIT_EXISTS("permit-exists", 409, "The permit already exists"),
    AGENCY_EXISTS("agency-exists", 409, "The agency already exists"),
    DIVISION_EXISTS("division-exists", 409, "The administrative division already exists"),
    INVALID_STATUS_TRANSITION("invalid-status-transition", 409, "The status change is not allowed"),
    PERMIT_OVERLAP("permit-overlap", 409, "The permit's validity overlaps another permit"),
    PERMIT_OUTLET_MISMATCH("permit-outlet-mismatch", 422, "The outlet does not belong to the permit's enterprise"),
    STALE_VERSION("stale-version", 412, "The resource has changed since it was read"),
    BODY_TOO_LARGE("body-too-large", 413, "The request body is too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "The request body's media type is not supported"),
    PRECONDITION_REQUIRED("precondition-required", 428, "The request must be conditional"),
    INTERNAL_ERROR("internal-error", 500, "An unexpected error occurred"),
    SERVICE_UNAVAILABLE("service-unavailable", 503, "The service is unavailable"),
    INSUFFICIENT_SCOPE("insufficient-scope", 403, "The API key's scopes do not allow this"),
    API_KEY_NOT_FOUND("api-key-not-found", 404, "No such API key"),
    API_KEY_REVOKED("api-key-revoked", 409, "The API key has been revoked"),
    RATE_LIMITED("rate-limited", 429, "Too many requests"),
    DEAD_LETTER_NOT_FOUND("dead-letter-not-found", 404, "No such dead letter"),
    DEAD_LETTER_REPLAY_FAILED("dead-letter-replay-failed", 409, "The dead letter's event failed again"),
    BAD_GATEWAY("bad-gateway", 502, "The service's answer could not be relayed"),
    SERVICE_TIMEOUT("service-timeout", 504, "The service did not answer in time");

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

    public String slug() {
        return slug;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The problem's {@code type} member, e.g. {@code /problems/stale-version}. */
    public String uri() {
        return URI_PREFIX + slug;
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
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 428 -> PRECONDITION_REQUIRED;
            case 500 -> INTERNAL_ERROR;
            case 429 -> RATE_LIMITED;
            case 502 -> BAD_GATEWAY;
            case 503 -> SERVICE_UNAVAILABLE;
            case 504 -> SERVICE_TIMEOUT;
            default -> null;
        });
    }
}
