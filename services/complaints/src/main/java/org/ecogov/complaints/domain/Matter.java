package org.ecogov.complaints.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A matter: the complaints of one category about one thing, near each other in place and time. Each complaint keeps
 * its own tracking code and owner; the matter counts how many complained and carries one answer to them all.
 */
@Entity
@Table(name = "matter")
public class Matter extends PanacheEntityBase {

    @Id
    public UUID id;

    public String category;

    /** How many complaints (complainants) the matter has. */
    public int complainants;

    @Column(name = "first_at")
    public Instant firstAt;

    @Column(name = "last_at")
    public Instant lastAt;
}
