package org.ecogov.runtime.problem;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers a body over {@code quarkus.http.limits.max-body-size} with a body-too-large problem.
 * <p>
 * Quarkus enforces the limit in a Vert.x route below JAX-RS, answering a bare 413 before any exception mapper
 * could see the request. This route runs just before that one and answers the same cases (a declared
 * {@code Content-Length} over the limit) with problem+json, closing the connection as Quarkus does since the
 * rest of the body is not read. A chunked body without a length that grows past the limit is still cut off
 * by Quarkus with a bare 413 mid-read.
 */
@ApplicationScoped
public class BodySizeLimit {

    private final Optional<MemorySize> maxBodySize;
    private final ProblemResponses responses;

    public BodySizeLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize,
            ProblemResponses responses) {
        this.maxBodySize = maxBodySize;
        this.responses = responses;
    }

    void install(@Observes Router router) {
        if (maxBodySize.isEmpty()) {
            return;
        }
        long limit = maxBodySize.get().asLongValue();
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(context -> enforce(context, limit));
    }

    private void enforce(RoutingContext context, long limit) {
        String declared = context.request().getHeader(HttpHeaderNames.CONTENT_LENGTH);
        if (declared != null && exceeds(declared, limit)) {
            Problem problem = Problem.of(ProblemType.BODY_TOO_LARGE,
                    "The request body may be at most " + limit + " bytes.", context.request().path(), List.of());
            context.response()
                    .setStatusCode(problem.status())
                    .putHeader(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaderNames.CONNECTION, "close")
                    .endHandler(ignored -> context.request().connection().close())
                    .end(io.vertx.core.buffer.Buffer.buffer(responses.json(problem)));
            return;
        }
        context.next();
    }

    private static boolean exceeds(String declared, long limit) {
        try {
            return Long.parseLong(declared.strip()) > limit;
        } catch (NumberFormatException e) {
            return false; // Netty rejects a malformed Content-Length before we get here
        }
    }
}
