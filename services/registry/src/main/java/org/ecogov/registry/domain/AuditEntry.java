package org.ecogov.registry.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One link of the append-only, hash-chained audit log. Rows are inserted, never changed. */
@Entity
@Table(name = "audit_entry")
public class AuditEntry extends PanacheEntityBase {

    @Id
    public long sequence;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    @Column(name = "actor_subject")
    public String actorSubject;

    @Column(name = "actor_agency")
    public String actorAgency;

    @Column(name = "client_id")
    public String clientId;

    public String action;

    @Column(name = "entity_type")
    public String entityType;

    @Column(name = "entity_id")
    public String entityId;

    @Column(name = "before_digest")
    public String beforeDigest;

    @Column(name = "after_digest")
    public String afterDigest;

    public String reason;

    @Column(name = "previous_hash")
    public String previousHash;

    public String hash;
}
