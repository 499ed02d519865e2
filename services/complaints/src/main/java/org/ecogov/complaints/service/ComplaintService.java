package org.ecogov.complaints.service;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecogov.complaints.client.LeadAgencies;
import org.ecogov.complaints.config.ComplaintsAccess;
import org.ecogov.complaints.domain.Complaint;
import org.ecogov.complaints.domain.ComplaintProblem;
import org.ecogov.complaints.domain.ComplaintStatus;
import org.ecogov.complaints.domain.CustodyEntry;
import org.ecogov.complaints.domain.PublicUpdate;
import org.ecogov.complaints.domain.TrackingCodes;
import org.ecogov.complaints.events.ComplaintEvents;
import org.ecogov.complaints.repository.ComplaintRepository;
import org.ecogov.runtime.audit.AuditLog;
import org.ecogov.runtime.identifiers.Uscc;
import org.ecogov.runtime.paging.Page;
import org.ecogov.runtime.paging.PageCursor;
import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.problem.ProblemType;
import org.ecogov.runtime.security.Caller;
import org.ecogov.runtime.time.Clock;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The rules of intake and of reading complaints: who may file on which channel, the first owner from the registry's
 * responsibility matrix, the acceptance clock, the tracking code; who sees which complaint (officials their
 * agency's and their jurisdiction's, else 404) and who sees the contact details (the owning agency only).
 */
@ApplicationScoped
public class ComplaintService {

    /** How far in the future an observation time may lie (clocks of phones differ). */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** How long after a hotline call was received it may still be entered with that time (the contract says 7 days). */
    public static final Duration RECEIVED_WITHIN = Duration.ofDays(7);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    /** A complaint with what its tracking code shows. */
    public record Tracked(Complaint complaint, List<PublicUpdate> updates) {
    }

    /** A complaint as its handler sees it; {@code withContact}: whether the caller may see the contact details. */
    public record Handled(Complaint complaint, boolean withContact) {
    }

    private final ComplaintRepository complaints;
    private final LeadAgencies leads;
    private final Deadlines deadlines;
    private final AuditLog audit;
    private final ComplaintEvents events;
    private final Clock clock;
    private final Matters matters;

    public ComplaintService(ComplaintRepository complaints, LeadAgencies leads, Deadlines deadlines, AuditLog audit,
            ComplaintEvents events, Clock clock, Matters matters) {
        this.matters = matters;
        this.complaints = complaints;
        this.leads = leads;
        this.deadlines = deadlines;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    // ---- intake ---------------------------------------------------------------------------------------------------

    /** Where a complaint goes: the division code it is placed at, and the agency that leads there. */
    public record Routed(String division, LeadAgencies.Lead lead) {
    }

    /**
     * Checks what the contract cannot and routes the complaint to its first owner. The registry is asked here, before
     * any transaction and before anything is written, so a registry that cannot be reached leaves nothing behind and
     * holds no database connection while it is waited for.
     */
    public Uni<Routed> route(Caller caller, Submission submission) {
        check(caller, submission);
        Uni<String> place = submission.divisionCode() != null
                ? Uni.createFrom().item(submission.divisionCode())
                : leads.divisionOf(submission.suspectedUscc(), "suspectedEnterprise");
        return place.chain(division -> leads.lead(submission.category(), division).map(lead -> new Routed(division, lead)));
    }

    /**
     * Files a routed complaint: the complaint, its first custody entry, its first public update, the audit entry and
     * the event in one transaction (the one Idempotency.once opens, when the request carries a key).
     */
    @WithTransaction
    public Uni<Complaint> file(Caller caller, Submission submission, Routed routed) {
        return file(caller, submission, routed.division(), routed.lead());
    }

    private void check(Caller caller, Submission submission) {
        if (!submission.hasPoint() && submission.divisionCode() == null) {
            throw ProblemException.field(ProblemType.VALIDATION_FAILED, "location",
                    "give a point, a division code or both");
        }
        if (submission.divisionCode() == null && submission.suspectedUscc() == null) {
            throw ProblemException.field(ProblemType.VALIDATION_FAILED, "location.divisionCode",
                    "a point alone cannot be routed yet: give the division code of the place or the suspected enterprise");
        }
        if (submission.suspectedUscc() != null && !Uscc.hasValidCheckCharacter(submission.suspectedUscc())) {
            throw ProblemException.field(ProblemType.VALIDATION_FAILED, "suspectedEnterprise",
                    "the check character should be " + Uscc.checkCharacter(submission.suspectedUscc().substring(0, 17)));
        }
        Instant now = clock.now();
        if (submission.observedAt() != null && submission.observedAt().isAfter(now.plus(CLOCK_SKEW))) {
            throw ProblemException.field(ProblemType.VALIDATION_FAILED, "observedAt", "must not be in the future");
        }
        String channel = submission.channel();
        Instant received = submission.receivedAt();
        if (received != null) {
            if (!"hotline".equals(channel)) {
                throw ProblemException.field(ProblemType.VALIDATION_FAILED, "receivedAt",
                        "only a call entered on the channel hotline gives the time it was received");
            }
            if (received.isAfter(now)) {
                throw ProblemException.field(ProblemType.VALIDATION_FAILED, "receivedAt", "must not be in the future");
            }
            if (received.isBefore(now.minus(RECEIVED_WITHIN))) {
                throw ProblemException.field(ProblemType.VALIDATION_FAILED, "receivedAt",
                        "a call is entered at most 7 days after it was received");
            }
            if (submission.observedAt() != null && submission.observedAt().isAfter(received.plus(CLOCK_SKEW))) {
                throw ProblemException.field(ProblemType.VALIDATION_FAILED, "observedAt",
                        "must not be after the call was received");
            }
        }
        if (caller.isThirdParty() && !"app".equals(channel)) {
            throw ProblemException.of(ComplaintProblem.CHANNEL_NOT_ALLOWED,
                    "A third-party app files on the channel app, not " + channel + ".");
        }
        if (!caller.isThirdParty() && "app".equals(channel)) {
            throw ProblemException.of(ComplaintProblem.CHANNEL_NOT_ALLOWED,
                    "The channel app is for third-party apps with an API key; the public files on web or mobile.");
        }
        if ("hotline".equals(channel) && ComplaintsAccess.HOTLINE_OPERATORS.stream().noneMatch(caller.roles()::contains)) {
            throw ProblemException.of(ComplaintProblem.CHANNEL_NOT_ALLOWED,
                    "Only the officials who take hotline calls file on the channel hotline.");
        }
    }

    private Uni<Complaint> file(Caller caller, Submission s, String division, LeadAgencies.Lead lead) {
        Instant entered = clock.now();
        // a hotline call entered afterwards counts from when it was received: its clocks, custody and first update
        Instant now = s.receivedAt() != null ? s.receivedAt() : entered;
        Complaint complaint = new Complaint();
        complaint.id = UUID.randomUUID();
        complaint.category = s.category();
        complaint.description = s.description();
        complaint.latitude = s.latitude();
        complaint.longitude = s.longitude();
        complaint.divisionCode = s.divisionCode();
        complaint.observedAt = s.observedAt();
        complaint.suspectedUscc = s.suspectedUscc();
        complaint.channel = s.channel();
        complaint.contactName = s.contactName();
        complaint.contactPhone = s.contactPhone();
        complaint.contactEmail = s.contactEmail();
        complaint.mediaUrl = s.mediaUrl();
        complaint.status = ComplaintStatus.SUBMITTED.value();
        complaint.ownerAgency = lead.agencyCode();
        complaint.ownerAgencyName = lead.agencyName();
        complaint.ownerSince = now;
        complaint.routedBy = lead.decidedAt();
        complaint.placeDivision = division;
        complaint.submittedAt = now;
        complaint.acceptBy = deadlines.acceptBy(now);
        complaint.dueAt = complaint.acceptBy;
        complaint.stampCreated(caller.actor(), entered);

        CustodyEntry custody = new CustodyEntry();
        custody.complaintId = complaint.id;
        custody.agencyCode = lead.agencyCode();
        custody.fromAt = now;
        custody.reason = "filed; the responsibility matrix names " + lead.agencyCode() + " for " + s.category()
                + " matters at " + lead.decidedAt();

        PublicUpdate received = new PublicUpdate();
        received.complaintId = complaint.id;
        received.at = now;
        received.text = "Received and passed to " + lead.agencyCode() + ", which must accept or reject it by "
                + DAY.format(Clock.agencyDay(complaint.acceptBy)) + ".";

        return uniqueTrackingCode(3)
                .invoke(code -> complaint.trackingCode = code)
                .chain(code -> matters.place(complaint, entered))
                .chain(matter -> complaints.persist(complaint))
                .chain(saved -> custody.persist())
                .chain(saved -> received.persist())
                .chain(saved -> audit.append(caller, new AuditLog.Change("submitted", "complaint",
                        complaint.id.toString(), null, complaint.state(), null)))
                .chain(entry -> events.submitted(complaint))
                .replaceWith(complaint);
    }

    /** A fresh code: 50 random bits make a clash all but impossible, but a taken code is never handed out twice. */
    private Uni<String> uniqueTrackingCode(int attempts) {
        String code = TrackingCodes.next();
        return complaints.trackingCodeTaken(code).chain(taken -> {
            if (!taken) {
                return Uni.createFrom().item(code);
            }
            if (attempts <= 1) {
                return Uni.createFrom().failure(new IllegalStateException("no free tracking code after repeated draws"));
            }
            return uniqueTrackingCode(attempts - 1);
        });
    }

    // ---- reading --------------------------------------------------------------------------------------------------

    /** What the tracking code shows; any code that is not a complaint's is 404. */
    @WithSession
    public Uni<Tracked> track(String trackingCode) {
        String code = TrackingCodes.normalise(trackingCode);
        return complaints.findByTrackingCode(code)
                .onItem().ifNull().failWith(() -> ProblemException.of(ComplaintProblem.TRACKING_CODE_NOT_FOUND,
                        "No complaint has the tracking code " + code + "."))
                .chain(complaint -> complaints.publicUpdates(complaint.id).map(updates -> new Tracked(complaint, updates)));
    }

    /** One complaint, if the caller handles it; 404 otherwise (existence does not leak). */
    @WithSession
    public Uni<Handled> get(Caller caller, UUID id) {
        return complaints.findById(id)
                .map(complaint -> complaint == null || !handles(caller, complaint) ? null : complaint)
                .onItem().ifNull().failWith(() -> ProblemException.of(ComplaintProblem.COMPLAINT_NOT_FOUND,
                        "No complaint " + id + "."))
                .map(complaint -> new Handled(complaint, seesContact(caller, complaint)));
    }

    /** The complaints the caller handles, soonest deadline first. */
    @WithSession
    public Uni<Page<Handled>> list(Caller caller, String owner, String status, boolean open, boolean overdue,
            String under, String suspectedUscc, String cursor, int limit) {
        checkUscc(suspectedUscc);
        ComplaintRepository.After after = cursor == null ? null : after(cursor);
        ComplaintRepository.Visible visible = caller.isPlatformAdmin() ? ComplaintRepository.Visible.ALL
                : new ComplaintRepository.Visible(caller.agency() == null ? "" : caller.agency(),
                        caller.jurisdiction());
        ComplaintRepository.Duties duties = new ComplaintRepository.Duties(open, overdue, under, suspectedUscc,
                clock.now());
        return complaints.list(visible, owner, status, duties, after, limit + 1)
                .map(rows -> Page.of(rows, limit, ComplaintService::cursorKey)
                        .map(complaint -> new Handled(complaint, seesContact(caller, complaint))));
    }

    /** The disclosed view's page: every complaint, newest first (what it shows is the mapper's business). */
    @WithSession
    public Uni<Page<Complaint>> disclosed(String category, String under, String suspectedUscc, String cursor,
            int limit) {
        checkUscc(suspectedUscc);
        Instant afterSubmitted = null;
        UUID afterId = null;
        if (cursor != null) {
            String key = PageCursor.decode(cursor, k -> k.matches("[0-9]{1,19}_[0-9a-f-]{36}"));
            String[] parts = key.split("_", 2);
            afterSubmitted = Instant.EPOCH.plusNanos(Long.parseLong(parts[0]) * 1_000L);
            afterId = UUID.fromString(parts[1]);
        }
        return complaints.disclosed(category, under, suspectedUscc, afterSubmitted, afterId, limit + 1)
                .map(rows -> Page.of(rows, limit, c -> (c.submittedAt.getEpochSecond() * 1_000_000L
                        + c.submittedAt.getNano() / 1_000) + "_" + c.id));
    }

    private static void checkUscc(String suspectedUscc) {
        if (suspectedUscc != null && !Uscc.hasValidCheckCharacter(suspectedUscc)) {
            throw ProblemException.field(ProblemType.VALIDATION_FAILED, "suspectedUscc",
                    "the check character should be " + Uscc.checkCharacter(suspectedUscc.substring(0, 17)));
        }
    }

    /** The custody ledger of a complaint the caller handles. */
    @WithSession
    public Uni<List<CustodyEntry>> custody(Caller caller, UUID id) {
        return get(caller, id).chain(handled -> complaints.custody(id));
    }

    /** Officials handle their agency's complaints and those placed in their jurisdiction; platform-admins all. */
    public static boolean handles(Caller caller, Complaint complaint) {
        return caller.isPlatformAdmin() || complaint.ownerAgency.equals(caller.agency())
                || (complaint.pendingTransferTo != null && complaint.pendingTransferTo.equals(caller.agency()))
                || caller.canSee(complaint.placeDivision);
    }

    /** The contact details go to the owning agency only (and platform-admins). */
    public static boolean seesContact(Caller caller, Complaint complaint) {
        return caller.isPlatformAdmin() || complaint.ownerAgency.equals(caller.agency());
    }

    private static String cursorKey(Complaint complaint) {
        return (complaint.dueAt == null ? "-" : Long.toString(complaint.dueAt.getEpochSecond() * 1_000_000L
                + complaint.dueAt.getNano() / 1_000)) + "_" + complaint.id;
    }

    private static ComplaintRepository.After after(String cursor) {
        String key = PageCursor.decode(cursor, k -> k.matches("(-|[0-9]{1,19})_[0-9a-f-]{36}"));
        String[] parts = key.split("_", 2);
        Instant due = parts[0].equals("-") ? null
                : Instant.EPOCH.plusNanos(Long.parseLong(parts[0]) * 1_000L);
        return new ComplaintRepository.After(due, UUID.fromString(parts[1]));
    }
}
