package org.ecogov.complaints.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A transfer the owner asked for, with its reason, and the receiver's answer with theirs. */
@Entity
@Table(name = "transfer")
public class Transfer extends PanacheEntityBase {

    public static final String PENDING = "pending";
    public static final String ACCEPTED = "accepted";
    public static final String REFUSED = "refused";

    @Id
    public UUID id;

    @Column(name = "complaint_id")
    public UUID complaintId;

    @Column(name = "from_agency")
    public String fromAgency;

    @Column(name = "to_agency")
    public String toAgency;

    public String reason;

    @Column(name = "requested_at")
    public Instant requestedAt;

    @Column(name = "requested_by")
    public String requestedBy;

    public String status;

    @Column(name = "answered_at")
    public Instant answeredAt;

    @Column(name = "answered_by")
    public String answeredBy;

    @Column(name = "answer_reason")
    public String answerReason;
}
