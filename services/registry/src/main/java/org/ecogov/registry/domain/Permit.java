package org.ecogov.registry.domain;

import org.ecogov.runtime.persistence.Versioned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A discharge permit of an enterprise covering some of its outlets for a validity period, issued by an agency; amended
 * and revoked, never deleted ({@link PermitState} is what its history and the audit log keep of it).
 */
@Entity
@Table(name = "permit")
public class Permit extends Versioned {

    @Id
    public String number;

    @Column(name = "enterprise_uscc")
    public String enterpriseUscc;

    @Column(name = "management_class")
    public String managementClass;

    @Column(name = "valid_from")
    public LocalDate validFrom;

    @Column(name = "valid_to")
    public LocalDate validTo;

    @Column(name = "issuing_agency")
    public String issuingAgency;

    /** {@value #ACTIVE} or {@value #REVOKED}; whether it is in force on a day follows from this and its validity. */
    public String status = ACTIVE;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "revocation_reason")
    public String revocationReason;

    @ManyToMany
    @JoinTable(name = "permit_outlet",
            joinColumns = @JoinColumn(name = "permit_number"),
            inverseJoinColumns = @JoinColumn(name = "outlet_id"))
    public Set<Outlet> outlets = new LinkedHashSet<>();

    public static final String ACTIVE = "active";
    public static final String REVOKED = "revoked";

    public boolean isRevoked() {
        return REVOKED.equals(status);
    }
}
