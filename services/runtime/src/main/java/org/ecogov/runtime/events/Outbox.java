package org.ecogov.runtime.events;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Where a service's domain events are written: the {@code event_outbox} table of its own database, in the same
 * transaction as the change they describe, so that a change is never committed without its events nor an event
 * published for a change that was rolled back. The {@link OutboxRelay} publishes them after the commit.
 * <pre>{@code
 * @WithTransaction
 * public Uni<Enterprise> register(...) {
 *     return enterprise.persist()
 *             .call(saved -> outbox.append(new DomainEvent("org.ecogov.registry.enterprise.created.v1",
 *                     "enterprises/" + saved.uscc, data)));
 * }
 * }</pre>
 * The envelope is made here, at the change: its id, its time, and the trace context of the request that caused it.
 */
@ApplicationScoped
@IfBuildProperty(name = "ecogov.events.enabled", stringValue = "true")
public class Outbox {

    /** PostgreSQL delivers a NOTIFY on commit only, so the relay is woken exactly when there is something to read. */
    static final String CHANNEL = "event_outbox";

    private static final String APPEND = """
            with appended as (
                insert into event_outbox (event_id, type, subject, envelope) values (:id, :type, :subject, :envelope)
                returning position)
            select cast(pg_notify('%s', '') as text) from appended""".formatted(CHANNEL);

    /**
     * The same append in PostgreSQL's positional notation ({@code $1} event id, {@code $2} type, {@code $3} subject,
     * {@code $4} envelope), for an append made through another SQL client in the change's transaction (the audit
     * log's checkpoints, services/runtime's {@code AuditCheckpoints}); it answers one row.
     */
    public static final String APPEND_POSITIONAL = """
            with appended as (
                insert into event_outbox (event_id, type, subject, envelope) values ($1, $2, $3, $4)
                returning position)
            select cast(pg_notify('%s', '') as text) from appended""".formatted(CHANNEL);

    private final ObjectMapper json;
    private final EventsConfig config;

    public Outbox(ObjectMapper json, EventsConfig config) {
        this.json = json;
        this.config = config;
    }

    /**
     * Appends the event to the outbox in the current Hibernate Reactive transaction; call it from a
     * {@code @WithTransaction} method, in the chain of the change. Returns the event's id.
     */
    public Uni<UUID> append(DomainEvent event) {
        UUID id = UUID.randomUUID();
        String envelope;
        try {
            envelope = envelope(json, config.source(), event, id);
        } catch (IllegalStateException e) {
            return Uni.createFrom().failure(e);
        }
        return Panache.currentTransaction()
                .invoke(transaction -> {
                    if (transaction == null) {
                        // outside a transaction the event would be committed on its own, change or no change
                        throw new IllegalStateException("Outbox.append outside a transaction: " + event.type());
                    }
                })
                .chain(transaction -> Panache.getSession())
                .chain(session -> session.createNativeQuery(APPEND)
                        .setParameter("id", id)
                        .setParameter("type", event.type())
                        .setParameter("subject", event.subject())
                        .setParameter("envelope", envelope)
                        .getSingleResult())
                .replaceWith(id);
    }

    /** The CloudEvents JSON envelope of an event made now, with this id and the current request's trace context. */
    public static String envelope(ObjectMapper json, String source, DomainEvent event, UUID id) {
        try {
            return json.writeValueAsString(
                    CloudEvents.envelope(json, source, event, id, Instant.now(), TraceContext.ofCurrentRequest()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + event.type() + " not serialisable", e);
        }
    }
}
