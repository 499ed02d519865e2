package org.ecogov.registry.domain;

import java.time.Instant;

/**
 * One version of a permit's history: the change that made it (recorded, amended, revoked), and the permit as it then
 * stood, its status that of the change's day.
 */
public record PermitHistoryEntry(long version, String action, Instant changedAt, String changedBy, String reason,
        PermitRecord permit) {
}
