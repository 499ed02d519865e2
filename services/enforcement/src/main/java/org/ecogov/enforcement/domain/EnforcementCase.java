package org.ecogov.enforcement.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.ecogov.runtime.persistence.Versioned;

/** A case against an enterprise: its violations (JSON, {@link ViolationEntry}s) and, in the decision table, its decisions. */
@Entity
@Table(name = "enforcement_case")
public class EnforcementCase extends Versioned {

    public static final String OPEN = "open";
    public static final String CLOSED = "closed";

    @Id
    public UUID id;

    @Column(name = "enterprise_uscc")
    public String enterpriseUscc;

    @Column(name = "enterprise_name")
    public String enterpriseName;

    @Column(name = "division_code")
    public String divisionCode;

    @Column(name = "inspection_id")
    public UUID inspectionId;

    public String status;

    @Column(name = "closing_note")
    public String closingNote;

    public String violations;

    public boolean isOpen() {
        return OPEN.equals(status);
    }

    /** What the audit log fingerprints of the case. */
    public Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("id", id.toString());
        state.put("enterpriseUscc", enterpriseUscc);
        state.put("inspectionId", String.valueOf(inspectionId));
        state.put("status", status);
        state.put("violations", violations);
        state.put("version", version);
        return state;
    }
}
