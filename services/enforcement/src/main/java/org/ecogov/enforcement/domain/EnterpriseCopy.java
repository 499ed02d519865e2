package org.ecogov.enforcement.domain;

import java.time.Instant;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * What the service holds of one of the registry's enterprises: the facts an inspection needs. A copy, refreshed from
 * the registry (service/EnterpriseCopyRefresh); the registry stays the golden record.
 */
@Entity
@Table(name = "enterprise_copy")
public class EnterpriseCopy extends PanacheEntityBase {

    @Id
    public String uscc;

    public String name;

    @Column(name = "division_code")
    public String divisionCode;

    /** The registered location; null when the registry gave none. */
    public Double latitude;

    public Double longitude;

    @Column(name = "key_monitored")
    public boolean keyMonitored;

    public String status;

    @Column(name = "refreshed_at")
    public Instant refreshedAt;

    public boolean hasLocation() {
        return latitude != null && longitude != null;
    }
}
