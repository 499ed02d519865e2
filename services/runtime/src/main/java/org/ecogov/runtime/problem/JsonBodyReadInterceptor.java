package org.ecogov.runtime.problem;

import java.io.IOException;
import java.util.Optional;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

/**
 * Marks failures to read a request body as the client's fault, right where they happen. Quarkus REST
 * rethrows some Jackson exceptions raw and wraps others in a 400; catching them here, around the read,
 * tells them apart from the same Jackson exceptions thrown later by a service (reading another service's
 * response, say), which are server errors.
 */
@Provider
public class JsonBodyReadInterceptor implements ReaderInterceptor {

    private final JsonBodyProblems problems;

    public JsonBodyReadInterceptor(JsonBodyProblems problems) {
        this.problems = problems;
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException, WebApplicationException {
        try {
            return context.proceed();
        } catch (IOException | RuntimeException e) {
            Optional<ProblemException> problem = problems.toProblem(e);
            if (problem.isPresent()) {
                throw problem.get();
            }
            throw e;
        }
    }
}
