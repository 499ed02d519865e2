package org.ecogov.enforcement.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.ecogov.enforcement.domain.DecisionKind;

/**
 * A decision as an officer proposes it: its kind, the terms the kind takes and the violations of the case it decides
 * on (null: all of them).
 */
public record DecisionDraft(DecisionKind kind, String description, BigDecimal amount, LocalDate rectificationDeadline,
        UUID fineDecisionId, List<String> violationIds) {
}
