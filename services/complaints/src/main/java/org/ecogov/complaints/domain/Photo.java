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

/** A photo attached to a complaint: its bytes, named by their SHA-256, with the type found in them. */
@Entity
@Table(name = "photo")
public class Photo extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "complaint_id")
    public UUID complaintId;

    public String sha256;

    @Column(name = "media_type")
    public String mediaType;

    public int bytes;

    public int width;

    public int height;

    /** The bytes; lists never load them (they project PhotoSummary). */
    public byte[] content;

    @Column(name = "added_at")
    public Instant addedAt;

    @Column(name = "added_by")
    public String addedBy;
}
