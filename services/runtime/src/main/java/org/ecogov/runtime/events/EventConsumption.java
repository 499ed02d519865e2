package org.ecogov.runtime.events;

import java.util.concurrent.Executor;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Processes received events for a consumer, at least once in delivery and exactly once in effect:
 * <ul>
 * <li>the event id goes into {@code event_processed} in the same transaction as the handler's effect, so a
 * redelivered event (the consumer died before acknowledging it, or the relay published it twice) finds its id
 * there and changes nothing;</li>
 * <li>a handler that fails is retried with exponential backoff and jitter, up to
 * {@code ecogov.events.consumer.max-attempts} attempts in all. The attempts are counted in {@code event_attempt}
 * before each one runs ({@link EventAttempts}), so the count goes on across restarts of the consumer: an event
 * that kills the process is parked after its attempts, not retried forever;</li>
 * <li>then the event is parked in {@code event_dead_letter}, where a platform-admin can list and replay it
 * ({@link DeadLetters}), and acknowledged so that the events behind it go on;</li>
 * <li>a message that is not a CloudEvent at all is parked at once.</li>
 * </ul>
 * The message is acknowledged only once its effect or its dead letter is committed; if even that fails (the
 * database is down) it is rejected, and the broker delivers it again.
 * The consumer's incoming channel must set {@code cloud-events=false}: otherwise the AMQP connector unwraps the
 * envelope itself and hands over only its data, and the event id would be lost.
 * <pre>{@code
 * # mp.messaging.incoming.registry-events.connector=smallrye-amqp
 * # mp.messaging.incoming.registry-events.address=ecogov.events::emissions
 * # mp.messaging.incoming.registry-events.cloud-events=false
 * @Incoming("registry-events")
 * Uni<Void> receive(Message<String> message) {
 *     return consumption.process(message, limitsRefresh);
 * }
 * }</pre>
 */
@ApplicationScoped
@IfBuildProperty(name = "ecogov.events.enabled", stringValue = "true")
public class EventConsumption {

    private static final Logger LOG = Logger.getLogger(EventConsumption.class);

    private final ObjectMapper json;
    private final EventsConfig config;
    private final DeadLetters deadLetters;
    private final EventAttempts attempts;
    private final Vertx vertx;

    EventConsumption(ObjectMapper json, EventsConfig config, DeadLetters deadLetters, EventAttempts attempts,
            Vertx vertx) {
        this.json = json;
        this.config = config;
        this.deadLetters = deadLetters;
        this.attempts = attempts;
        this.vertx = vertx;
    }

    /** The attempts at an event are used up: the last one failed, or it never ended (the consumer died in it). */
    private static final class AttemptsUsedUp extends RuntimeException {
        final int attempts;

        AttemptsUsedUp(int attempts, String lastError) {
            super(lastError, null, false, false);
            this.attempts = attempts;
        }
    }

    /** Processes the message with the handler and settles it; the returned Uni completes when it is settled. */
    public Uni<Void> process(Message<?> message, EventHandler handler) {
        String payload = payloadOf(message.getPayload());
        ReceivedEvent event;
        try {
            event = CloudEvents.read(json, payload);
        } catch (CloudEvents.UnreadableEventException unreadable) {
            LOG.warnf("%s: unreadable message parked: %s", handler.consumer(), unreadable.getMessage());
            return settle(message, deadLetters.park(handler.consumer(), null, payload, 1, DeadLetters.describe(unreadable)));
        }
        Executor onContext = onVertxContext();
        int maxAttempts = config.consumer().maxAttempts();
        Uni<Void> processing = Uni.createFrom().deferred(() -> attempt(handler, event, maxAttempts, onContext))
                .runSubscriptionOn(onContext)
                .onFailure().invoke(failure -> LOG.debugf("%s: event %s failed: %s", handler.consumer(), event.id(), failure))
                .onFailure(failure -> !(failure instanceof AttemptsUsedUp)).retry()
                .withBackOff(config.consumer().initialBackoff(), config.consumer().maxBackoff())
                .withJitter(0.2)
                // only a bound: the attempts counted in the database decide when to stop
                .atMost(maxAttempts)
                .onFailure().recoverWithUni(failure -> {
                    AttemptsUsedUp usedUp = failure instanceof AttemptsUsedUp used
                            ? used : new AttemptsUsedUp(maxAttempts, DeadLetters.describe(failure));
                    LOG.warnf("%s: event %s (%s) parked after %d attempts: %s", handler.consumer(), event.id(),
                            event.type(), usedUp.attempts, usedUp.getMessage());
                    return deadLetters.park(handler.consumer(), event, payload, usedUp.attempts, usedUp.getMessage())
                            .runSubscriptionOn(onContext);
                });
        return settle(message, processing);
    }

    /**
     * One counted attempt. The count is committed before the handler runs; a count already past the maximum means
     * the last attempt never ended, the process died in it, and the event is not given to the handler again.
     */
    private Uni<Void> attempt(EventHandler handler, ReceivedEvent event, int maxAttempts, Executor onContext) {
        return attempts.begin(handler.consumer(), event.id())
                .emitOn(onContext)
                .chain(attempt -> {
                    if (attempt.number() > maxAttempts) {
                        return Uni.createFrom().failure(new AttemptsUsedUp(maxAttempts, "attempt " + maxAttempts
                                + " did not finish: the consumer stopped during it"
                                + (attempt.previousError() == null ? "" : "; an attempt before failed with "
                                        + attempt.previousError())));
                    }
                    return applyOnce(handler, event)
                            .onFailure().call(failure -> attempts
                                    .failed(handler.consumer(), event.id(), DeadLetters.describe(failure))
                                    .emitOn(onContext))
                            .onFailure().transform(failure -> attempt.number() >= maxAttempts
                                    ? new AttemptsUsedUp(attempt.number(), DeadLetters.describe(failure))
                                    : failure);
                });
    }

    /**
     * One attempt: records the id, applies the event and ends the count of its attempts in one transaction; an id
     * already recorded means it was processed before, and nothing is done.
     */
    static Uni<Void> applyOnce(EventHandler handler, ReceivedEvent event) {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery("""
                                insert into event_processed (consumer, event_id) values (:consumer, :id)
                                on conflict do nothing""")
                        .setParameter("consumer", handler.consumer())
                        .setParameter("id", event.id())
                        .executeUpdate())
                .chain(inserted -> inserted == 0
                        ? Uni.createFrom().voidItem()
                        : handler.handle(event))
                .chain(() -> Panache.getSession())
                .chain(session -> session.createNativeQuery(
                                "delete from event_attempt where consumer = :consumer and event_id = :id")
                        .setParameter("consumer", handler.consumer())
                        .setParameter("id", event.id())
                        .executeUpdate())
                .replaceWithVoid());
    }

    private static Uni<Void> settle(Message<?> message, Uni<Void> processing) {
        return processing
                .chain(() -> Uni.createFrom().completionStage(message.ack()))
                .onFailure().recoverWithUni(failure -> Uni.createFrom().completionStage(message.nack(failure)));
    }

    /**
     * Hibernate Reactive works on a Vert.x context; the retries' timers fire on worker threads, so every attempt is
     * moved back onto the message's own (duplicated) context, or a fresh one.
     */
    private Executor onVertxContext() {
        Context context = Vertx.currentContext();
        Context target = context != null && VertxContext.isDuplicatedContext(context)
                ? context
                : VertxContext.createNewDuplicatedContext(context != null ? context : vertx.getOrCreateContext());
        return task -> target.runOnContext(ignored -> task.run());
    }

    private static String payloadOf(Object payload) {
        if (payload instanceof byte[] bytes) {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
        return String.valueOf(payload);
    }
}
