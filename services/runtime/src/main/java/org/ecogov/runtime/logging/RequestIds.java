package org.ecogov.runtime.logging;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Gives every request its correlation id, so that the lines it causes in the gateway and in each service can be
 * found together. The id is the request's {@value #HEADER} when it is a sane one (1 to 128 of
 * {@code A-Z a-z 0-9 . _ : -}, as api-specs/common/common.yaml defines it; the gateway always sends one), or else
 * a fresh UUID. It is
 * <ul>
 * <li>put in the logging MDC under {@value #MDC_KEY}, for {@code %X{requestId}} in the log format;</li>
 * <li>echoed on the response as {@value #HEADER}, on every answer including errors, which also puts it in the
 * access log ({@code %{o,X-Request-Id}});</li>
 * <li>set on the request itself, replacing what the client sent, so that what handles the request later (the
 * gateway forwarding it to a service) reads the id that was decided here.</li>
 * </ul>
 * The route runs before any other route that may answer. Quarkus keeps the MDC in the request's own Vert.x
 * context, so it follows the request across threads and ends with it.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";

    /** What the contract accepts; anything else (an attempt to forge log lines, say) is replaced. */
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_BODY_HANDLER + 1).handler(this::tag);
    }

    private void tag(RoutingContext context) {
        decide(context);
        context.next();
    }

    /**
     * Decides the request's id, once: also for an answer given before this route ran (a request refused by a failure
     * handler, say), which calls it itself.
     */
    public static String decide(RoutingContext context) {
        String decided = context.response().headers().get(HEADER);
        String id = decided != null ? decided : sane(context.request().getHeader(HEADER));
        MDC.put(MDC_KEY, id);
        context.request().headers().set(HEADER, id);
        context.response().putHeader(HEADER, id);
        return id;
    }

    /** The given id if the contract allows it, otherwise a fresh one. */
    static String sane(String given) {
        return given != null && SANE.matcher(given).matches() ? given : fresh();
    }

    /**
     * A random (version 4) UUID from the thread's own generator. A correlation id need not be unguessable,
     * and {@link UUID#randomUUID()}'s SecureRandom showed up in the gateway's profile on every request.
     */
    static String fresh() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
        return new UUID(most, least).toString();
    }
}
