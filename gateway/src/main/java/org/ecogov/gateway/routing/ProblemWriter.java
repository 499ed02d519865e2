package org.ecogov.gateway.routing;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecogov.runtime.problem.Problem;
import org.ecogov.runtime.problem.ProblemResponses;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** Answers a problem+json from the proxy route, where JAX-RS exception mappers do not reach. */
@ApplicationScoped
public class ProblemWriter {

    private final ProblemResponses problems;

    public ProblemWriter(ProblemResponses problems) {
        this.problems = problems;
    }

    public void write(HttpServerResponse response, Problem problem, Map<String, String> headers) {
        if (response.headWritten()) {
            // the service's answer had already begun: all that is left is to cut it short
            response.reset();
            return;
        }
        headers.forEach(response::putHeader);
        response.setStatusCode(problem.status())
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(Buffer.buffer(problems.json(problem)));
    }
}
