package org.ecogov.registry.domain;

import java.time.Instant;

/**
 * An enterprise as it stood right after one change: what its history keeps ({@link EnterpriseVersion}), in the
 * registry's own terms, independent of the API model (which changes with the contract; old history must stay
 * readable whatever the contract becomes).
 */
public record EnterpriseState(String uscc, EnterpriseDetails details, String status, String statusReason,
        Instant statusChangedAt, boolean usccCheckOverridden, long version, Instant createdAt, String createdBy,
        Instant updatedAt, String updatedBy) {

    public static EnterpriseState of(Enterprise e) {
        return new EnterpriseState(e.uscc, EnterpriseDetails.of(e), e.status, e.statusReason, e.statusChangedAt,
                e.usccCheckOverridden, e.version, e.createdAt, e.createdBy, e.updatedAt, e.updatedBy);
    }
}
