package org.ecogov.registry.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** One cell of the responsibility matrix: for a matter type at a division, the lead agency. */
@Entity
@Table(name = "responsibility")
public class Responsibility extends PanacheEntityBase {

    @EmbeddedId
    public Key id;

    @Column(name = "agency_code")
    public String agencyCode;

    @Column(name = "assigned_at")
    public Instant assignedAt;

    @Column(name = "assigned_by")
    public String assignedBy;

    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "matter_type")
        public String matterType;

        @Column(name = "division_code")
        public String divisionCode;

        public Key() {
        }

        public Key(String matterType, String divisionCode) {
            this.matterType = matterType;
            this.divisionCode = divisionCode;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(k.matterType, matterType) && Objects.equals(k.divisionCode, divisionCode);
        }

        @Override
        public int hashCode() {
            return Objects.hash(matterType, divisionCode);
        }
    }

    /** What the audit log fingerprints of the matrix entry. */
    public java.util.Map<String, Object> state() {
        return java.util.Map.of("matterType", id.matterType, "divisionCode", id.divisionCode, "agencyCode", agencyCode,
                "assignedAt", assignedAt.toString(), "assignedBy", assignedBy);
    }
}
