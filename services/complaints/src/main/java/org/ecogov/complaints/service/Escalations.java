package org.ecogov.complaints.service;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import org.ecogov.complaints.client.LeadAgencies;
import org.ecogov.complaints.config.ComplaintsConfig;
import org.ecogov.complaints.domain.Complaint;
import org.ecogov.complaints.domain.ComplaintStatus;
import org.ecogov.complaints.domain.PublicUpdate;
import org.ecogov.complaints.domain.Transfer;
import org.ecogov.complaints.events.ComplaintEvents;
import org.ecogov.complaints.repository.ComplaintRepository;
import org.ecogov.runtime.audit.AuditLog;
import org.ecogov.runtime.identifiers.DivisionCode;
import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.security.Caller;
import org.ecogov.runtime.time.Clock;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Automatic escalation (issue 11): a complaint transferred {@code complaints.escalation.after-transfers} times, or
 * whose running deadline has passed, goes to the lead agency of the parent jurisdiction: the registry's matrix is
 * asked for the category one division above the one that chose the current owner (and further up while that names
 * the same agency). The new owner gets a fresh clock; the ledger, the audit log, the public updates and an event say
 * why.
 * <p>
 * Exactly once, whatever runs it and how often: a pass reads the candidates, asks the registry outside any
 * transaction, then escalates each in a transaction of its own that locks the complaint's row and goes on only if
 * the row is still at the version the candidate was read at. A second pass running at the same time (another
 * replica, or the same one after a restart) either waits for the lock and then finds a newer version, or reads the
 * complaint after the escalation, when it is no longer due. Nothing is held in memory between passes.
 */
@ApplicationScoped
public class Escalations {

    private static final Logger LOG = Logger.getLogger(Escalations.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
    /** Who the audit log names for what the scheduler does. */
    static final Caller SCHEDULER = new Caller("service:complaints-escalation", "complaints-escalation",
            "complaints-service", Set.of(), null, null, null);

    private final ComplaintRepository complaints;
    private final LeadAgencies leads;
    private final Custody custody;
    private final Deadlines deadlines;
    private final AuditLog audit;
    private final ComplaintEvents events;
    private final ComplaintsConfig config;
    private final Clock clock;

    public Escalations(ComplaintRepository complaints, LeadAgencies leads, Custody custody, Deadlines deadlines,
            AuditLog audit, ComplaintEvents events, ComplaintsConfig config, Clock clock) {
        this.complaints = complaints;
        this.leads = leads;
        this.custody = custody;
        this.deadlines = deadlines;
        this.audit = audit;
        this.events = events;
        this.config = config;
        this.clock = clock;
    }

    /** One pass over every complaint that is due for escalation; answers how many this pass escalated. */
    public Uni<Integer> run() {
        Instant now = clock.now();
        return RowPasses.each(Panache.withSession(() -> complaints.dueForEscalation(now, config.escalation().afterTransfers())),
                candidate -> escalate(candidate, now), LOG, "escalated");
    }

    private Uni<Boolean> escalate(Complaint candidate, Instant now) {
        boolean overdue = candidate.dueAt != null && candidate.dueAt.isBefore(now);
        String why = overdue
                ? (candidate.status() == ComplaintStatus.SUBMITTED ? "the acceptance deadline " : "the resolution deadline ")
                        + DAY.format(Clock.agencyDay(candidate.dueAt)) + " passed with " + candidate.ownerAgency
                : "transferred " + candidate.transferCount + " times";
        return above(candidate.category, candidate.routedBy, candidate.ownerAgency).chain(target -> {
            if (target.isEmpty()) {
                LOG.warnf("complaint %s is due for escalation (%s) but no agency above %s leads on %s matters",
                        candidate.id, why, candidate.routedBy, candidate.category);
                return Uni.createFrom().item(false);
            }
            return RowPasses.ifUnchanged(complaints, candidate,
                    complaint -> apply(complaint, target.get(), overdue, why, now));
        });
    }

    private Uni<Void> apply(Complaint complaint, LeadAgencies.Lead target, boolean overdue, String why, Instant now) {
        Map<String, Object> before = complaint.state();
        String from = complaint.ownerAgency;
        complaint.routedBy = target.decidedAt();
        complaint.escalationCount++;
        if (!overdue) {
            complaint.transfersEscalated = true;
        }
        if (complaint.status() == ComplaintStatus.SUBMITTED) {
            complaint.acceptBy = deadlines.acceptBy(now);
            complaint.dueAt = complaint.acceptBy;
        } else {
            complaint.resolveBy = deadlines.resolveBy(now);
            complaint.dueAt = complaint.resolveBy;
        }
        String reason = "escalated from " + from + " to " + target.agencyCode() + " (lead at " + target.decidedAt()
                + "): " + why;
        Uni<Void> pending = Uni.createFrom().voidItem();
        if (complaint.pendingTransferTo != null) {
            complaint.pendingTransferTo = null;
            pending = Panache.getSession().chain(session -> session.createMutationQuery(
                            "update Transfer set status = :refused, answeredAt = :now, answeredBy = :by, answerReason = :why"
                                    + " where complaintId = :id and status = :pending")
                    .setParameter("refused", Transfer.REFUSED).setParameter("now", now)
                    .setParameter("by", SCHEDULER.actor()).setParameter("why", "the complaint escalated meanwhile")
                    .setParameter("id", complaint.id).setParameter("pending", Transfer.PENDING).executeUpdate())
                    .replaceWithVoid();
        }
        complaint.stampUpdated(SCHEDULER.actor(), now);
        PublicUpdate update = new PublicUpdate();
        update.complaintId = complaint.id;
        update.at = now;
        update.text = "Escalated to " + target.agencyCode() + " because " + why + ".";
        return pending
                .chain(() -> custody.handOver(complaint, target.agencyCode(), target.agencyName(), now, reason))
                .chain(() -> update.persist())
                .chain(() -> audit.append(SCHEDULER, new AuditLog.Change("escalated", "complaint",
                        complaint.id.toString(), before, complaint.state(), reason.length() > 500 ? reason.substring(0, 500) : reason)))
                .chain(() -> events.changed("escalated", complaint));
    }

    /**
     * The lead agency one level above {@code division} for the category, skipping levels where the matrix names the
     * agency that owns the complaint already; empty at the top or when no level names anyone else.
     */
    Uni<Optional<LeadAgencies.Lead>> above(String category, String division, String owner) {
        Optional<String> parent = DivisionCode.parentOf(division);
        if (parent.isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return leads.lead(category, parent.get())
                .map(Optional::of)
                .onFailure(ProblemException.class).recoverWithUni(failure ->
                        ((ProblemException) failure).status() == 422 ? Uni.createFrom().item(Optional.<LeadAgencies.Lead>empty())
                                : Uni.createFrom().failure(failure))
                .chain(found -> found.isPresent() && found.get().agencyCode().equals(owner)
                        ? above(category, found.get().decidedAt(), owner)
                        : Uni.createFrom().item(found));
    }

    static List<UUID> ids(List<Complaint> complaints) {
        return complaints.stream().map(c -> c.id).toList();
    }
}
