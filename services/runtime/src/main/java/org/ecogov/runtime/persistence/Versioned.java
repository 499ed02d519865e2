package org.ecogov.runtime.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * The fields every versioned record carries: {@code version} (the resource's ETag) and who created and last
 * changed it, when. The table has the columns {@code version, created_at, created_by, updated_at, updated_by}.
 * The version is checked against {@code If-Match} under a row lock by the service
 * ({@link org.ecogov.runtime.concurrency.EntityTags#checkCurrent}), not by JPA optimistic locking, so a client
 * sees 412 with the current version rather than a lost update.
 * <p>
 * For services on Hibernate Reactive with Panache.
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
