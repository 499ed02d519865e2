package org.ecogov.runtime.problem;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ValidationException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * The platform's exception mappers: every failure that reaches Quarkus REST leaves as problem+json, with the
 * request path as {@code instance}.
 * <p>
 * These are {@code @ServerExceptionMapper}s at the default priority ({@code Priorities.USER}), which beats
 * the mappers Quarkus registers for the same exceptions (security at USER+1, validation at USER+1, Jackson at
 * USER+100); Quarkus picks the mapper of the most specific exception type first, so every exception that
 * Quarkus maps itself is named here explicitly, not left to the catch-all. A service can still override one
 * by mapping a more specific type, or the same type at a lower priority number.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final String WWW_AUTHENTICATE = "WWW-Authenticate";
    private static final String BEARER_CHALLENGE = "Bearer";

    private final ProblemResponses responses;
    private final ViolationProblems violations;
    private final ParameterProblems parameters;

    public ProblemMappers(ProblemResponses responses, ViolationProblems violations, ParameterProblems parameters) {
        this.responses = responses;
        this.violations = violations;
        this.parameters = parameters;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException problem, UriInfo uri) {
        return responses.toResponse(problem, instance(uri));
    }

    /**
     * Violations of the constraints on an endpoint's parameters are the client's; violations anywhere else
     * (a service bean's parameters, a return value) are the server's, as Quarkus itself decides.
     */
    @ServerExceptionMapper
    public Response constraintViolations(ConstraintViolationException violation, UriInfo uri,
            ContainerRequestContext request) {
        if (!(violation instanceof ResteasyReactiveViolationException)
                || ViolationProblems.concernsReturnValue(violation.getConstraintViolations())) {
            return responses.internalError(violation, request.getMethod(), instance(uri));
        }
        return responses.toResponse(violations.toProblem(violation.getConstraintViolations()), instance(uri));
    }

    /** A broken constraint declaration is a bug; Quarkus's own mapper would answer without a body. */
    @ServerExceptionMapper
    public Response validationMisconfigured(ValidationException failure, UriInfo uri, ContainerRequestContext request) {
        return responses.internalError(failure, request.getMethod(), instance(uri));
    }

    /**
     * Jackson exceptions that reach a mapper raw were not thrown while reading the request body (the
     * {@link JsonBodyReadInterceptor} turned those into problems), so they are the server's: reading another
     * service's answer, say. Quarkus would call them a 400.
     */
    @ServerExceptionMapper({ MismatchedInputException.class, InvalidDefinitionException.class })
    public Response jacksonFailure(Exception failure, UriInfo uri, ContainerRequestContext request) {
        return responses.internalError(failure, request.getMethod(), instance(uri));
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class,
            AuthenticationCompletionException.class })
    public Response unauthenticated(RuntimeException failure, UriInfo uri) {
        return responses.toResponseBuilder(Problem.of(ProblemType.UNAUTHENTICATED,
                "A valid bearer token is required.", instance(uri)))
                .header(WWW_AUTHENTICATE, BEARER_CHALLENGE)
                .build();
    }

    /**
     * The identity provider cannot be reached to check a token (no signing keys cached yet): the caller did
     * nothing wrong and may retry shortly, so this is a 503, not a 500 or a 401.
     */
    @ServerExceptionMapper
    public Response identityProviderUnavailable(io.quarkus.oidc.OIDCException failure, UriInfo uri,
            ContainerRequestContext request) {
        LOG.warnf("identity provider unavailable answering %s %s: %s", request.getMethod(), instance(uri),
                failure.getMessage());
        return responses.toResponseBuilder(Problem.of(ProblemType.SERVICE_UNAVAILABLE,
                "The identity provider cannot be reached to check the token; try again shortly.", instance(uri)))
                .header("Retry-After", "5")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException failure, UriInfo uri) {
        return responses.toResponse(Problem.of(ProblemType.FORBIDDEN, "The caller's roles do not allow this.",
                instance(uri)));
    }

    /**
     * JAX-RS's own exceptions: a path that matches nothing, a method or media type the resource does not
     * take, a parameter that does not convert. The specific ones are listed because Quarkus maps some of them
     * itself (an HTML "resource not found" page in dev and test mode).
     */
    @ServerExceptionMapper({ WebApplicationException.class, NotFoundException.class, NotAllowedException.class,
            NotSupportedException.class, NotAcceptableException.class })
    public Response webApplication(WebApplicationException failure, UriInfo uri, HttpHeaders headers,
            ResourceInfo resource, ContainerRequestContext request) {
        if (failure.getCause() instanceof ProblemException problem) {
            return problem(problem, uri);
        }
        String instance = instance(uri);
        int status = failure.getResponse() == null ? 500 : failure.getResponse().getStatus();
        if (status >= 500 && status != 503) {
            return responses.internalError(failure, request.getMethod(), instance);
        }
        if (failure instanceof NotFoundException || status == 400) {
            var conversion = parameters.conversionFailure(failure, resource, uri, headers);
            if (conversion.isPresent()) {
                return responses.toResponse(conversion.get(), instance);
            }
        }
        Problem problem = ProblemType.genericFor(status)
                .map(type -> Problem.of(type, type == ProblemType.UNSUPPORTED_MEDIA_TYPE
                        ? unsupportedMediaType(request, resource) : detail(type), instance))
                // a status our vocabulary has no word for: RFC 9457's about:blank, titled by the status
                .orElseGet(() -> new Problem("about:blank", reasonPhrase(status), status, null, instance, List.of()));
        Response.ResponseBuilder response = responses.toResponseBuilder(problem);
        copyProtocolHeaders(failure, response);
        if (status == 401 && failure.getResponse().getHeaderString(WWW_AUTHENTICATE) == null) {
            response.header(WWW_AUTHENTICATE, BEARER_CHALLENGE);
        }
        return response.build();
    }

    /** Anything else is a bug: logged with an error id, answered without a word about what failed. */
    @ServerExceptionMapper
    public Response unexpected(Throwable failure, UriInfo uri, ContainerRequestContext request) {
        if (failure instanceof IOException) {
            // As Quarkus itself treats them: a client that went away, or an upload Quarkus cut off itself (a
            // chunked body over the size limit, already answered 413); no bug to alert anyone about.
            LOG.debugf(failure, "I/O error answering %s %s", request.getMethod(), instance(uri));
            return responses.toResponse(Problem.of(ProblemType.INTERNAL_ERROR, "The request could not be read.",
                    instance(uri)));
        }
        return responses.internalError(failure, request.getMethod(), instance(uri));
    }

    private static String detail(ProblemType type) {
        return switch (type) {
            case NOT_FOUND -> "No resource at this path.";
            case METHOD_NOT_ALLOWED -> "This resource does not take this method.";
            case NOT_ACCEPTABLE -> "This resource answers in application/json.";
            default -> null;
        };
    }

    /**
     * A 415's detail: the media type sent and, where the operation is known, the ones it takes (JSON, CSV, JSON lines,
     * a multipart upload or a form, depending on the operation); otherwise where to find them.
     */
    static String unsupportedMediaType(ContainerRequestContext request, ResourceInfo resource) {
        String sent = request.getMediaType() == null ? "no media type" : request.getMediaType().toString();
        Consumes consumes = null;
        if (resource != null && resource.getResourceMethod() != null) {
            consumes = resource.getResourceMethod().getAnnotation(Consumes.class);
            if (consumes == null && resource.getResourceClass() != null) {
                consumes = resource.getResourceClass().getAnnotation(Consumes.class);
            }
        }
        if (consumes == null || consumes.value().length == 0) {
            return "This operation does not take a body sent as " + sent
                    + "; the API description lists the media types each operation takes.";
        }
        return "This operation does not take a body sent as " + sent + "; send it as "
                + String.join(" or ", consumes.value()) + ".";
    }

    /** Headers that tell the client how to recover (which methods are allowed, how to authenticate). */
    private static void copyProtocolHeaders(WebApplicationException failure, Response.ResponseBuilder response) {
        Response original = failure.getResponse();
        if (original == null) {
            return;
        }
        for (Map.Entry<String, List<Object>> header : original.getHeaders().entrySet()) {
            String name = header.getKey();
            if (name.equalsIgnoreCase("Allow") || name.equalsIgnoreCase(WWW_AUTHENTICATE)
                    || name.equalsIgnoreCase("Retry-After") || name.equalsIgnoreCase("Accept-Patch")) {
                for (Object value : header.getValue()) {
                    response.header(name, value);
                }
            }
        }
    }

    private static String reasonPhrase(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known == null ? "HTTP " + status : known.getReasonPhrase();
    }

    static String instance(UriInfo uri) {
        try {
            return uri.getRequestUri().getRawPath();
        } catch (RuntimeException e) {
            LOG.debug("No request path for a problem's instance", e);
            return null;
        }
    }
}
