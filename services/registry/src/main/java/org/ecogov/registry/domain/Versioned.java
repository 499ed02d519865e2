package org.ecogov.registry.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

import java.time.Instant;

/**
 * The audit fields every versioned record carries. The version is the resource's ETag; it is
 * checked against If-Match under a row lock by the services, not by JPA optimistic locking, so a
 * client sees 412 with the current version rather than a lost update.
 */
@MappedSuperclass
public abstract class Versioned extends PanacheEntityBase {

    @Column(nullable = false)
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "updated_by", nullable = false)
    public String updatedBy;

    public void stampCreated(String actor, Instant at) {
        version = 1;
        createdAt = at;
        createdBy = actor;
        updatedAt = at;
        updatedBy = actor;
    }

    public void stampUpdated(String actor, Instant at) {
        version++;
        updatedAt = at;
        updatedBy = actor;
    }
}
