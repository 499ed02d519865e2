package org.ecogov.runtime.events;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.amqp.OutgoingAmqpMetadata;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes what the {@link Outbox} holds to the broker, oldest first, and marks each event sent once the broker
 * has accepted it (AMQP disposition {@code accepted}; the connector completes the send only then).
 * <p>
 * A round runs in one transaction that first takes a transaction-scoped advisory lock: with two or more replicas of
 * a service only one relays at a time, so events are published once and in the order they were appended, which
 * keeps each aggregate's events in the order of its changes. The other replicas find the lock taken and wait for
 * the next round; when the relaying replica dies, its connection and lock go with it.
 * <p>
 * When the broker does not accept an event in time (it is down, or refuses it), the round stops there: that event
 * and all after it stay unsent, with the error noted on it, and are tried again next round. Nothing is lost and
 * nothing overtakes. An event may reach the broker twice (it accepted, but the answer was lost): consumers are
 * idempotent by event id.
 * <p>
 * Rounds run every {@code ecogov.events.relay.interval} and at once when a commit appended events (PostgreSQL
 * NOTIFY, see {@link OutboxWakeUp}); a full batch is followed by the next one straight away.
 */
@ApplicationScoped
@IfBuildProperty(name = "ecogov.events.enabled", stringValue = "true")
public class OutboxRelay {

    /** The channel of {@code mp.messaging.outgoing.*} that carries every event this service publishes. */
    public static final String CHANNEL = "ecogov-events";

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Advisory-lock key of the relay ("outbox" in ASCII); each service has its own database, so its own lock. */
    static final long RELAY_LOCK = 0x6f7574626f78L;

    private final Pool pool;
    private final MutinyEmitter<String> emitter;
    private final EventsConfig config;
    private final Vertx vertx;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean requested = new AtomicBoolean();
    private volatile boolean stopped;
    private long timer = -1;

    public OutboxRelay(Pool pool, @Channel(CHANNEL) MutinyEmitter<String> emitter, EventsConfig config, Vertx vertx) {
        this.pool = pool;
        this.emitter = emitter;
        this.config = config;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent startup) {
        timer = vertx.setPeriodic(config.relay().interval().toMillis(), tick -> wake());
        wake();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Asks for a round; if one is running, another follows it, so no wake-up is lost. */
    public void wake() {
        requested.set(true);
        if (!stopped && running.compareAndSet(false, true)) {
            drain();
        }
    }

    private void drain() {
        requested.set(false);
        relayOnce().subscribe().with(
                published -> afterRound(published >= config.relay().batchSize()),
                failure -> {
                    LOG.warnf("outbox relay round failed: %s", failure.toString());
                    afterRound(false);
                });
    }

    private void afterRound(boolean more) {
        running.set(false);
        if ((more || requested.get()) && !stopped && running.compareAndSet(false, true)) {
            drain();
        }
    }

    /** One round: publishes up to a batch of unsent events in order; the number published. */
    Uni<Integer> relayOnce() {
        return pool.withTransaction(connection -> connection
                .query("select pg_try_advisory_xact_lock(" + RELAY_LOCK + ")").execute()
                .chain(locked -> locked.iterator().next().getBoolean(0)
                        ? publishBatch(connection)
                        : Uni.createFrom().item(0)));
    }

    private record Pending(long position, String eventId, String type, String envelope) {
    }

    private Uni<Integer> publishBatch(SqlConnection connection) {
        return connection.preparedQuery("""
                        select position, event_id::text, type, envelope from event_outbox
                        where sent_at is null order by position limit $1""")
                .execute(Tuple.of(config.relay().batchSize()))
                .chain(rows -> {
                    List<Pending> batch = new ArrayList<>();
                    for (Row row : rows) {
                        batch.add(new Pending(row.getLong(0), row.getString(1), row.getString(2), row.getString(3)));
                    }
                    return publishFrom(connection, batch, 0, new ArrayList<>());
                });
    }

    /** Publishes batch[index..] one after the other, stopping at the first the broker does not accept. */
    private Uni<Integer> publishFrom(SqlConnection connection, List<Pending> batch, int index, List<Long> sent) {
        if (index == batch.size()) {
            return markSent(connection, sent);
        }
        Pending event = batch.get(index);
        return publish(event)
                .chain(() -> {
                    sent.add(event.position());
                    return publishFrom(connection, batch, index + 1, sent);
                })
                .onFailure().recoverWithUni(failure -> markSent(connection, sent)
                        .call(() -> connection.preparedQuery(
                                        "update event_outbox set attempts = attempts + 1, last_error = $2 where position = $1")
                                .execute(Tuple.of(event.position(), String.valueOf(failure))))
                        .invoke(() -> LOG.warnf("event %s (%s) not accepted by the broker, %d waiting behind it: %s",
                                event.eventId(), event.type(), batch.size() - index - 1, failure)));
    }

    private Uni<Void> publish(Pending event) {
        OutgoingAmqpMetadata amqp = OutgoingAmqpMetadata.builder()
                .withMessageId(event.eventId())
                .withSubject(event.type())
                .withContentType(CloudEvents.CONTENT_TYPE)
                .withDurable(true)
                .build();
        Message<String> message = Message.of(event.envelope(), Metadata.of(amqp));
        // deferred: a channel that has failed for good refuses at once, by throwing
        return Uni.createFrom().deferred(() -> emitter.sendMessage(message))
                .ifNoItem().after(config.relay().publishTimeout())
                .failWith(() -> new IllegalStateException("the broker did not accept the event within "
                        + config.relay().publishTimeout()));
    }

    private static Uni<Integer> markSent(SqlConnection connection, List<Long> positions) {
        if (positions.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return connection.preparedQuery("update event_outbox set sent_at = clock_timestamp() where position = any($1)")
                .execute(Tuple.of(positions.toArray(Long[]::new)))
                .replaceWith(positions.size());
    }
}
