package org.ecogov.complaints.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.ecogov.complaints.config.ComplaintsConfig;
import org.ecogov.complaints.domain.Complaint;
import org.ecogov.complaints.domain.ComplaintProblem;
import org.ecogov.complaints.domain.ComplaintStatus;
import org.ecogov.complaints.domain.Photo;
import org.ecogov.complaints.domain.PhotoContent;
import org.ecogov.complaints.domain.PhotoSummary;
import org.ecogov.complaints.domain.TrackingCodes;
import org.ecogov.complaints.repository.ComplaintRepository;
import org.ecogov.runtime.audit.AuditLog;
import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.security.Caller;
import org.ecogov.runtime.time.Clock;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Photos attached to a complaint by its tracking code: content already found to be a JPEG or PNG
 * ({@link PhotoContent}, in the resource, off the event loop), stored with its SHA-256; the same photo again is the
 * one already attached; at most {@code complaints.photos.max-per-complaint}; none once the complaint is closed or
 * rejected. The handlers read them as they read the complaint.
 */
@ApplicationScoped
public class Photos {

    /** A photo attached, and whether this request attached it (false: it was attached before). */
    public record Attached(Photo photo, boolean created) {
    }

    private final ComplaintRepository complaints;
    private final ComplaintService service;
    private final ComplaintsConfig config;
    private final AuditLog audit;
    private final Clock clock;

    public Photos(ComplaintRepository complaints, ComplaintService service, ComplaintsConfig config, AuditLog audit,
            Clock clock) {
        this.complaints = complaints;
        this.service = service;
        this.config = config;
        this.audit = audit;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Attached> attach(Caller caller, String trackingCode, byte[] content, PhotoContent.Inspected inspected) {
        String code = TrackingCodes.normalise(trackingCode);
        String sha256 = PhotoContent.sha256(content);
        // the complaint's row is locked so that two uploads at once cannot pass the limit together
        return complaints.find("trackingCode", code).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.of(ComplaintProblem.TRACKING_CODE_NOT_FOUND,
                        "No complaint has the tracking code " + code + "."))
                .chain(complaint -> Photo.<Photo>find("complaintId = ?1 and sha256 = ?2", complaint.id, sha256)
                        .firstResult()
                        .chain(existing -> existing != null
                                ? Uni.createFrom().item(new Attached(existing, false))
                                : add(caller, complaint, content, sha256, inspected)));
    }

    private Uni<Attached> add(Caller caller, Complaint complaint, byte[] content, String sha256,
            PhotoContent.Inspected inspected) {
        ComplaintStatus status = complaint.status();
        if (status == ComplaintStatus.CLOSED || status == ComplaintStatus.REJECTED) {
            throw ProblemException.of(ComplaintProblem.INVALID_STATUS_TRANSITION,
                    "This complaint is " + complaint.status + "; photos are taken while it is open.");
        }
        int max = config.photos().maxPerComplaint();
        return Photo.count("complaintId", complaint.id).chain(count -> {
            if (count >= max) {
                throw ProblemException.of(ComplaintProblem.PHOTO_LIMIT_REACHED,
                        "This complaint has " + count + " photos, as many as a complaint may have.");
            }
            Photo photo = new Photo();
            photo.complaintId = complaint.id;
            photo.sha256 = sha256;
            photo.mediaType = inspected.mediaType();
            photo.bytes = content.length;
            photo.width = inspected.width();
            photo.height = inspected.height();
            photo.content = content;
            photo.addedAt = clock.now();
            photo.addedBy = caller.actor();
            return photo.<Photo>persist()
                    .chain(saved -> audit.append(caller, new AuditLog.Change("photo-added", "complaint",
                            complaint.id.toString(), null, java.util.Map.of("photo", sha256, "mediaType",
                                    photo.mediaType, "bytes", photo.bytes), null)))
                    .replaceWith(new Attached(photo, true));
        });
    }

    /** The photos of a complaint the caller handles (404 otherwise), oldest first, without their bytes. */
    @WithSession
    public Uni<List<PhotoSummary>> list(Caller caller, UUID complaintId) {
        return service.get(caller, complaintId).chain(handled -> Photo.find("complaintId = ?1 order by addedAt, id",
                complaintId).project(PhotoSummary.class).list());
    }

    /** A photo to serve: {@code original} if the caller's agency owns the complaint, else to be stripped first. */
    public record ToServe(Photo photo, boolean original) {
    }

    /**
     * One photo with its bytes, of a complaint the caller handles (404 otherwise); the bytes as uploaded for the
     * owning agency only (DESIGN §4: stripped of their metadata before anyone but the handling agency sees them).
     */
    @WithSession
    public Uni<ToServe> one(Caller caller, UUID complaintId, String sha256) {
        return service.get(caller, complaintId)
                .chain(handled -> Photo.<Photo>find("complaintId = ?1 and sha256 = ?2", complaintId, sha256)
                        .<Photo>firstResult()
                        .map(photo -> photo == null ? null
                                : new ToServe(photo, handled.complaint().ownerAgency.equals(caller.agency()))))
                .onItem().ifNull().failWith(() -> ProblemException.of(ComplaintProblem.PHOTO_NOT_FOUND,
                        "Complaint " + complaintId + " has no photo " + sha256 + "."));
    }
}
