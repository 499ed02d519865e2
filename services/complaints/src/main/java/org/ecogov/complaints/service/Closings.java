package org.ecogov.complaints.service;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecogov.complaints.config.ComplaintsConfig;
import org.ecogov.complaints.domain.Complaint;
import org.ecogov.complaints.domain.ComplaintStatus;
import org.ecogov.complaints.domain.PublicUpdate;
import org.ecogov.complaints.events.ComplaintEvents;
import org.ecogov.complaints.repository.ComplaintRepository;
import org.ecogov.runtime.audit.AuditLog;
import org.ecogov.runtime.security.Caller;
import org.ecogov.runtime.time.Clock;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Closing a resolved complaint the complainant has not rated within {@code complaints.rating-period} of its
 * resolution (issue 11 "States": resolved → closed after the rating or after a rating period). Run by the scheduler
 * beside the escalations, and made safe the same way: candidates are read, then each is closed in its own
 * transaction that locks its row and goes on only if it is still at the version read, so replicas and restarts
 * close each complaint once.
 */
@ApplicationScoped
public class Closings {

    private static final Logger LOG = Logger.getLogger(Closings.class);
    /** Who the audit log names for what the closing pass does. */
    static final Caller SCHEDULER = new Caller("service:complaints-closing", "complaints-closing", "complaints-service",
            Set.of(), null, null, null);

    private final ComplaintRepository complaints;
    private final AuditLog audit;
    private final ComplaintEvents events;
    private final ComplaintsConfig config;
    private final Clock clock;

    public Closings(ComplaintRepository complaints, AuditLog audit, ComplaintEvents events, ComplaintsConfig config,
            Clock clock) {
        this.complaints = complaints;
        this.audit = audit;
        this.events = events;
        this.config = config;
        this.clock = clock;
    }

    /** One pass; answers how many complaints it closed. */
    public Uni<Integer> run() {
        Instant now = clock.now();
        Instant resolvedBefore = now.minus(config.ratingPeriod());
        return RowPasses.each(Panache.withSession(() -> complaints.find("status = ?1 and resolvedAt < ?2 order by resolvedAt, id",
                        ComplaintStatus.RESOLVED.value(), resolvedBefore).list()),
                candidate -> RowPasses.ifUnchanged(complaints, candidate, complaint -> apply(complaint, now)), LOG, "closed");
    }

    private Uni<Void> apply(Complaint complaint, Instant now) {
        Map<String, Object> before = complaint.state();
        long days = config.ratingPeriod().toDays();
        complaint.status = ComplaintStatus.CLOSED.value();
        complaint.closedAt = now;
        complaint.dueAt = null;
        complaint.stampUpdated(SCHEDULER.actor(), now);
        PublicUpdate update = new PublicUpdate();
        update.complaintId = complaint.id;
        update.at = now;
        update.text = "Closed: no rating came within " + days + " days of the resolution.";
        String reason = "the rating period of " + config.ratingPeriod() + " after the resolution ended without a rating";
        return update.persist()
                .chain(() -> audit.append(SCHEDULER, new AuditLog.Change("closed", "complaint", complaint.id.toString(),
                        before, complaint.state(), reason)))
                .chain(() -> events.changed("closed", complaint));
    }
}
