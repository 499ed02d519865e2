package org.ecogov.gateway.identity;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.ecogov.runtime.problem.Problem;
import org.ecogov.runtime.problem.ProblemResponses;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Answers a {@link Refusal} raised in the gateway's own resources, with its headers. */
public class RefusalMapper {

    private final ProblemResponses problems;

    public RefusalMapper(ProblemResponses problems) {
        this.problems = problems;
    }

    @ServerExceptionMapper
    public Response refused(Refusal refusal, UriInfo uri) {
        Problem p = refusal.problem();
        Response.ResponseBuilder response = problems.toResponseBuilder(
                new Problem(p.type(), p.title(), p.status(), p.detail(), uri.getPath(), p.errors()));
        refusal.headers().forEach(response::header);
        return response.build();
    }
}
