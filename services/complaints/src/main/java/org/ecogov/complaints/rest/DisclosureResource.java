package org.ecogov.complaints.rest;

import jakarta.ws.rs.core.Response;

import org.ecogov.complaints.api.DisclosureApi;
import org.ecogov.complaints.api.model.DisclosedComplaintPageDto;
import org.ecogov.complaints.api.model.MatterTypeDto;
import org.ecogov.complaints.config.ComplaintsAccess;
import org.ecogov.complaints.mapping.ComplaintMapper;
import org.ecogov.complaints.service.ComplaintService;
import org.ecogov.runtime.access.Access;
import org.ecogov.runtime.rest.Responses;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** The complaints as the public may know them (issue 11, "Access": the complaints:read view), served by the service itself. */
@Authenticated
public class DisclosureResource implements DisclosureApi {

    private final ComplaintService complaints;

    public DisclosureResource(ComplaintService complaints) {
        this.complaints = complaints;
    }

    @Override
    @Access(ComplaintsAccess.DISCLOSED)
    public Uni<Response> listDisclosedComplaints(MatterTypeDto category, String under, String suspectedUscc,
            String cursor, Integer limit) {
        return complaints.disclosed(category == null ? null : category.toString(), under, suspectedUscc, cursor,
                        limit == null ? 20 : limit)
                .map(page -> Responses.ok(new DisclosedComplaintPageDto()
                        .items(page.map(ComplaintMapper::disclosed).items())
                        .next(page.next())
                        .limit(page.limit())));
    }
}
