package org.ecogov.runtime.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * What one audit entry says: the who, when, what and why of one write. Everything here is covered by the
 * entry's hash.
 *
 * @param sequence position in the service's audit log, 1 for the first entry, without gaps
 * @param occurredAt when the write happened; kept to the microsecond (the precision PostgreSQL stores), so
 *        store {@code occurredAt()} of this record, not the instant you passed in
 * @param actorSubject the token subject of who did it
 * @param actorAgency the agency they acted for, if any
 * @param clientId the client or API key they called through
 * @param action what was done, e.g. {@code enterprise.update}
 * @param entityType the kind of thing changed, e.g. {@code enterprise}
 * @param entityId which one, e.g. its USCC
 * @param beforeDigest {@link Canonical#digest} of the state before; null for a create
 * @param afterDigest {@link Canonical#digest} of the state after; null for a delete
 * @param reason why, in the actor's words; may be null where the action needs none
 */
public record AuditFields(long sequence, Instant occurredAt, String actorSubject, String actorAgency,
        String clientId, String action, String entityType, String entityId, String beforeDigest,
        String afterDigest, String reason) {

    public AuditFields {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence numbers start at 1: " + sequence);
        }
        occurredAt = Objects.requireNonNull(occurredAt, "occurredAt").truncatedTo(ChronoUnit.MICROS);
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(entityType, "entityType");
    }
}
