package org.ecogov.registry.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import org.ecogov.runtime.persistence.Versioned;

import java.time.Instant;

/**
 * What every kept version of a record holds besides its key: the change that made it (what, when, by whom, why) and
 * the record right after it, in a stored form of the registry's own ({@code snapshot}). Never updated.
 */
@MappedSuperclass
public abstract class StoredVersion extends PanacheEntityBase {

    public String action;

    @Column(name = "changed_at")
    public Instant changedAt;

    @Column(name = "changed_by")
    public String changedBy;

    public String reason;

    public String snapshot;

    /** The change just stamped on {@code changed} (its last change's time and actor), why, and its snapshot. */
    protected void describe(String action, Versioned changed, String reason, String snapshot) {
        this.action = action;
        this.changedAt = changed.updatedAt;
        this.changedBy = changed.updatedBy;
        this.reason = reason;
        this.snapshot = snapshot;
    }
}
