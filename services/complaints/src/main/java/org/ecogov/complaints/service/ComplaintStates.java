package org.ecogov.complaints.service;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecogov.complaints.domain.Complaint;
import org.ecogov.complaints.domain.ComplaintProblem;
import org.ecogov.complaints.domain.ComplaintStatus;
import org.ecogov.complaints.domain.PublicUpdate;
import org.ecogov.complaints.domain.TrackingCodes;
import org.ecogov.complaints.events.ComplaintEvents;
import org.ecogov.complaints.repository.ComplaintRepository;
import org.ecogov.runtime.audit.AuditLog;
import org.ecogov.runtime.concurrency.EntityTags;
import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.problem.ProblemType;
import org.ecogov.runtime.security.Caller;
import org.ecogov.runtime.security.Roles;
import org.ecogov.runtime.time.Clock;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.LockModeType;

/**
 * A complaint's life after intake: the owner accepts or rejects it, works on it and resolves it; an agency-lead
 * extends its deadline; the complainant rates it, which closes it, or reopens it once, which returns it to its last
 * owner with a fresh clock. Each step is checked against the current status (409 otherwise), against the caller's
 * agency, and against {@code If-Match}, and is written with its audit entry, its public update and its event.
 */
@ApplicationScoped
public class ComplaintStates {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    /** A step the owner takes; the members a step needs are checked here (the contract cannot say which). */
    public record StatusChange(String status, String reason, String redirectTo, String findings, String publicNote) {
    }

    private final ComplaintRepository complaints;
    private final Deadlines deadlines;
    private final AuditLog audit;
    private final ComplaintEvents events;
    private final Clock clock;

    public ComplaintStates(ComplaintRepository complaints, Deadlines deadlines, AuditLog audit, ComplaintEvents events,
            Clock clock) {
        this.complaints = complaints;
        this.deadlines = deadlines;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Complaint> change(Caller caller, UUID id, String ifMatch, StatusChange change) {
        required(change);
        return owned(caller, id, ifMatch, Roles.AGENCY_OFFICER, Roles.AGENCY_LEAD).chain(complaint -> {
            Map<String, Object> before = complaint.state();
            ComplaintStatus from = complaint.status();
            ComplaintStatus to = ComplaintStatus.of(change.status());
            Instant now = clock.now();
            String update;
            switch (to) {
                case ACCEPTED -> {
                    allowed(from, to, ComplaintStatus.SUBMITTED);
                    complaint.resolveBy = deadlines.resolveBy(now);
                    complaint.dueAt = complaint.resolveBy;
                    update = "Accepted by " + complaint.ownerAgency + ", to be resolved by " + day(complaint.resolveBy) + ".";
                }
                case REJECTED -> {
                    allowed(from, to, ComplaintStatus.SUBMITTED);
                    complaint.reason = change.reason();
                    complaint.redirectTo = change.redirectTo();
                    complaint.dueAt = null;
                    update = "Not a matter for " + complaint.ownerAgency + ". Where to go instead: " + change.redirectTo();
                }
                case IN_PROGRESS -> {
                    allowed(from, to, ComplaintStatus.ACCEPTED);
                    update = complaint.ownerAgency + " is working on it.";
                }
                case RESOLVED -> {
                    allowed(from, to, ComplaintStatus.IN_PROGRESS);
                    complaint.findings = change.findings();
                    complaint.resolvedAt = now;
                    complaint.dueAt = null;
                    update = "Resolved by " + complaint.ownerAgency + ". Please rate the outcome.";
                }
                default -> throw new IllegalStateException("not a step the owner takes: " + to);
            }
            complaint.status = to.value();
            complaint.stampUpdated(caller.actor(), now);
            Uni<Complaint> recorded = record(caller, complaint, before, change.status(), change.reason(),
                    change.publicNote() == null ? update : update + " " + change.publicNote(), now);
            return to == ComplaintStatus.RESOLVED ? recorded.call(resolved -> answerTheMatter(caller, resolved, now))
                    : recorded;
        });
    }

    /**
     * The matter's answer goes to every complainant: the other open complaints of the resolved complaint's matter that
     * the same agency owns are resolved with the same findings, each with its own public update, audit entry and
     * event (a complaint of the matter another agency owns keeps its own course).
     */
    private Uni<Void> answerTheMatter(Caller caller, Complaint resolved, Instant now) {
        if (resolved.matterId == null) {
            return Uni.createFrom().voidItem();
        }
        return complaints.find("matterId = ?1 and id <> ?2 and ownerAgency = ?3"
                        + " and status in ('submitted', 'accepted', 'in-progress') order by submittedAt, id",
                        resolved.matterId, resolved.id, resolved.ownerAgency)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list()
                .chain(others -> io.smallrye.mutiny.Multi.createFrom().iterable(others)
                        .onItem().transformToUniAndConcatenate(other -> {
                            Map<String, Object> before = other.state();
                            other.status = ComplaintStatus.RESOLVED.value();
                            other.findings = resolved.findings;
                            other.resolvedAt = now;
                            other.dueAt = null;
                            other.stampUpdated(caller.actor(), now);
                            return record(caller, other, before, "resolved",
                                    "answered with the matter of complaint " + resolved.id,
                                    "Resolved by " + other.ownerAgency + " together with the other complaints about the"
                                            + " same matter. Please rate the outcome.", now);
                        })
                        .collect().asList())
                .replaceWithVoid();
    }

    /** An agency-lead of the owning agency moves the resolution deadline later, with a reason shown to the complainant. */
    @WithTransaction
    public Uni<Complaint> extend(Caller caller, UUID id, String ifMatch, int days, String reason) {
        return owned(caller, id, ifMatch, Roles.AGENCY_LEAD).chain(complaint -> {
            ComplaintStatus status = complaint.status();
            if (status != ComplaintStatus.ACCEPTED && status != ComplaintStatus.IN_PROGRESS) {
                throw ProblemException.of(ComplaintProblem.INVALID_STATUS_TRANSITION,
                        "Only an accepted complaint or one in progress has a resolution deadline to extend; this one is "
                                + status.value() + ".");
            }
            Map<String, Object> before = complaint.state();
            Instant now = clock.now();
            complaint.resolveBy = Deadlines.endOf(Clock.agencyDay(complaint.resolveBy).plusDays(days));
            complaint.dueAt = complaint.resolveBy;
            complaint.extendedDays += days;
            complaint.stampUpdated(caller.actor(), now);
            return record(caller, complaint, before, "extended", reason,
                    "The deadline was extended to " + day(complaint.resolveBy) + ": " + reason, now);
        });
    }

    /** The complainant's answer to a resolution: close with the rating, or reopen once to the last owner. */
    @WithTransaction
    public Uni<Complaint> feedback(Caller caller, String trackingCode, int rating, boolean reopen, String comment) {
        String code = TrackingCodes.normalise(trackingCode);
        return complaints.find("trackingCode", code).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.of(ComplaintProblem.TRACKING_CODE_NOT_FOUND,
                        "No complaint has the tracking code " + code + "."))
                .chain(complaint -> {
                    if (complaint.status() != ComplaintStatus.RESOLVED) {
                        throw ProblemException.of(ComplaintProblem.INVALID_STATUS_TRANSITION,
                                "Only a resolved complaint can be rated; this one is " + complaint.status + ".");
                    }
                    if (reopen && complaint.reopenCount >= 1) {
                        throw ProblemException.of(ComplaintProblem.REOPEN_LIMIT_REACHED,
                                "This complaint was reopened once already; it can only be closed now.");
                    }
                    Map<String, Object> before = complaint.state();
                    Instant now = clock.now();
                    complaint.rating = rating;
                    String update;
                    String action;
                    if (reopen) {
                        complaint.reopenCount++;
                        complaint.status = ComplaintStatus.IN_PROGRESS.value();
                        complaint.resolvedAt = null;
                        complaint.resolveBy = deadlines.resolveBy(now);
                        complaint.dueAt = complaint.resolveBy;
                        action = "reopened";
                        update = "Reopened by the complainant (rating " + rating + "); back with " + complaint.ownerAgency
                                + ", to be resolved by " + day(complaint.resolveBy) + ".";
                    } else {
                        complaint.status = ComplaintStatus.CLOSED.value();
                        complaint.closedAt = now;
                        complaint.dueAt = null;
                        action = "closed";
                        update = "Closed with the complainant's rating " + rating + ".";
                    }
                    complaint.stampUpdated(caller.isAnonymous() ? "anonymous" : caller.actor(), now);
                    return record(caller, complaint, before, action, comment, update, now);
                });
    }

    /** The complaint, locked, if the caller's agency owns it and they hold one of {@code roles}; 404 if out of their sight. */
    public Uni<Complaint> owned(Caller caller, UUID id, String ifMatch, String... roles) {
        return complaints.findById(id, LockModeType.PESSIMISTIC_WRITE)
                .map(complaint -> complaint == null || !ComplaintService.handles(caller, complaint) ? null : complaint)
                .onItem().ifNull().failWith(() -> ProblemException.of(ComplaintProblem.COMPLAINT_NOT_FOUND,
                        "No complaint " + id + "."))
                .invoke(complaint -> {
                    if (!caller.isPlatformAdmin()) {
                        if (!complaint.ownerAgency.equals(caller.agency())) {
                            throw ProblemException.of(ProblemType.FORBIDDEN, "Only the owning agency, "
                                    + complaint.ownerAgency + ", acts on this complaint.");
                        }
                        if (!caller.hasAnyRole(roles)) {
                            throw ProblemException.of(ProblemType.FORBIDDEN, "This step needs the role "
                                    + String.join(" or ", roles) + ".");
                        }
                    }
                    EntityTags.checkCurrent(ifMatch, complaint.version);
                });
    }

    private Uni<Complaint> record(Caller caller, Complaint complaint, Map<String, Object> before, String action,
            String reason, String publicText, Instant now) {
        PublicUpdate update = new PublicUpdate();
        update.complaintId = complaint.id;
        update.at = now;
        update.text = publicText.length() > 500 ? publicText.substring(0, 497) + "..." : publicText;
        return update.persist()
                .chain(saved -> audit.append(caller, new AuditLog.Change(action, "complaint", complaint.id.toString(),
                        before, complaint.state(), reason)))
                .chain(entry -> events.changed(action, complaint))
                .replaceWith(complaint);
    }

    private static void required(StatusChange change) {
        if ("rejected".equals(change.status())) {
            if (change.reason() == null) {
                throw ProblemException.field(ProblemType.VALIDATION_FAILED, "reason", "a rejection needs a reason");
            }
            if (change.redirectTo() == null) {
                throw ProblemException.field(ProblemType.VALIDATION_FAILED, "redirectTo",
                        "a rejection says where the complainant should go instead");
            }
        }
        if ("resolved".equals(change.status()) && change.findings() == null) {
            throw ProblemException.field(ProblemType.VALIDATION_FAILED, "findings", "a resolution states its findings");
        }
    }

    private static void allowed(ComplaintStatus from, ComplaintStatus to, ComplaintStatus only) {
        if (from != only) {
            throw ProblemException.of(ComplaintProblem.INVALID_STATUS_TRANSITION,
                    "A complaint becomes " + to.value() + " only from " + only.value() + "; this one is " + from.value() + ".");
        }
    }

    private static String day(Instant deadline) {
        return DAY.format(Clock.agencyDay(deadline));
    }
}
