package org.ecogov.enforcement.service;

import java.time.LocalDate;
import java.util.List;

import org.ecogov.enforcement.domain.InspectionKind;

/** An inspection as an official asks for it: the kind with its reference, the enterprise, the inspectors. */
public record InspectionDraft(InspectionKind kind, String enterpriseUscc, List<String> inspectors, LocalDate scheduledFor,
        String complaintId, String exceedanceId, String decisionId) {
}
