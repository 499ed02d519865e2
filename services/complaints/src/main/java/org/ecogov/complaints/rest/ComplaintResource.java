package org.ecogov.complaints.rest;

import java.util.UUID;

import jakarta.ws.rs.core.Response;

import org.ecogov.complaints.api.ComplaintsApi;
import org.ecogov.complaints.api.model.ComplaintPageDto;
import org.ecogov.complaints.api.model.ComplaintStatusDto;
import org.ecogov.complaints.api.model.ComplaintSubmissionDto;
import org.ecogov.complaints.config.ComplaintsAccess;
import org.ecogov.complaints.mapping.ComplaintMapper;
import org.ecogov.complaints.service.ComplaintService;
import org.ecogov.runtime.access.Access;
import org.ecogov.runtime.rest.Responses;
import org.ecogov.runtime.security.CallerProducer;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** Filing complaints, and the handlers' reads (config/ComplaintsAccess); the rules live in ComplaintService. */
@Authenticated
public class ComplaintResource implements ComplaintsApi {

    private final ComplaintService complaints;
    private final CallerProducer callers;

    public ComplaintResource(ComplaintService complaints, CallerProducer callers) {
        this.complaints = complaints;
        this.callers = callers;
    }

    @Override
    @Access(ComplaintsAccess.SUBMIT)
    public Uni<Response> submitComplaint(ComplaintSubmissionDto body) {
        return callers.resolve()
                .chain(caller -> complaints.submit(caller, ComplaintMapper.submission(body)))
                .map(filed -> Responses.created("/api/v1/complaint-tracking/" + filed.complaint().trackingCode,
                        ComplaintMapper.receipt(filed.complaint())));
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
    public Uni<Response> listComplaints(String owner, ComplaintStatusDto status, String cursor, Integer limit) {
        return callers.resolve()
                .chain(caller -> complaints.list(caller, owner, status == null ? null : status.toString(), cursor,
                        limit == null ? 20 : limit))
                .map(page -> Responses.ok(new ComplaintPageDto()
                        .items(page.map(h -> ComplaintMapper.handled(h.complaint(), h.withContact())).items())
                        .next(page.next())
                        .limit(page.limit())));
    }
}
