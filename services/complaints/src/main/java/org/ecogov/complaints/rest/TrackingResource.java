package org.ecogov.complaints.rest;

import jakarta.annotation.security.PermitAll;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import jakarta.ws.rs.core.Response;

import org.ecogov.complaints.api.TrackingApi;
import org.ecogov.complaints.api.model.ComplaintFeedbackDto;
import org.ecogov.complaints.config.ComplaintsConfig;
import org.ecogov.complaints.domain.ComplaintProblem;
import org.ecogov.complaints.domain.PhotoContent;
import org.ecogov.complaints.service.Photos;
import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.problem.ProblemType;
import org.ecogov.complaints.config.ComplaintsAccess;
import org.ecogov.complaints.mapping.ComplaintMapper;
import org.ecogov.complaints.service.ComplaintService;
import org.ecogov.complaints.service.ComplaintStates;
import org.ecogov.runtime.security.CallerProducer;
import org.ecogov.runtime.access.Access;
import org.ecogov.runtime.rest.Responses;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/** What a complainant sees by the tracking code: status, owner, deadlines, public updates; never who filed. */
@Authenticated
public class TrackingResource implements TrackingApi {

    private final ComplaintService complaints;
    private final ComplaintStates states;
    private final CallerProducer callers;
    private final Photos photos;
    private final ComplaintsConfig config;
    private final Vertx vertx;

    public TrackingResource(ComplaintService complaints, ComplaintStates states, CallerProducer callers, Photos photos,
            ComplaintsConfig config, Vertx vertx) {
        this.complaints = complaints;
        this.states = states;
        this.callers = callers;
        this.photos = photos;
        this.config = config;
        this.vertx = vertx;
    }

    @Override
    @Access(ComplaintsAccess.TRACK)
    @PermitAll // the code is the secret: ComplaintsAccess.admitCodeHolder admits an anonymous caller (a forged token is 401)
    public Uni<Response> trackComplaint(String trackingCode) {
        return callers.resolve()
                .map(caller -> ComplaintsAccess.admitCodeHolder(ComplaintsAccess.TRACK, caller))
                .chain(caller -> complaints.track(trackingCode))
                .map(tracked -> Responses.ok(ComplaintMapper.tracking(tracked.complaint(), tracked.updates())));
    }

    @Override
    @Access(ComplaintsAccess.FEEDBACK)
    @PermitAll // as trackComplaint: an anonymous holder of the code rates as the anonymous public
    public Uni<Response> giveComplaintFeedback(String trackingCode, ComplaintFeedbackDto body) {
        return callers.resolve()
                .map(caller -> ComplaintsAccess.admitCodeHolder(ComplaintsAccess.FEEDBACK, caller))
                .chain(caller -> states.feedback(caller, trackingCode, body.getRating(), body.getReopen(), body.getComment()))
                .chain(complaint -> complaints.track(complaint.trackingCode))
                .map(tracked -> Responses.ok(ComplaintMapper.tracking(tracked.complaint(), tracked.updates())));
    }

    /** A photo read whole and found to be one. */
    private record Received(byte[] content, PhotoContent.Inspected inspected) {
    }

    @Override
    @Access(ComplaintsAccess.ATTACH_PHOTO)
    @PermitAll // as trackComplaint: an anonymous holder of the code adds photos as the anonymous public
    public Uni<Response> addComplaintPhoto(String trackingCode, File body) {
        // reading the file and decoding the image block: done on a worker, the answer comes back on the request's context
        Uni<Received> received = Uni.createFrom().completionStage(() -> vertx.getOrCreateContext()
                .executeBlocking(() -> receive(body), false).toCompletionStage());
        return callers.resolve()
                .map(caller -> ComplaintsAccess.admitCodeHolder(ComplaintsAccess.ATTACH_PHOTO, caller))
                .chain(caller -> received.chain(photo -> photos.attach(caller, trackingCode, photo.content(),
                        photo.inspected())))
                .map(attached -> {
                    var dto = ComplaintMapper.photo(attached.photo().sha256, attached.photo().mediaType,
                            attached.photo().bytes, attached.photo().width, attached.photo().height,
                            attached.photo().addedAt);
                    return attached.created()
                            ? Responses.created("/api/v1/complaints/" + attached.photo().complaintId + "/photos/"
                                    + attached.photo().sha256, dto)
                            : Responses.ok(dto);
                });
    }

    private Received receive(File body) {
        try {
            long size = Files.size(body.toPath());
            if (size > config.photos().maxBytes()) {
                throw ProblemException.of(ProblemType.BODY_TOO_LARGE,
                        "A photo is at most " + config.photos().maxBytes() + " bytes; this one is " + size + ".");
            }
            if (size == 0) {
                throw ProblemException.field(ProblemType.VALIDATION_FAILED, "body", "the photo is empty");
            }
            byte[] content = Files.readAllBytes(body.toPath());
            try {
                return new Received(content, PhotoContent.inspect(content));
            } catch (PhotoContent.NotAnImage e) {
                throw ProblemException.field(ComplaintProblem.NOT_AN_IMAGE, "body", e.getMessage());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
