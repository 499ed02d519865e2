package org.ecogov.complaints.rest;

import jakarta.ws.rs.core.Response;

import org.ecogov.complaints.api.TrackingApi;
import org.ecogov.complaints.config.ComplaintsAccess;
import org.ecogov.complaints.mapping.ComplaintMapper;
import org.ecogov.complaints.service.ComplaintService;
import org.ecogov.runtime.access.Access;
import org.ecogov.runtime.rest.Responses;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** What a complainant sees by the tracking code: status, owner, deadlines, public updates; never who filed. */
@Authenticated
public class TrackingResource implements TrackingApi {

    private final ComplaintService complaints;

    public TrackingResource(ComplaintService complaints) {
        this.complaints = complaints;
    }

    @Override
    @Access(ComplaintsAccess.TRACK)
    public Uni<Response> trackComplaint(String trackingCode) {
        return complaints.track(trackingCode)
                .map(tracked -> Responses.ok(ComplaintMapper.tracking(tracked.complaint(), tracked.updates())));
    }
}
