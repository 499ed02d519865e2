package org.ecogov.clients;

import java.util.Optional;

/**
 * Why a call to another service gave no usable answer, in the terms a caller decides by: the thing is not there
 * (or not in the caller's scope), the service refused the caller, or the service could not answer (unreachable,
 * failing, too slow, its circuit open). Thrown by the client beans of this module; never carries a stack trace
 * (it is an expected outcome, logged by whoever decides what it means).
 */
public final class ServiceCallException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** 404: not there, or not in the caller's scope (the services do not tell the two apart). */
        NOT_FOUND,
        /** 401 or 403: the credential is not accepted, or does not allow this. */
        REFUSED,
        /** Another 4xx: the call itself was wrong (a bug of the caller, not of the service). */
        REJECTED,
        /** No connection could be made. */
        UNREACHABLE,
        /** The service answered 500, 502, 503 or 504: it is down or overloaded, whatever it says. */
        FAILING,
        /** No answer within the timeout. */
        TIMED_OUT,
        /** The circuit is open: the service failed repeatedly and is not called for a while. */
        CIRCUIT_OPEN,
        /** An answer came that does not fit the contract. */
        BAD_ANSWER
    }

    private final String service;
    private final Kind kind;
    private final int status;
    private final String detail;

    public ServiceCallException(String service, Kind kind, int status, String detail) {
        super(service + ": " + describe(kind, status) + (detail == null || detail.isBlank() ? "" : ": " + detail),
                null, false, false);
        this.service = service;
        this.kind = kind;
        this.status = status;
        this.detail = detail;
    }

    public String service() {
        return service;
    }

    public Kind kind() {
        return kind;
    }

    /** The status the service answered with; 0 when it gave none. */
    public int status() {
        return status;
    }

    /** The {@code detail} of the service's problem answer, if it gave one. */
    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }

    /** Whether the service itself could not answer (as opposed to answering "no"). */
    public boolean serviceFailed() {
        return switch (kind) {
            case UNREACHABLE, FAILING, TIMED_OUT, CIRCUIT_OPEN, BAD_ANSWER -> true;
            case NOT_FOUND, REFUSED, REJECTED -> false;
        };
    }

    private static String describe(Kind kind, int status) {
        return switch (kind) {
            case NOT_FOUND -> "not found (404)";
            case REFUSED, REJECTED, FAILING -> "answered " + status;
            case UNREACHABLE -> "cannot be reached";
            case TIMED_OUT -> "did not answer in time";
            case CIRCUIT_OPEN -> "is failing; its circuit is open";
            case BAD_ANSWER -> "gave an answer that could not be read";
        };
    }
}
