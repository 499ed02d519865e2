package org.ecogov.complaints.rest;

import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.core.Response;

import org.ecogov.complaints.client.LeadAgencies;
import org.ecogov.complaints.api.ComplaintsApi;
import org.ecogov.complaints.api.model.ComplaintExtensionDto;
import org.ecogov.complaints.api.model.ComplaintTransferDto;
import org.ecogov.complaints.api.model.CustodyLedgerDto;
import org.ecogov.complaints.api.model.CustodyStepDto;
import org.ecogov.complaints.api.model.TransferAnswerDto;
import org.ecogov.complaints.api.model.TransferRequestDto;
import org.ecogov.complaints.api.model.TransferStatusDto;
import org.ecogov.complaints.api.model.ComplaintPageDto;
import org.ecogov.complaints.api.model.ComplaintStatusChangeDto;
import org.ecogov.complaints.api.model.ComplaintStatusDto;
import org.ecogov.complaints.api.model.ComplaintSubmissionDto;
import org.ecogov.complaints.config.ComplaintsAccess;
import org.ecogov.complaints.domain.PhotoMetadata;
import org.ecogov.complaints.mapping.ComplaintMapper;
import org.ecogov.complaints.service.ComplaintService;
import org.ecogov.complaints.service.ComplaintStates;
import org.ecogov.complaints.service.Submission;
import org.ecogov.complaints.service.Photos;
import org.ecogov.complaints.service.Transfers;
import org.ecogov.runtime.idempotency.Idempotency;
import org.ecogov.runtime.time.Clock;
import org.ecogov.runtime.access.Access;
import org.ecogov.runtime.rest.Responses;
import org.ecogov.runtime.security.CallerProducer;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/** Filing complaints, and the handlers' reads (config/ComplaintsAccess); the rules live in ComplaintService. */
@Authenticated
public class ComplaintResource implements ComplaintsApi {

    private final ComplaintService complaints;
    private final ComplaintStates states;
    private final Transfers transfers;
    private final Idempotency idempotency;
    private final CallerProducer callers;
    private final Photos photos;
    private final LeadAgencies agencies;
    private final Vertx vertx;

    public ComplaintResource(ComplaintService complaints, ComplaintStates states, Transfers transfers,
            Idempotency idempotency, CallerProducer callers, Photos photos, LeadAgencies agencies, Vertx vertx) {
        this.vertx = vertx;
        this.photos = photos;
        this.agencies = agencies;
        this.idempotency = idempotency;
        this.complaints = complaints;
        this.states = states;
        this.transfers = transfers;
        this.callers = callers;
    }

    @Override
    @Access(ComplaintsAccess.SUBMIT)
    @PermitAll // anonymous callers file too; ComplaintsAccess.admitSubmitter enforces the rule (a forged token is 401)
    public Uni<Response> submitComplaint(ComplaintSubmissionDto body, String idempotencyKey) {
        Submission submission = ComplaintMapper.submission(body);
        return callers.resolve()
                .map(ComplaintsAccess::admitSubmitter)
                .chain(caller -> complaints.route(caller, submission)
                        .chain(routed -> idempotency.once(caller, idempotencyKey, "submitComplaint", body,
                                () -> complaints.file(caller, submission, routed)
                                        .map(complaint -> Responses.created("/api/v1/complaint-tracking/"
                                                + complaint.trackingCode, ComplaintMapper.receipt(complaint))))));
    }

    @Override
    @Access(ComplaintsAccess.HANDLE)
    public Uni<Response> getComplaint(String complaintId) {
        return callers.resolve()
                .chain(caller -> complaints.get(caller, UUID.fromString(complaintId)))
                .map(handled -> Responses.ok(ComplaintMapper.handled(handled.complaint(), handled.withContact()),
                        handled.complaint().version));
    }

    @Override
    @Access(ComplaintsAccess.HANDLE)
    public Uni<Response> listComplaints(Boolean open, Boolean overdue, String under, String owner,
            ComplaintStatusDto status, String suspectedUscc, String cursor, Integer limit) {
        return callers.resolve()
                .chain(caller -> complaints.list(caller, owner, status == null ? null : status.toString(),
                        Boolean.TRUE.equals(open), Boolean.TRUE.equals(overdue), under, suspectedUscc, cursor,
                        limit == null ? 20 : limit))
                .map(page -> Responses.ok(new ComplaintPageDto()
                        .items(page.map(h -> ComplaintMapper.handled(h.complaint(), h.withContact())).items())
                        .next(page.next())
                        .limit(page.limit())));
    }

    @Override
    @Access(ComplaintsAccess.HANDLE)
    public Uni<Response> changeComplaintStatus(String complaintId, ComplaintStatusChangeDto body, String ifMatch) {
        return callers.resolve()
                .chain(caller -> states.change(caller, UUID.fromString(complaintId), ifMatch,
                        new ComplaintStates.StatusChange(body.getStatus().toString(), body.getReason(),
                                body.getRedirectTo(), body.getFindings(), body.getPublicNote()))
                        .map(complaint -> Responses.ok(ComplaintMapper.handled(complaint,
                                ComplaintService.seesContact(caller, complaint)), complaint.version)));
    }

    @Override
    @Access(ComplaintsAccess.EXTEND)
    public Uni<Response> extendComplaint(String complaintId, ComplaintExtensionDto body, String ifMatch) {
        return callers.resolve()
                .chain(caller -> states.extend(caller, UUID.fromString(complaintId), ifMatch, body.getDays(),
                                body.getReason())
                        .map(complaint -> Responses.ok(ComplaintMapper.handled(complaint,
                                ComplaintService.seesContact(caller, complaint)), complaint.version)));
    }

    @Override
    @Access(ComplaintsAccess.HANDLE)
    public Uni<Response> requestTransfer(String complaintId, TransferRequestDto body, String ifMatch, String idempotencyKey) {
        // the receiver is checked in the registry first, outside the transaction the request is written in
        return callers.resolve()
                .call(caller -> agencies.existingAgency(body.getToAgency(), "toAgency"))
                .chain(caller -> idempotency.once(caller, idempotencyKey, "requestTransfer",
                        java.util.Map.of("complaintId", complaintId, "body", body),
                        () -> transfers.request(caller, UUID.fromString(complaintId), ifMatch, body.getToAgency(),
                                        body.getReason())
                                .map(t -> Responses.created("/api/v1/complaints/" + complaintId + "/transfers/" + t.id,
                                        new ComplaintTransferDto().id(t.id.toString()).complaintId(complaintId)
                                                .fromAgency(t.fromAgency).toAgency(t.toAgency).reason(t.reason)
                                                .status(TransferStatusDto.fromValue(t.status))
                                                .requestedAt(Clock.utc(t.requestedAt))))));
    }

    @Override
    @Access(ComplaintsAccess.HANDLE)
    public Uni<Response> answerTransfer(String complaintId, String transferId, TransferAnswerDto body) {
        return callers.resolve()
                .chain(caller -> transfers.answer(caller, UUID.fromString(complaintId), UUID.fromString(transferId),
                                body.getAccept(), body.getReason())
                        .map(complaint -> Responses.ok(ComplaintMapper.handled(complaint,
                                ComplaintService.seesContact(caller, complaint)), complaint.version)));
    }

    @Override
    @Access(ComplaintsAccess.HANDLE)
    public Uni<Response> getComplaintCustody(String complaintId) {
        return callers.resolve()
                .chain(caller -> complaints.custody(caller, UUID.fromString(complaintId)))
                .map(entries -> Responses.ok(new CustodyLedgerDto().items(entries.stream()
                        .map(e -> new CustodyStepDto().agencyCode(e.agencyCode).from(Clock.utc(e.fromAt))
                                .to(e.toAt == null ? null : Clock.utc(e.toAt)).reason(e.reason))
                        .toList())));
    }

    @Override
    @Access(ComplaintsAccess.HANDLE)
    public Uni<Response> listComplaintPhotos(String complaintId) {
        return callers.resolve()
                .chain(caller -> photos.list(caller, UUID.fromString(complaintId)))
                .map(list -> Responses.ok(new org.ecogov.complaints.api.model.PhotoListDto().items(list.stream()
                        .map(p -> ComplaintMapper.photo(p.sha256(), p.mediaType(), p.bytes(), p.width(), p.height(),
                                p.addedAt()))
                        .toList())));
    }

    @Override
    @Access(ComplaintsAccess.HANDLE)
    public Uni<Response> getComplaintPhoto(String complaintId, String sha256) {
        return callers.resolve()
                .chain(caller -> photos.one(caller, UUID.fromString(complaintId), sha256))
                .chain(served -> (served.original() ? Uni.createFrom().item(served.photo().content)
                                : stripped(served.photo().content, served.photo().mediaType))
                        .map(bytes -> Response.ok(bytes, served.photo().mediaType).build()));
    }

    /** Decoding and encoding again block: done on a worker, the answer comes back on the request's context. */
    private Uni<byte[]> stripped(byte[] content, String mediaType) {
        return Uni.createFrom().completionStage(() -> vertx.getOrCreateContext()
                .executeBlocking(() -> PhotoMetadata.stripped(content, mediaType), false).toCompletionStage());
    }
}
