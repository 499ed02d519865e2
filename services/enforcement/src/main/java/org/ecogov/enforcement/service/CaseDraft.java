package org.ecogov.enforcement.service;

import java.util.List;
import java.util.UUID;

import org.ecogov.enforcement.domain.ViolationEntry;

/** A case as an officer opens it: the enterprise, the inspection it comes from (if any), the violations. */
public record CaseDraft(String enterpriseUscc, UUID inspectionId, List<ViolationEntry> violations) {
}
