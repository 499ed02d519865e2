package org.ecogov.gateway.routing;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.ecogov.gateway.identity.Door;
import org.ecogov.gateway.identity.GatewayCaller;
import org.ecogov.gateway.identity.GatewayTokens;
import org.ecogov.runtime.problem.Problem;
import org.ecogov.runtime.logging.RequestIds;
import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.problem.ProblemType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The door's main route: every {@code /api/v1/...} (and {@code /open311/...}) request gets a correlation id, is
 * matched against the routing table, authenticated (realm token or API key; none on an operation its spec opens to
 * everyone), checked against the scopes its operation accepts from a key, and streamed to
 * the owning service and back. Bodies are never buffered (but for the small
 * forms that carry their API key in a field, {@link #keyFromTheForm}): the request body is piped to the service as it
 * arrives, with back-pressure, and so is the answer. The service's status, headers and body come back as
 * they are, minus hop-by-hop headers; an error answer without a body gets a problem+json one. A service that
 * is down answers 503 at once, one that is too slow 504 after its timeout, and one that keeps failing has
 * its circuit opened so clients stop waiting for it. Paths the gateway answers itself go on to its
 * resources.
 */
@ApplicationScoped
public class ProxyRoute {

    private static final Logger LOG = Logger.getLogger(ProxyRoute.class);
    /**
     * Request headers never passed on as they came: the caller's key is replaced by a token, the forwarding
     * headers (these and every other {@code X-Forwarded-*}) are the gateway's own. (The request's X-Request-Id is
     * passed on: {@link RequestIds} has already replaced it with the id decided for this request.)
     */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "x-api-key", "forwarded");
    private static final String FORWARDING_PREFIX = "x-forwarded-";
    /** The service's own X-Request-Id is not relayed: the answer carries the one decided at the door. */
    private static final Set<String> NOT_RELAYED = Set.of("x-request-id");
    /** Where Quarkus's HTTP metrics find a request's route template (instead of its raw path). */
    private static final String URL_PATH_TEMPLATE = "UrlPathTemplate";
    /** The metrics' name for a path no service owns: one series, however many made-up paths are tried. */
    private static final String UNROUTED = "/api/v1/{unrouted}";
    static final String REQUESTS_METER = "ecogov.gateway.requests";
    /** The largest form read whole for the API key in one of its fields ({@link #keyFromTheForm}). */
    static final int FORM_LIMIT = 64 * 1024;

    private final Routes routes;
    private final Door door;
    private final GatewayTokens tokens;
    private final ProblemWriter problems;
    private final MeterRegistry metrics;

    public ProxyRoute(Routes routes, Door door, GatewayTokens tokens, ProblemWriter problems, MeterRegistry metrics) {
        this.routes = routes;
        this.door = door;
        this.tokens = tokens;
        this.problems = problems;
        this.metrics = metrics;
    }

    void register(@Observes Router router) {
        router.route("/api/v1/*").order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::handle);
        // GeoReport v2 (Open311) lives at its standard's paths, outside the versioned API
        router.route("/open311/*").order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::handle);
    }

    void handle(RoutingContext context) {
        HttpServerRequest request = context.request();

        String path = context.normalizedPath();
        Optional<RouteTable.Route> route = routes.table().match(path);
        if (route.isEmpty()) {
            nameForMetrics(UNROUTED);
            answer(context, Problem.of(ProblemType.NOT_FOUND, "No service answers " + path + ".", path), Map.of());
            return;
        }
        if (route.get().isGateway()) {
            admitToTheGateway(context, path);
            return;
        }
        Upstream upstream = routes.upstream(route.get().owner());
        measure(context, route.get());
        request.pause();
        Upstream.Operation operation = upstream.operation(route.get().pattern().toString(), request.method().name())
                .orElse(null);
        if (operation != null && operation.apiKeyField() != null && request.getHeader("Authorization") == null
                && request.getHeader(Door.API_KEY_HEADER) == null && FormKey.isForm(request.getHeader("Content-Type"))) {
            keyFromTheForm(context, upstream, operation, path);
            return;
        }
        // a remembered token or a cached key is known at once: the request then goes on in this very call
        door.authenticate(context, operation != null && operation.anonymous()).onComplete(known -> {
            if (known.succeeded()) {
                forward(context, upstream, operation, known.result(), path, null);
            } else {
                refuse(context, known.cause(), path, Map.of());
            }
        });
    }

    /**
     * An operation whose API key may come as a form field ({@code x-ecogov-api-key-field}, Open311's {@code api_key}):
     * the form, which such operations keep small, is read whole (at most {@link #FORM_LIMIT} bytes), the key taken
     * out of it and checked as a key in a header would be, and the rest of the form goes on to the service.
     */
    private void keyFromTheForm(RoutingContext context, Upstream upstream, Upstream.Operation operation, String path) {
        HttpServerRequest request = context.request();
        String declared = request.getHeader("Content-Length");
        if (declared != null && declared.chars().allMatch(Character::isDigit) && declared.length() < 18
                && Long.parseLong(declared) > FORM_LIMIT) {
            refuse(context, ProblemException.of(ProblemType.BODY_TOO_LARGE, "A form sent to " + operation
                    + " is at most " + FORM_LIMIT + " bytes."), path, Map.of());
            return;
        }
        Buffer form = Buffer.buffer();
        AtomicBoolean tooLarge = new AtomicBoolean();
        request.handler(chunk -> {
            if (tooLarge.get()) {
                return;
            }
            if (form.length() + chunk.length() > FORM_LIMIT) {
                tooLarge.set(true);
                refuse(context, ProblemException.of(ProblemType.BODY_TOO_LARGE, "A form sent to " + operation
                        + " is at most " + FORM_LIMIT + " bytes."), path, Map.of());
                return;
            }
            form.appendBuffer(chunk);
        });
        request.exceptionHandler(failure -> LOG.debugf("reading a form for %s: %s", operation, failure.toString()));
        request.endHandler(ended -> {
            if (tooLarge.get()) {
                return;
            }
            FormKey found = FormKey.of(form.toString(StandardCharsets.UTF_8), operation.apiKeyField());
            Future<GatewayCaller> caller = found.key().isPresent() ? door.authenticateKey(context, found.key().get())
                    : door.authenticate(context, operation.anonymous());
            Buffer rest = found.key().isPresent() ? Buffer.buffer(found.rest()) : form;
            caller.onComplete(known -> {
                if (known.succeeded()) {
                    forward(context, upstream, operation, known.result(), path, rest);
                } else {
                    refuse(context, known.cause(), path, Map.of());
                }
            });
        });
        request.resume();
    }

    /**
     * The gateway's own operations pass the same door as the routed ones: one credential, counted against its rate
     * limits, refused as problem+json before any resource runs. The caller is left in the routing context for the
     * resources ({@link Door#callerOf}) and its rate-limit headers go on every answer they give.
     */
    private void admitToTheGateway(RoutingContext context, String path) {
        HttpServerRequest request = context.request();
        request.pause();
        door.admit(context).onComplete(admitted -> {
            if (admitted.failed()) {
                refuse(context, admitted.cause(), path, Map.of());
                return;
            }
            Map<String, String> headers = admitted.result().responseHeaders();
            if (!headers.isEmpty()) {
                context.addHeadersEndHandler(ended -> headers.forEach(context.response()::putHeader));
            }
            resume(request);
            context.next();
        });
    }

    /**
     * Names the request in Quarkus's HTTP metrics by its route template, not its raw path (one series per route,
     * not one per enterprise), as Quarkus does by itself for JAX-RS endpoints.
     */
    @SuppressWarnings("deprecation") // Context.putLocal: the key Quarkus's metrics read is a plain context local
    private static void nameForMetrics(String template) {
        io.vertx.core.Context current = Vertx.currentContext();
        if (current != null) {
            current.putLocal(URL_PATH_TEMPLATE, template);
        }
    }

    /**
     * Every proxied request, answered by the service or refused at the door, in
     * {@code ecogov_gateway_requests_seconds{route, service, method, status}}: the route is the owning spec's
     * path template, so the series are bounded by the contract, never by the paths clients send.
     */
    private void measure(RoutingContext context, RouteTable.Route route) {
        String template = route.pattern().toString();
        nameForMetrics(template);
        long started = System.nanoTime();
        String method = context.request().method().name();
        context.addEndHandler(ended -> Timer.builder(REQUESTS_METER)
                .description("Requests the gateway routed to a service, by route, service and status")
                .tag("route", template)
                .tag("service", route.owner())
                .tag("method", method)
                .tag("status", Integer.toString(context.response().getStatusCode()))
                .register(metrics)
                .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS));
    }

    /**
     * Streams the request to the service and its answer back.
     *
     * @param operation the spec's operation the request is for, or null when the configuration describes none
     * @param body the body to send instead of the client's (already read, as a form whose key was taken out), or
     *        null to stream the client's own
     */
    private void forward(RoutingContext context, Upstream upstream, Upstream.Operation operation, GatewayCaller caller,
            String path, Buffer body) {
        HttpServerRequest request = context.request();
        Map<String, String> callerHeaders = caller.responseHeaders();
        if (caller instanceof GatewayCaller.Keyed) {
            try {
                String method = request.method().name();
                if (operation == null) {
                    door.requireScope(caller, upstream.scopeNameFor(method), upstream.scopeFor(method).orElse(null));
                } else if (operation.keyScopes().isEmpty()) {
                    door.refuseKey(caller, operation.toString());
                } else {
                    door.requireScope(caller, String.join(" or ", operation.keyScopes()),
                            operation.keyScopes().toArray(String[]::new));
                }
            } catch (ProblemException refusal) {
                // carries the key's rate-limit headers already
                refuse(context, refusal, path, Map.of());
                return;
            }
        }
        Circuit.Exchange exchange = upstream.circuit().tryEnter(callerOf(caller));
        if (exchange == null) {
            Map<String, String> headers = new LinkedHashMap<>(callerHeaders);
            headers.put("Retry-After", Long.toString(upstream.circuit().retryAfterSeconds()));
            answer(context, Problem.of(ProblemType.SERVICE_UNAVAILABLE, "The " + upstream.name()
                    + " service is failing; the gateway stopped calling it for a while.", path), headers);
            return;
        }
        String query = request.query();
        RequestOptions options = new RequestOptions()
                .setMethod(request.method())
                .setHost(upstream.host()).setPort(upstream.port()).setSsl(upstream.ssl())
                .setURI(query == null ? path : path + "?" + query)
                // also bounds a pause in the middle of a streamed answer
                .setIdleTimeout(upstream.timeoutMillis());
        // one answer per request, whichever comes first: the service's head, a failure, or the deadline
        AtomicBoolean settled = new AtomicBoolean();
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        // the deadline bounds the whole exchange, not only the wait for the head: a request may hold the service (its
        // connection, its worker, the answer it is writing) no longer than the route's timeout, however slowly the
        // client sends its body or reads the answer
        long deadline = context.vertx().setTimer(upstream.timeoutMillis(), id -> {
            HttpClientRequest outgoing = sent.get();
            if (settled.compareAndSet(false, true)) {
                if (outgoing != null) {
                    outgoing.reset();
                }
                failed(context, upstream, exchange, new TimeoutException("no answer within " + upstream.timeoutMillis() + " ms"),
                        path, callerHeaders);
            } else if (outgoing != null && outgoing.reset()) {
                LOG.warnf("%s %s still under way after %d ms: cut off, the connection to %s closed",
                        context.request().method(), path, upstream.timeoutMillis(), upstream.name());
            }
        });
        upstream.client().request(options).onComplete(opened -> {
            if (opened.failed()) {
                if (settled.compareAndSet(false, true)) {
                    context.vertx().cancelTimer(deadline);
                    failed(context, upstream, exchange, opened.cause(), path, callerHeaders);
                }
                return;
            }
            HttpClientRequest outgoing = opened.result();
            sent.set(outgoing);
            if (settled.get()) {
                outgoing.reset();
                return;
            }
            copyRequestHeaders(request, outgoing, caller);
            Future<HttpClientResponse> answered;
            if (body != null) {
                outgoing.headers().remove("Transfer-Encoding");
                outgoing.headers().set("Content-Length", Integer.toString(body.length()));
                answered = outgoing.send(body);
            } else if (hasBody(request)) {
                answered = outgoing.send(request);
            } else {
                answered = outgoing.send();
                resume(request);
            }
            answered.onComplete(result -> {
                if (!settled.compareAndSet(false, true)) {
                    return;
                }
                if (result.failed()) {
                    context.vertx().cancelTimer(deadline);
                    failed(context, upstream, exchange, result.cause(), path, callerHeaders);
                } else {
                    relay(context, upstream, exchange, result.result(), path, callerHeaders, () -> {
                        // the answer is out; the deadline stays while the client is still sending its body
                        if (request.isEnded()) {
                            context.vertx().cancelTimer(deadline);
                        }
                    });
                }
            });
        });
    }

    /**
     * Who is calling, as the circuit counts deadline expiries: a key by its id, a realm token by its subject (a person,
     * or a department system's service account), anyone else by what they are.
     */
    static String callerOf(GatewayCaller caller) {
        if (caller instanceof GatewayCaller.Keyed keyed) {
            return "key " + keyed.key().id();
        }
        if (caller instanceof GatewayCaller.Bearer bearer) {
            java.security.Principal principal = bearer.identity().getPrincipal();
            return "token " + (principal instanceof JsonWebToken jwt && jwt.getSubject() != null ? jwt.getSubject()
                    : principal.getName());
        }
        return caller.toString();
    }

    /**
     * The service builds its links from X-Forwarded-Host and -Proto and takes the client's address from X-Forwarded-For,
     * trusting the gateway's address (services/runtime): so they say what the gateway itself knows of the request (the
     * host and scheme the client called, the client's address; through a load balancer the gateway trusts, what the
     * balancer received), never what a client wrote into them.
     */
    private void copyRequestHeaders(HttpServerRequest request, HttpClientRequest outgoing, GatewayCaller caller) {
        var headers = outgoing.headers();
        HopByHop.copy(request.headers(), headers, NOT_FORWARDED);
        headers.names().stream().filter(name -> name.toLowerCase(java.util.Locale.ROOT).startsWith(FORWARDING_PREFIX))
                .toList().forEach(headers::remove);
        if (request.remoteAddress() != null) {
            headers.set("X-Forwarded-For", request.remoteAddress().hostAddress());
        }
        headers.set("X-Forwarded-Proto", request.scheme() == null ? "http" : request.scheme());
        if (request.authority() != null) {
            headers.set("X-Forwarded-Host", request.authority().toString());
        }
        if (caller instanceof GatewayCaller.Keyed keyed) {
            headers.set("Authorization", "Bearer " + tokens.tokenFor(keyed.key()));
        }
    }

    /** Relays the service's answer; {@code relayed} runs once it is out (or could not be). */
    private void relay(RoutingContext context, Upstream upstream, Circuit.Exchange exchange, HttpClientResponse answer,
            String path, Map<String, String> callerHeaders, Runnable relayed) {
        int status = answer.statusCode();
        if (Upstream.isFailureOfTheService(status)) {
            exchange.failed();
        } else {
            exchange.succeeded();
        }
        HttpServerResponse response = context.response();
        if (status >= 400 && hasNoBody(answer)) {
            // a framework's bare error (e.g. an over-long chunked body): every error on the platform is problem+json
            Map<String, String> headers = new LinkedHashMap<>(callerHeaders);
            for (String kept : new String[] { "WWW-Authenticate", "Allow", "Retry-After" }) {
                if (answer.getHeader(kept) != null) {
                    headers.put(kept, answer.getHeader(kept));
                }
            }
            answer.end();
            ProblemType type = ProblemType.genericFor(status).orElse(ProblemType.INTERNAL_ERROR);
            answer(context, new Problem(type.uri(), type.title(), status, "The " + upstream.name()
                    + " service answered " + status + " without saying why.", path, null), headers);
            relayed.run();
            return;
        }
        response.setStatusCode(status);
        if (answer.statusMessage() != null) {
            response.setStatusMessage(answer.statusMessage());
        }
        HopByHop.copy(answer.headers(), response.headers(), NOT_RELAYED);
        callerHeaders.forEach(response::putHeader);
        if (answer.getHeader("Content-Length") == null) {
            response.setChunked(true);
        }
        answer.pipeTo(response).onComplete(piped -> {
            if (piped.failed()) {
                LOG.debugf("answer of %s for %s cut short: %s", upstream.name(), path, piped.cause().getMessage());
                if (!response.ended()) {
                    response.reset();
                }
            }
            relayed.run();
        });
    }

    private void failed(RoutingContext context, Upstream upstream, Circuit.Exchange exchange, Throwable cause, String path,
            Map<String, String> callerHeaders) {
        resume(context.request());
        if (Upstream.isTimeout(cause)) {
            exchange.timedOut();
            LOG.warnf("%s did not answer %s %s within %d ms", upstream.name(), context.request().method(), path,
                    upstream.timeoutMillis());
            answer(context, Problem.of(ProblemType.SERVICE_TIMEOUT, "The " + upstream.name()
                    + " service did not answer within " + upstream.timeoutMillis() + " ms.", path), callerHeaders);
        } else {
            exchange.failed();
            LOG.warnf("%s unreachable for %s %s: %s", upstream.name(), context.request().method(), path, cause.toString());
            Map<String, String> headers = new LinkedHashMap<>(callerHeaders);
            headers.put("Retry-After", "5");
            answer(context, Problem.of(ProblemType.SERVICE_UNAVAILABLE, "The " + upstream.name()
                    + " service cannot be reached.", path), headers);
        }
    }

    private void refuse(RoutingContext context, Throwable failure, String path, Map<String, String> extraHeaders) {
        resume(context.request());
        if (failure instanceof ProblemException refusal) {
            Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
            headers.putAll(refusal.headers());
            answer(context, Problem.of(refusal.type(), refusal.detail(), path, refusal.violations()), headers);
            return;
        }
        String errorId = java.util.UUID.randomUUID().toString();
        LOG.errorf(failure, "error %s on %s %s", errorId, context.request().method(), path);
        answer(context, Problem.of(ProblemType.INTERNAL_ERROR, "Unexpected error " + errorId
                + "; quote this id to the operators.", path), extraHeaders);
    }

    private void answer(RoutingContext context, Problem problem, Map<String, String> headers) {
        problems.write(context.response(), problem, headers);
    }

    /**
     * Lets a paused request's remaining body flow (or be discarded). An HTTP/2 request without a body has
     * already ended when it arrives, and resuming it then throws.
     */
    private static void resume(HttpServerRequest request) {
        if (!request.isEnded()) {
            request.resume();
        }
    }

    /**
     * Whether a body follows the head. HTTP/1.1 says so in Content-Length or Transfer-Encoding; an HTTP/2
     * request may say neither, and has a body exactly when its stream did not end with its headers.
     */
    private static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        if (length != null) {
            return !length.equals("0");
        }
        return request.getHeader("Transfer-Encoding") != null
                || (request.version() == HttpVersion.HTTP_2 && !request.isEnded());
    }

    private static boolean hasNoBody(HttpClientResponse answer) {
        return "0".equals(answer.getHeader("Content-Length"));
    }
}
