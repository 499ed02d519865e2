package org.ecogov.registry.domain;

import org.ecogov.runtime.persistence.Versioned;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Set;

/** A discharge permit of an enterprise covering some of its outlets for a validity period. */
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

    @ManyToMany
    @JoinTable(name = "permit_outlet",
            joinColumns = @JoinColumn(name = "permit_number"),
            inverseJoinColumns = @JoinColumn(name = "outlet_id"))
    public Set<Outlet> outlets = new LinkedHashSet<>();

    public boolean overlaps(LocalDate from, LocalDate to) {
        return !validFrom.isAfter(to) && !from.isAfter(validTo);
    }

    /** What the audit log fingerprints of the permit. */
    public java.util.Map<String, Object> state() {
        return java.util.Map.of("number", number, "enterpriseUscc", enterpriseUscc, "managementClass", managementClass,
                "validFrom", validFrom.toString(), "validTo", validTo.toString(), "issuingAgency", issuingAgency,
                "outletCodes", outlets.stream().map(o -> o.code).sorted().toList(), "version", version);
    }
}
