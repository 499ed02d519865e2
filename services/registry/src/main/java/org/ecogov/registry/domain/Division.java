package org.ecogov.registry.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A node of the jurisdiction tree (GB/T 2260 administrative division). */
@Entity
@Table(name = "division")
public class Division extends PanacheEntityBase {

    @Id
    public String code;

    public String name;

    public String level;

    @Column(name = "parent_code")
    public String parentCode;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "created_by")
    public String createdBy;

    /** Province, city and county codes have 6 digits; townships 9; villages 12. */
    public static String levelOf(String code) {
        return switch (code.length()) {
            case 12 -> "village";
            case 9 -> "township";
            default -> code.endsWith("0000") ? "province" : code.endsWith("00") ? "city" : "county";
        };
    }

    /** What the audit log fingerprints of the division. */
    public java.util.Map<String, Object> state() {
        java.util.Map<String, Object> state = new java.util.LinkedHashMap<>();
        state.put("code", code);
        state.put("name", name);
        state.put("level", level);
        state.put("parentCode", parentCode);
        return state;
    }
}
