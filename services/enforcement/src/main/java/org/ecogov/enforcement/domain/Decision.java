package org.ecogov.enforcement.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.ecogov.runtime.persistence.Versioned;

/** A decision in a case, with its terms by kind, its approval, its service and its outcome. */
@Entity
@Table(name = "decision")
public class Decision extends Versioned {

    @Id
    public UUID id;

    @Column(name = "case_id")
    public UUID caseId;

    public String kind;

    public String status;

    public String description;

    public BigDecimal amount;

    @Column(name = "rectification_deadline")
    public LocalDate rectificationDeadline;

    @Column(name = "fine_decision_id")
    public UUID fineDecisionId;

    @Column(name = "rectification_order_id")
    public UUID rectificationOrderId;

    @Column(name = "follow_up_inspection_id")
    public UUID followUpInspectionId;

    @Column(name = "penalty_served_on")
    public LocalDate penaltyServedOn;

    @Column(name = "penalty_from")
    public LocalDate penaltyFrom;

    @Column(name = "penalty_to")
    public LocalDate penaltyTo;

    @Column(name = "penalty_days")
    public Integer penaltyDays;

    @Column(name = "penalty_per_day")
    public BigDecimal penaltyPerDay;

    @Column(name = "approved_at")
    public Instant approvedAt;

    @Column(name = "approved_by")
    public String approvedBy;

    @Column(name = "served_on")
    public LocalDate servedOn;

    @Column(name = "outcome_reason")
    public String outcomeReason;

    /** The ids of the case's violations the decision decides on, a JSON array (CaseService reads and writes it). */
    @Column(name = "violation_ids")
    public String violationIds = "[]";

    /** Whether the decision has been served (issued, and perhaps executed or closed since): its violations stand. */
    public boolean served() {
        return servedOn != null;
    }

    public DecisionKind kind() {
        return DecisionKind.of(kind);
    }

    public DecisionStatus status() {
        return DecisionStatus.of(status);
    }

    /** The penalty's arithmetic, for a daily continuing penalty; null for any other decision. */
    public DailyPenalty penalty() {
        if (penaltyDays == null) {
            return null;
        }
        return new DailyPenalty(penaltyServedOn, penaltyFrom, penaltyTo, penaltyDays, penaltyPerDay, amount);
    }

    public void recordPenalty(DailyPenalty penalty) {
        penaltyServedOn = penalty.servedOn();
        penaltyFrom = penalty.from();
        penaltyTo = penalty.to();
        penaltyDays = Math.toIntExact(penalty.days());
        penaltyPerDay = penalty.amountPerDay();
        amount = penalty.total();
    }

    /** What the audit log fingerprints of the decision. */
    public Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("id", id.toString());
        state.put("caseId", caseId.toString());
        state.put("kind", kind);
        state.put("status", status);
        state.put("amount", amount == null ? "none" : amount.toPlainString());
        state.put("rectificationDeadline", String.valueOf(rectificationDeadline));
        state.put("penalty", penaltyDays == null ? "none" : penalty().arithmetic());
        state.put("approvedBy", String.valueOf(approvedBy));
        state.put("servedOn", String.valueOf(servedOn));
        state.put("outcomeReason", String.valueOf(outcomeReason));
        state.put("violationIds", violationIds);
        state.put("version", version);
        return state;
    }
}
