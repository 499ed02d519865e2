package org.ecogov.runtime.events;

import java.util.regex.Pattern;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * The W3C trace context ({@code traceparent}, {@code tracestate}) of the HTTP request being handled, carried into
 * the events it causes through the CloudEvents distributed-tracing extension. A header that is not well-formed is
 * left out rather than passed on.
 */
public record TraceContext(String traceparent, String tracestate) {

    static final TraceContext NONE = new TraceContext(null, null);

    /** version 00: 2-hex version, 32-hex trace id, 16-hex parent id, 2-hex flags (W3C Trace Context §3.2). */
    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    /** list-members of printable ASCII, at most 512 characters as the specification advises. */
    private static final Pattern TRACESTATE = Pattern.compile("[\\x20-\\x7e]{1,512}");

    /** The trace context of the current request, or {@link #NONE} outside one. */
    static TraceContext ofCurrentRequest() {
        ManagedContext requestContext = Arc.container().requestContext();
        if (!requestContext.isActive()) {
            return NONE;
        }
        CurrentVertxRequest current = Arc.container().instance(CurrentVertxRequest.class).get();
        RoutingContext routing = current == null ? null : current.getCurrent();
        if (routing == null) {
            return NONE;
        }
        String parent = routing.request().getHeader("traceparent");
        if (parent == null || !TRACEPARENT.matcher(parent).matches()) {
            return NONE;
        }
        String state = routing.request().getHeader("tracestate");
        return new TraceContext(parent, state != null && TRACESTATE.matcher(state).matches() ? state : null);
    }
}
