package org.ecogov.gateway.identity;

import java.util.Map;

import org.ecogov.runtime.problem.Problem;
import org.ecogov.runtime.problem.ProblemType;

/**
 * The gateway refusing a request before any service sees it: a problem and the headers that go with it
 * ({@code WWW-Authenticate}, {@code Retry-After}, {@code RateLimit-*}). Answered the same way by the proxy
 * route and by the gateway's own resources.
 */
public final class Refusal extends RuntimeException {

    private final transient Problem problem;
    private final transient Map<String, String> headers;

    public Refusal(ProblemType type, String detail, Map<String, String> headers) {
        super(detail, null, false, false);
        this.problem = Problem.of(type, detail, null);
        this.headers = Map.copyOf(headers);
    }

    public Refusal(ProblemType type, String detail) {
        this(type, detail, Map.of());
    }

    public Problem problem() {
        return problem;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
