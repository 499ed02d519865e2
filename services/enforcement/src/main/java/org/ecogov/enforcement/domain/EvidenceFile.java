package org.ecogov.enforcement.domain;

import java.time.Instant;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An evidence file of an inspection: a photo, a PDF or a party's signature, with its SHA-256, time and position;
 * its bytes are an {@link EvidenceBytes}. */
@Entity
@Table(name = "evidence_file")
public class EvidenceFile extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "inspection_id")
    public UUID inspectionId;

    public String kind;

    public String party;

    @Column(name = "content_type")
    public String contentType;

    public long size;

    public String sha256;

    @Column(name = "taken_at")
    public Instant takenAt;

    public Double latitude;

    public Double longitude;

    @Column(name = "received_at")
    public Instant receivedAt;

    @Column(name = "uploaded_by")
    public String uploadedBy;
}
