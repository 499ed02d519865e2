package org.ecogov.emissions.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * One version of a self-monitoring report of an outlet, pollutant and period: a draft until submitted, then only
 * decided (accepted, or returned with reasons); corrected by the next version, never changed after submission.
 */
@Entity
@Table(name = "report")
public class Report extends PanacheEntityBase {

    public enum Status {
        draft, submitted, accepted, returned
    }

    @Id
    public UUID id;
    public String uscc;
    @Column(name = "outlet_code")
    public String outletCode;
    public String pollutant;
    @Column(name = "period_kind")
    public String periodKind;
    @Column(name = "period_start")
    public LocalDate periodStart;
    @Column(name = "period_end")
    public LocalDate periodEnd;
    public int version;
    /** The version this one corrects, null for the first. */
    public UUID corrects;
    public String status;
    public String unit;
    /** The measured values, as JSON: [{sampledAt, value, method, lab}]. */
    @Column(name = "measured_values")
    public String measuredValues;
    @Column(name = "due_at")
    public Instant dueAt;
    public boolean late;
    /** The row's revision while a draft: its ETag; each edit of the draft adds one. */
    public int revision;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "submitted_at")
    public Instant submittedAt;
    @Column(name = "decided_at")
    public Instant decidedAt;
    @Column(name = "decided_by")
    public String decidedBy;
    /** The reasons it was returned with, as a JSON array of strings. */
    @Column(name = "return_reasons")
    public String returnReasons;

    public boolean is(Status wanted) {
        return wanted.name().equals(status);
    }

    /** Never submitted (the first version still a draft) and past its due time at {@code now}. */
    public boolean overdue(Instant now) {
        return version == 1 && is(Status.draft) && !now.isBefore(dueAt);
    }
}
