package org.ecogov.clients;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.MDC;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * The calls of one client bean to one service, through one SmallRye Fault Tolerance guard: each attempt has a
 * timeout; a read that found the service failing (5xx) is retried (reads are idempotent; a timed-out one
 * is not, it has used up the caller's wait already); consecutive failures of the service open a circuit breaker,
 * which then refuses at once for a while and lets a single trial call decide. Whatever goes wrong comes out as a
 * {@link ServiceCallException}. A client bean builds one per service it calls, with that service's
 * {@link ClientSettings}.
 */
public final class GuardedCalls {

    @SuppressWarnings("rawtypes")
    private static final TypeLiteral<Uni> UNI = new TypeLiteral<>() {
    };

    private final String service;
    private final Guard reads;
    private final ObjectMapper json;

    public GuardedCalls(String service, ClientSettings settings, ObjectMapper json) {
        this.service = service;
        this.json = json;
        this.reads = Guard.create()
                .withDescription(service + " reads")
                .withThreadOffload(false)
                .withRetry()
                    .maxRetries(settings.readRetries())
                    .delay(settings.retryDelay().toMillis(), ChronoUnit.MILLIS)
                    .jitter(0, ChronoUnit.MILLIS)
                    .whenException(GuardedCalls::worthRetrying)
                    .done()
                .withCircuitBreaker()
                    .name(service)
                    // the last N calls all failed: N consecutive failures
                    .requestVolumeThreshold(settings.breaker().failureThreshold())
                    .failureRatio(1.0)
                    .successThreshold(1)
                    .delay(settings.breaker().openFor().toMillis(), ChronoUnit.MILLIS)
                    .when(GuardedCalls::isFailureOfTheService)
                    .done()
                .withTimeout()
                    .duration(settings.timeout().toMillis(), ChronoUnit.MILLIS)
                    .done()
                .build();
    }

    /**
     * Makes an idempotent read: {@code call} is the generated client's call, made anew for every attempt; its
     * failures are classified before the guard sees them, and what the guard adds (timeout, open circuit) after.
     */
    @SuppressWarnings("unchecked")
    public <T> Uni<T> read(Supplier<Uni<T>> call) {
        Supplier<Uni<T>> classified = () -> Uni.createFrom().<T>deferred(call::get).onFailure().transform(this::classify);
        Uni<T> guarded = reads.get((Supplier<Uni>) (Supplier<?>) classified, UNI);
        return guarded.onFailure().transform(this::guardOutcome);
    }

    /**
     * The request id of the work at hand, to pass on (the runtime's RequestIds keeps it in the MDC, which Quarkus
     * carries with the request's Vert.x context); null for work no request caused.
     */
    public static String requestId() {
        Object id = MDC.get(org.ecogov.runtime.logging.RequestIds.MDC_KEY);
        return id == null ? null : id.toString();
    }

    private Throwable guardOutcome(Throwable failure) {
        if (failure instanceof TimeoutException) {
            return new ServiceCallException(service, ServiceCallException.Kind.TIMED_OUT, 0, null);
        }
        if (failure instanceof CircuitBreakerOpenException) {
            return new ServiceCallException(service, ServiceCallException.Kind.CIRCUIT_OPEN, 0, null);
        }
        return failure;
    }

    private Throwable classify(Throwable failure) {
        if (failure instanceof WebApplicationException web && web.getResponse() != null) {
            int status = web.getResponse().getStatus();
            ServiceCallException.Kind kind = switch (status) {
                case 404 -> ServiceCallException.Kind.NOT_FOUND;
                case 401, 403 -> ServiceCallException.Kind.REFUSED;
                case 500, 502, 503, 504 -> ServiceCallException.Kind.FAILING;
                default -> status >= 500 ? ServiceCallException.Kind.FAILING : ServiceCallException.Kind.REJECTED;
            };
            return new ServiceCallException(service, kind, status, detail(web.getResponse()));
        }
        if (causedBy(failure, JacksonException.class)) {
            return new ServiceCallException(service, ServiceCallException.Kind.BAD_ANSWER, 0, failure.getMessage());
        }
        if (failure instanceof ProcessingException || failure instanceof java.io.IOException
                || failure instanceof io.vertx.core.VertxException) {
            return new ServiceCallException(service, ServiceCallException.Kind.UNREACHABLE, 0, String.valueOf(failure.getMessage()));
        }
        return failure;
    }

    /** The problem's {@code detail} (or {@code title}) of an error answer, if it has one. */
    private String detail(Response response) {
        try {
            String body = response.readEntity(String.class);
            if (body == null || body.isBlank()) {
                return null;
            }
            JsonNode problem = json.readTree(body);
            return problem.path("detail").asText(problem.path("title").asText(null));
        } catch (RuntimeException | java.io.IOException e) {
            return null;
        }
    }

    /**
     * A 5xx may be one overloaded replica or a restart under way; a refused connection is a stopped service, and
     * callers are owed a quick "unavailable" then (the gateway's profile answers 503 at once).
     */
    private static boolean worthRetrying(Throwable failure) {
        return failure instanceof ServiceCallException call && call.kind() == ServiceCallException.Kind.FAILING;
    }

    /** What counts against the circuit: the service not answering usefully, never its "no". */
    private static boolean isFailureOfTheService(Throwable failure) {
        return failure instanceof TimeoutException
                || failure instanceof ServiceCallException call && call.serviceFailed();
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** How long to wait for a service and when to stop calling it; each client bean reads its own. */
    public interface ClientSettings {

        /** The longest wait for one attempt's answer. */
        Duration timeout();

        /** How often a failed read is tried again (when the service was unreachable or failing). */
        int readRetries();

        /** The pause before a read is tried again. */
        Duration retryDelay();

        Breaker breaker();

        interface Breaker {

            /** Consecutive failures (unreachable, failing, timed out) that open the circuit. */
            int failureThreshold();

            /** How long the open circuit refuses at once before a single trial call is let through. */
            Duration openFor();
        }
    }
}
