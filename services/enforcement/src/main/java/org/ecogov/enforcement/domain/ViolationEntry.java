package org.ecogov.enforcement.domain;

import java.util.List;
import java.util.Objects;

/**
 * A violation of a case: its id (given by the service), the provision breached, what happened, the pollutant and
 * outlet where they apply, the evidence (finding codes of the case's inspections, evidence file ids).
 */
public record ViolationEntry(String id, String legalBasis, String description, String pollutantCode, String outletCode,
        List<String> evidence) {

    public ViolationEntry withId(String newId) {
        return new ViolationEntry(newId, legalBasis, description, pollutantCode, outletCode, evidence);
    }

    /** Whether the two say the same (their ids aside). */
    public boolean sameAs(ViolationEntry other) {
        return Objects.equals(legalBasis, other.legalBasis) && Objects.equals(description, other.description)
                && Objects.equals(pollutantCode, other.pollutantCode) && Objects.equals(outletCode, other.outletCode)
                && Objects.equals(evidence == null ? List.of() : evidence,
                        other.evidence == null ? List.of() : other.evidence);
    }
}
