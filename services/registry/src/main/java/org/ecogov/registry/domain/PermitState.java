package org.ecogov.registry.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * A permit as it stood right after one change: what its history keeps ({@link PermitVersion}) and what the audit log
 * fingerprints, in the registry's own terms, independent of the API model. {@code revoked} is the decision; where the
 * permit stands on a given day is {@link #statusOn}.
 */
public record PermitState(String number, String enterpriseUscc, String managementClass, LocalDate validFrom,
        LocalDate validTo, String issuingAgency, List<String> outletCodes, boolean revoked, Instant revokedAt,
        String revocationReason, long version, Instant createdAt, String createdBy, Instant updatedAt,
        String updatedBy) {

    public PermitState {
        outletCodes = outletCodes.stream().sorted(Comparator.naturalOrder()).toList();
    }

    public static PermitState of(Permit p) {
        return new PermitState(p.number, p.enterpriseUscc, p.managementClass, p.validFrom, p.validTo, p.issuingAgency,
                p.outlets.stream().map(o -> o.code).toList(), p.isRevoked(), p.revokedAt, p.revocationReason, p.version,
                p.createdAt, p.createdBy, p.updatedAt, p.updatedBy);
    }

    public PermitStatus statusOn(LocalDate day) {
        return PermitStatus.on(day, validFrom, validTo, revoked);
    }
}
