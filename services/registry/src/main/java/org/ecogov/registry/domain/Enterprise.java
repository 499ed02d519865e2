package org.ecogov.registry.domain;

import org.ecogov.runtime.persistence.Versioned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The golden record of one enterprise, keyed by its Unified Social Credit Code. */
@Entity
@Table(name = "enterprise")
public class Enterprise extends Versioned {

    @Id
    public String uscc;

    public String name;

    @Column(name = "legal_representative")
    public String legalRepresentative;

    @Column(name = "industry_code")
    public String industryCode;

    public String address;

    public double latitude;

    public double longitude;

    @Column(name = "division_code")
    public String divisionCode;

    public String park;

    @Column(name = "key_monitored")
    public boolean keyMonitored;

    public String status;

    @Column(name = "status_reason")
    public String statusReason;

    @Column(name = "status_changed_at")
    public Instant statusChangedAt;

    @Column(name = "uscc_check_overridden")
    public boolean usccCheckOverridden;

    public EnterpriseStatus status() {
        return EnterpriseStatus.of(status);
    }
}
