package org.ecogov.complaints.rest;

import jakarta.ws.rs.core.Response;

import org.ecogov.complaints.api.TrackingApi;
import org.ecogov.complaints.api.model.ComplaintFeedbackDto;
import org.ecogov.complaints.config.ComplaintsAccess;
import org.ecogov.complaints.mapping.ComplaintMapper;
import org.ecogov.complaints.service.ComplaintService;
import org.ecogov.complaints.service.ComplaintStates;
import org.ecogov.runtime.security.CallerProducer;
import org.ecogov.runtime.access.Access;
import org.ecogov.runtime.rest.Responses;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** What a complainant sees by the tracking code: status, owner, deadlines, public updates; never who filed. */
@Authenticated
public class TrackingResource implements TrackingApi {

    private final ComplaintService complaints;
    private final ComplaintStates states;
    private final CallerProducer callers;

    public TrackingResource(ComplaintService complaints, ComplaintStates states, CallerProducer callers) {
        this.complaints = complaints;
        this.states = states;
        this.callers = callers;
    }

    @Override
    @Access(ComplaintsAccess.TRACK)
    public Uni<Response> trackComplaint(String trackingCode) {
        return complaints.track(trackingCode)
                .map(tracked -> Responses.ok(ComplaintMapper.tracking(tracked.complaint(), tracked.updates())));
    }

    @Override
    @Access(ComplaintsAccess.FEEDBACK)
    public Uni<Response> giveComplaintFeedback(String trackingCode, ComplaintFeedbackDto body) {
        return callers.resolve()
                .chain(caller -> states.feedback(caller, trackingCode, body.getRating(), body.getReopen(), body.getComment()))
                .chain(complaint -> complaints.track(complaint.trackingCode))
                .map(tracked -> Responses.ok(ComplaintMapper.tracking(tracked.complaint(), tracked.updates())));
    }
}
