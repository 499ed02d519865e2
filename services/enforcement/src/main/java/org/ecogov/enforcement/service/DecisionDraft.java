package org.ecogov.enforcement.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

import org.ecogov.enforcement.domain.DecisionKind;

/** A decision as an officer proposes it: its kind and the terms the kind takes. */
public record DecisionDraft(DecisionKind kind, String description, BigDecimal amount, LocalDate rectificationDeadline,
        UUID fineDecisionId) {
}
