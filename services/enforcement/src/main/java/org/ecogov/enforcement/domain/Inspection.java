package org.ecogov.enforcement.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import org.ecogov.runtime.persistence.Versioned;

/**
 * An inspection of an enterprise: why (its kind and the reference that goes with it), who (the inspectors assigned),
 * and what was recorded on site (time, position and its check against the registered location, checklist, findings).
 * Every change takes a number from the changes counter ({@code changeSeq}), which the inspectors' feed follows.
 */
@Entity
@Table(name = "inspection")
public class Inspection extends Versioned {

    @Id
    public UUID id;

    public String kind;

    @Column(name = "enterprise_uscc")
    public String enterpriseUscc;

    @Column(name = "enterprise_name")
    public String enterpriseName;

    @Column(name = "division_code")
    public String divisionCode;

    @Column(name = "scheduled_for")
    public LocalDate scheduledFor;

    @Column(name = "complaint_id")
    public String complaintId;

    @Column(name = "exceedance_id")
    public String exceedanceId;

    @Column(name = "decision_id")
    public String decisionId;

    @ElementCollection
    @CollectionTable(name = "inspection_inspector", joinColumns = @JoinColumn(name = "inspection_id"))
    @Column(name = "username")
    @OrderBy
    public Set<String> inspectors = new TreeSet<>();

    public String status;

    @Column(name = "arrived_at")
    public Instant arrivedAt;

    @Column(name = "left_at")
    public Instant leftAt;

    public Double latitude;

    public Double longitude;

    @Column(name = "distance_metres")
    public Long distanceMetres;

    @Column(name = "distance_warning")
    public Boolean distanceWarning;

    /** The distance the check was made against (the setting at the time of the record). */
    @Column(name = "distance_threshold_metres")
    public Integer distanceThresholdMetres;

    /** The checklist as answered ({@link ChecklistEntry}s), JSON. */
    public String checklist = "[]";

    /** The findings ({@link FindingEntry}s), JSON. */
    public String findings = "[]";

    /** What a follow-up inspection found of the violation its rectification order concerns. */
    @Column(name = "rectification_finding")
    public String rectificationFinding;

    /** Why the service cancelled the inspection (only when cancelled). */
    @Column(name = "cancellation_reason")
    public String cancellationReason;

    @Column(name = "change_seq")
    public long changeSeq;

    /** The random plan whose draw made the inspection, and the plan's agency (null for any other inspection). */
    @Column(name = "plan_id")
    public UUID planId;

    @Column(name = "plan_agency")
    public String planAgency;

    /**
     * A drawn inspection's random salt, part of what the audit log fingerprints (never shown): without it the digests
     * of a drawn inspection's state could be matched against the published pool and pairs before it starts.
     */
    @Column(name = "draw_salt")
    public String drawSalt;

    /**
     * Whether the inspection is a drawn one not started yet: then only the plan's owners and its inspectors see it
     * ("double random": the assignment stays with the plan's owners until the inspection starts).
     */
    public boolean hiddenDraw() {
        return planId != null && InspectionStatus.ASSIGNED.value().equals(status);
    }

    public InspectionKind kind() {
        return InspectionKind.of(kind);
    }

    public InspectionStatus status() {
        return InspectionStatus.of(status);
    }

    public boolean assignedTo(String username) {
        return username != null && inspectors.contains(username);
    }

    /** What the audit log fingerprints of the inspection. */
    public Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("id", id.toString());
        state.put("kind", kind);
        state.put("enterpriseUscc", enterpriseUscc);
        state.put("inspectors", String.join(",", inspectors));
        state.put("status", status);
        state.put("arrivedAt", String.valueOf(arrivedAt));
        state.put("leftAt", String.valueOf(leftAt));
        state.put("location", latitude == null ? "none" : latitude + "," + longitude);
        state.put("checklist", checklist);
        state.put("findings", findings);
        state.put("rectificationFinding", String.valueOf(rectificationFinding));
        if (cancellationReason != null) {
            state.put("cancellationReason", cancellationReason);
        }
        state.put("version", version);
        if (drawSalt != null) {
            state.put("drawSalt", drawSalt);
        }
        return state;
    }
}
