package org.ecogov.registry.domain;

import java.time.LocalDate;

/**
 * Where a permit stands on a day. Revoked is a decision (final, and a revoked permit is in force on no day); the
 * others follow from the validity: not yet valid before its first day, in force from its first to its last day
 * (both inclusive), expired after. Days are the agencies' ({@code Clock.AGENCY_ZONE}).
 */
public enum PermitStatus {

    NOT_YET_VALID("not-yet-valid"),
    IN_FORCE("in-force"),
    EXPIRED("expired"),
    REVOKED("revoked");

    private final String value;

    PermitStatus(String value) {
        this.value = value;
    }

    /** As the contract and the events write it. */
    public String value() {
        return value;
    }

    public static PermitStatus on(LocalDate day, LocalDate validFrom, LocalDate validTo, boolean revoked) {
        if (revoked) {
            return REVOKED;
        }
        if (day.isBefore(validFrom)) {
            return NOT_YET_VALID;
        }
        return day.isAfter(validTo) ? EXPIRED : IN_FORCE;
    }
}
