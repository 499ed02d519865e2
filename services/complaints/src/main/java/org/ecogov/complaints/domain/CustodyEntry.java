package org.ecogov.complaints.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One step of the custody ledger: an agency held the complaint from {@code fromAt} to {@code toAt} (null: still). */
@Entity
@Table(name = "custody")
public class CustodyEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "complaint_id")
    public UUID complaintId;

    @Column(name = "agency_code")
    public String agencyCode;

    @Column(name = "from_at")
    public Instant fromAt;

    @Column(name = "to_at")
    public Instant toAt;

    /** Why it came to this agency. */
    public String reason;
}
