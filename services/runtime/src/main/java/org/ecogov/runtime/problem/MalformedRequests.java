package org.ecogov.runtime.problem;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ecogov.runtime.logging.RequestIds;
import org.jboss.logging.Logger;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.VertxException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;

/**
 * Answers a request that is not well-formed HTTP with a problem, with its {@code X-Request-Id}, before anything else
 * reads it; and turns the bare refusals of the routing layer into problems too.
 * <p>
 * What Quarkus and Vert.x would otherwise answer without a body:
 * <ul>
 * <li>a request target that is not a URI (raw {@code { | } " < > \ ^ `}, a space, control characters, a bad
 * percent-escape such as {@code %zz}): Quarkus checks it with {@link URI} before any route and answers a bare 400.
 * Its check is switched off with the JVM property {@code vertx.disableURIValidation=true} (set wherever this
 * platform starts a JVM: the build's surefire, deploy/local's {@code ServiceProcess}, deploy/production.md), and
 * this route makes the same check and answers {@code malformed-request}. Without the property Quarkus's bare 400
 * stays, and a warning says so at start-up;</li>
 * <li>a target that is neither a path nor an absolute URI ({@code *}, {@code CONNECT}'s {@code host:port}, a
 * relative path), and an HTTP/1.x request without one sane {@code Host}: {@code malformed-request} (Vert.x would
 * answer a bare 404, or fail with an exception whose stack Quarkus prints into the answer);</li>
 * <li>an HTTP version other than 1.0, 1.1 or 2, where it reaches a route: {@code http-version-not-supported} (505).
 * Vert.x itself answers it with a bare 501 before any route unless the server has a WebSocket handler, which the
 * services and the gateway have not;</li>
 * <li>a request target longer than {@code ecogov.http.max-request-target} or header fields larger than
 * {@code ecogov.http.max-header-size} in all: {@code request-target-too-long} (414) and
 * {@code request-headers-too-large} (431). Netty's own limits ({@code quarkus.http.limits.max-initial-line-length},
 * {@code .max-header-size}) are set above these, so that a request over ours still reaches this route;</li>
 * <li>a failure of the routing layer that carries only a status ({@code fail(404)}), or an exception outside
 * JAX-RS: the generic problem of its status, or {@code internal-error} with an error id in the log.</li>
 * </ul>
 * What Netty refuses while decoding (a request line or header fields over its own limits, a header name with a
 * space, a malformed {@code Content-Length}, a line that is not HTTP at all) never reaches a route: Vert.x answers it
 * with its default invalid-request handler, a bare 400, 414 or 431, and closes the connection. Quarkus 3.33 offers no
 * way to set that handler (services/runtime/README.md, "Malformed requests").
 */
@ApplicationScoped
public class MalformedRequests {

    /** The JVM property that switches Quarkus's own request-target check (a bare 400) off. */
    public static final String URI_VALIDATION_OFF = "vertx.disableURIValidation";

    private static final Logger LOG = Logger.getLogger(MalformedRequests.class);

    private final ProblemResponses problems;
    private final int maxTarget;
    private final long maxHeaders;

    public MalformedRequests(ProblemResponses problems,
            @ConfigProperty(name = "ecogov.http.max-request-target", defaultValue = "4096") int maxTarget,
            @ConfigProperty(name = "ecogov.http.max-header-size", defaultValue = "20K") MemorySize maxHeaders) {
        this.problems = problems;
        this.maxTarget = maxTarget;
        this.maxHeaders = maxHeaders.asLongValue();
    }

    void install(@Observes Router router) {
        if (!Boolean.getBoolean(URI_VALIDATION_OFF)) {
            LOG.warnf("-D%s=true is not set: a request target that is not a URI gets Quarkus's bare 400 instead of a"
                    + " malformed-request problem (deploy/production.md)", URI_VALIDATION_OFF);
        }
        // first, before anything reads the target (a refusal decides the request's id itself)
        router.route().order(Integer.MIN_VALUE).handler(this::check);
        router.route().order(Integer.MIN_VALUE).failureHandler(this::failed);
    }

    /** In this order: what is read next (the target, which Vert.x resolves against the Host) must be there. */
    private void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.version() == null) {
            refuse(context, ProblemType.HTTP_VERSION_NOT_SUPPORTED, "Only HTTP/1.0, HTTP/1.1 and HTTP/2 are spoken here.");
            return;
        }
        if (headerSize(request) > maxHeaders) {
            refuse(context, ProblemType.REQUEST_HEADERS_TOO_LARGE,
                    "The header fields may take at most " + maxHeaders + " bytes in all.");
            return;
        }
        String wrong = hostProblem(request);
        if (wrong != null) {
            refuse(context, ProblemType.MALFORMED_REQUEST, wrong);
            return;
        }
        String target = request.uri();
        if (target.length() > maxTarget) {
            refuse(context, ProblemType.REQUEST_TARGET_TOO_LONG,
                    "The request target may be at most " + maxTarget + " characters; this one has " + target.length() + ".");
            return;
        }
        wrong = targetProblem(target);
        if (wrong != null) {
            refuse(context, ProblemType.MALFORMED_REQUEST, wrong);
            return;
        }
        context.next();
    }

    /** Why the request target cannot be served, or null: it must be a URI, and a path or an absolute http(s) URI. */
    static String targetProblem(String target) {
        URI uri;
        try {
            uri = new URI(target);
        } catch (URISyntaxException e) {
            return "The request target is not a URI (" + e.getReason() + " at index " + e.getIndex()
                    + "); characters outside RFC 3986 must be percent-encoded.";
        }
        boolean path = target.startsWith("/") && !target.startsWith("//");
        boolean absolute = uri.isAbsolute() && ("http".equalsIgnoreCase(uri.getScheme())
                || "https".equalsIgnoreCase(uri.getScheme())) && uri.getRawAuthority() != null;
        return path || absolute ? null
                : "The request target must be a path starting with / (or an absolute http URI).";
    }

    /** HTTP/1.x needs exactly one Host naming a host (RFC 9112 §3.2); HTTP/2 has :authority instead. */
    private static String hostProblem(HttpServerRequest request) {
        if (request.version() == HttpVersion.HTTP_2) {
            return null;
        }
        List<String> hosts = request.headers().getAll(HttpHeaderNames.HOST);
        if (hosts.size() != 1) {
            return hosts.isEmpty() ? "An HTTP/1.x request needs a Host header." : "A request has one Host header, not "
                    + hosts.size() + ".";
        }
        String host = hosts.get(0);
        if (host.isEmpty() || HostAndPort.parseAuthority(host, -1) == null) {
            return "The Host header must name a host (and optionally a port).";
        }
        return null;
    }

    /** The path, when the request has one that can be read and repeated in a problem; else none. */
    private static String instance(HttpServerRequest request) {
        try {
            return hostProblem(request) == null && targetProblem(request.uri()) == null ? request.path() : null;
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    private static long headerSize(HttpServerRequest request) {
        long size = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            size += header.getKey().length() + 2 + header.getValue().length();
        }
        return size;
    }

    /**
     * A failure that reached the routing layer: a bare status from Vert.x Web or Quarkus (a target it cannot route,
     * a body over the limit), or an exception outside JAX-RS, whose mappers answer their own. Quarkus's security
     * exceptions are left to Quarkus, which answers them with their challenge.
     */
    private void failed(RoutingContext context) {
        Throwable failure = context.failure();
        if (context.response().headWritten()) {
            context.next();
            return;
        }
        if (failure != null && failure.getClass().getName().startsWith("io.quarkus.security.")) {
            context.next();
            return;
        }
        int status = failure instanceof HttpException http ? http.getStatusCode() : context.statusCode();
        if (status >= 400 && status < 500) {
            ProblemType type = status == 400 ? ProblemType.MALFORMED_REQUEST
                    : ProblemType.genericFor(status).orElse(ProblemType.MALFORMED_REQUEST);
            // Vert.x's own reasons ("For HTTP/1.x requests, the 'Host' header is required") are for the client
            String detail = failure instanceof VertxException && failure.getMessage() != null ? failure.getMessage()
                    : status == 404 ? "No resource at this target." : type.title() + ".";
            refuse(context, type, status, detail);
        } else if (failure == null && status >= 500) {
            ProblemType type = ProblemType.genericFor(status).orElse(ProblemType.INTERNAL_ERROR);
            refuse(context, type, status, type.title() + ".");
        } else {
            String errorId = UUID.randomUUID().toString();
            RequestIds.decide(context);
            LOG.errorf(failure, "Unexpected error %s answering %s %s", errorId, context.request().method(),
                    context.request().path());
            refuse(context, ProblemType.INTERNAL_ERROR, "An unexpected error occurred. Quote error id " + errorId
                    + " when reporting it.");
        }
    }

    private void refuse(RoutingContext context, ProblemType type, String detail) {
        refuse(context, type, type.status(), detail);
    }

    private void refuse(RoutingContext context, ProblemType type, int status, String detail) {
        RequestIds.decide(context);
        Problem problem = new Problem(type.uri(), type.title(), status, detail, instance(context.request()), null);
        context.response()
                .setStatusCode(status)
                .putHeader(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(Buffer.buffer(problems.json(problem)));
    }
}
