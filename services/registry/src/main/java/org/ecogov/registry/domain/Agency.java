package org.ecogov.registry.domain;

import org.ecogov.runtime.persistence.Versioned;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A government agency taking part in the platform, with the division code it has authority over. */
@Entity
@Table(name = "agency")
public class Agency extends Versioned {

    @Id
    public String code;

    public String name;

    public String kind;

    public String jurisdiction;

    /** What the audit log fingerprints of the agency. */
    public java.util.Map<String, Object> state() {
        return java.util.Map.of("code", code, "name", name, "kind", kind, "jurisdiction", jurisdiction, "version", version);
    }
}
