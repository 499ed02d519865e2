package org.ecogov.runtime.problem;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes problems as responses. The body is serialised here rather than left to content negotiation, so an
 * error is answered as problem+json whatever the client's {@code Accept} header says (RFC 9457 allows this,
 * and a 406 that cannot itself be written would be worse).
 */
@ApplicationScoped
public class ProblemResponses {

    private static final Logger LOG = Logger.getLogger(ProblemResponses.class);

    private final ObjectMapper mapper;

    public ProblemResponses(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Response toResponse(ProblemException problem, String instance) {
        Response.ResponseBuilder response = toResponseBuilder(
                Problem.of(problem.type(), problem.detail(), instance, problem.violations()));
        problem.headers().forEach(response::header);
        return response.build();
    }

    public Response toResponse(Problem problem) {
        return toResponseBuilder(problem).build();
    }

    /** For a response that also needs headers ({@code Allow}, {@code WWW-Authenticate}, ...). */
    public Response.ResponseBuilder toResponseBuilder(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(json(problem));
    }

    /** The problem as problem+json bytes, for writers outside JAX-RS (Vert.x routes, the gateway). */
    public byte[] json(Problem problem) {
        try {
            return mapper.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            // cannot happen for a record of strings and numbers, but never leave an error unanswered
            LOG.error("Could not serialise a problem", e);
            return ("{\"type\":\"" + ProblemType.INTERNAL_ERROR.uri() + "\",\"status\":500}")
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * Answers an unexpected failure: logged with a fresh error id that the client also gets, so a report
     * can be matched to the log, while the body says nothing of the failure itself.
     */
    public Response internalError(Throwable failure, String method, String instance) {
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(failure, "Unexpected error %s answering %s %s", errorId, method, instance);
        return toResponse(Problem.of(ProblemType.INTERNAL_ERROR,
                "An unexpected error occurred. Quote error id " + errorId + " when reporting it.", instance,
                List.of()));
    }
}
