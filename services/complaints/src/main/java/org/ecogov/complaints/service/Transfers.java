package org.ecogov.complaints.service;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.ecogov.complaints.domain.Complaint;
import org.ecogov.complaints.domain.ComplaintProblem;
import org.ecogov.complaints.domain.ComplaintStatus;
import org.ecogov.complaints.domain.PublicUpdate;
import org.ecogov.complaints.domain.Transfer;
import org.ecogov.complaints.events.ComplaintEvents;
import org.ecogov.complaints.repository.ComplaintRepository;
import org.ecogov.runtime.audit.AuditLog;
import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.problem.ProblemType;
import org.ecogov.runtime.security.Caller;
import org.ecogov.runtime.security.Roles;
import org.ecogov.runtime.time.Clock;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Passing a complaint to another agency: the owner asks, with a reason and a named receiver; the receiver accepts
 * or refuses, with a reason too. The complaint keeps its owner until the receiver accepts, so it has exactly one
 * owner at every moment; the custody ledger records the handover. Accepted transfers are counted: at
 * {@code complaints.escalation.after-transfers} the escalation scheduler moves the complaint up (Escalations).
 */
@ApplicationScoped
public class Transfers {

    private final ComplaintRepository complaints;
    private final ComplaintStates states;
    private final Custody custody;
    private final Deadlines deadlines;
    private final AuditLog audit;
    private final ComplaintEvents events;
    private final Clock clock;

    public Transfers(ComplaintRepository complaints, ComplaintStates states, Custody custody, Deadlines deadlines,
            AuditLog audit, ComplaintEvents events, Clock clock) {
        this.complaints = complaints;
        this.states = states;
        this.custody = custody;
        this.deadlines = deadlines;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Transfer> request(Caller caller, UUID id, String ifMatch, String toAgency, String reason) {
        return states.owned(caller, id, ifMatch, Roles.AGENCY_OFFICER, Roles.AGENCY_LEAD).chain(complaint -> {
            if (!complaint.status().open()) {
                throw ProblemException.of(ComplaintProblem.INVALID_STATUS_TRANSITION,
                        "A " + complaint.status + " complaint is not transferred.");
            }
            if (toAgency.equals(complaint.ownerAgency)) {
                throw ProblemException.field(ProblemType.VALIDATION_FAILED, "toAgency", "the complaint is already "
                        + toAgency + "'s");
            }
            if (complaint.pendingTransferTo != null) {
                throw ProblemException.of(ComplaintProblem.TRANSFER_PENDING, "A transfer to "
                        + complaint.pendingTransferTo + " waits for its answer.");
            }
            Map<String, Object> before = complaint.state();
            Instant now = clock.now();
            Transfer transfer = new Transfer();
            transfer.id = UUID.randomUUID();
            transfer.complaintId = complaint.id;
            transfer.fromAgency = complaint.ownerAgency;
            transfer.toAgency = toAgency;
            transfer.reason = reason;
            transfer.requestedAt = now;
            transfer.requestedBy = caller.actor();
            transfer.status = Transfer.PENDING;
            complaint.pendingTransferTo = toAgency;
            complaint.stampUpdated(caller.actor(), now);
            return transfer.persist()
                    .chain(saved -> audit.append(caller, new AuditLog.Change("transfer-requested", "complaint",
                            complaint.id.toString(), before, complaint.state(), reason)))
                    .replaceWith(transfer);
        });
    }

    /** The receiving agency's answer; accepted, the complaint is theirs from now on. */
    @WithTransaction
    public Uni<Complaint> answer(Caller caller, UUID id, UUID transferId, boolean accept, String reason) {
        return complaints.findById(id, LockModeType.PESSIMISTIC_WRITE)
                .map(complaint -> complaint == null || !ComplaintService.handles(caller, complaint) ? null : complaint)
                .onItem().ifNull().failWith(() -> ProblemException.of(ComplaintProblem.COMPLAINT_NOT_FOUND,
                        "No complaint " + id + "."))
                .chain(complaint -> Transfer.<Transfer>find("id = ?1 and complaintId = ?2", transferId, id).firstResult()
                        .onItem().ifNull().failWith(() -> ProblemException.of(ComplaintProblem.TRANSFER_NOT_FOUND,
                                "No transfer " + transferId + " of this complaint."))
                        .chain(transfer -> decide(caller, complaint, transfer, accept, reason)));
    }

    private Uni<Complaint> decide(Caller caller, Complaint complaint, Transfer transfer, boolean accept, String reason) {
        if (!caller.isPlatformAdmin()) {
            if (!transfer.toAgency.equals(caller.agency())) {
                throw ProblemException.of(ProblemType.FORBIDDEN, "Only the receiving agency, " + transfer.toAgency
                        + ", answers this transfer.");
            }
            if (!caller.hasAnyRole(Roles.AGENCY_OFFICER, Roles.AGENCY_LEAD)) {
                throw ProblemException.of(ProblemType.FORBIDDEN, "Answering a transfer needs the role agency-officer or agency-lead.");
            }
        }
        if (!Transfer.PENDING.equals(transfer.status)) {
            throw ProblemException.of(ComplaintProblem.INVALID_STATUS_TRANSITION, "The transfer was "
                    + transfer.status + " already.");
        }
        Map<String, Object> before = complaint.state();
        Instant now = clock.now();
        transfer.status = accept ? Transfer.ACCEPTED : Transfer.REFUSED;
        transfer.answeredAt = now;
        transfer.answeredBy = caller.actor();
        transfer.answerReason = reason;
        complaint.pendingTransferTo = null;
        complaint.stampUpdated(caller.actor(), now);
        if (!accept) {
            return audit.append(caller, new AuditLog.Change("transfer-refused", "complaint", complaint.id.toString(),
                    before, complaint.state(), reason)).replaceWith(complaint);
        }
        complaint.transferCount++;
        if (complaint.status() == ComplaintStatus.SUBMITTED) {
            // the receiver gets its own acceptance clock
            complaint.acceptBy = deadlines.acceptBy(now);
            complaint.dueAt = complaint.acceptBy;
        }
        String from = transfer.fromAgency;
        PublicUpdate update = new PublicUpdate();
        update.complaintId = complaint.id;
        update.at = now;
        update.text = "Passed from " + from + " to " + transfer.toAgency + ".";
        return custody.handOver(complaint, transfer.toAgency, null, now,
                        "transferred from " + from + ": " + transfer.reason + " (accepted: " + reason + ")")
                .chain(() -> update.persist())
                .chain(() -> audit.append(caller, new AuditLog.Change("transfer-accepted", "complaint",
                        complaint.id.toString(), before, complaint.state(), transfer.reason)))
                .chain(() -> events.changed("transferred", complaint))
                .replaceWith(complaint);
    }
}
