package org.ecogov.registry.domain;

import java.time.Instant;

/** One version of an enterprise's history: the change that made it, and the enterprise as it then stood. */
public record EnterpriseHistoryEntry(long version, String action, Instant changedAt, String changedBy, String reason,
        EnterpriseState state) {
}
