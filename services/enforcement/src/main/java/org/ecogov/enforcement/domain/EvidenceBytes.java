package org.ecogov.enforcement.domain;

import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The bytes of an {@link EvidenceFile}, apart from its record so that lists never read them. */
@Entity
@Table(name = "evidence_content")
public class EvidenceBytes extends PanacheEntityBase {

    @Id
    @Column(name = "evidence_id")
    public UUID evidenceId;

    public byte[] content;
}
