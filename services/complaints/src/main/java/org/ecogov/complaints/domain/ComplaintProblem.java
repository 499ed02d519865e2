package org.ecogov.complaints.domain;

import org.ecogov.runtime.problem.ProblemKind;
import org.ecogov.runtime.problem.ProblemType;

/**
 * The complaints service's own problem types, besides the runtime's generic ones ({@link ProblemType}): exactly those
 * of api-specs/complaints.yaml's {@code info.x-ecogov-problem-types} (ComplaintProblemTypesTest).
 */
public enum ComplaintProblem implements ProblemKind {

    COMPLAINT_NOT_FOUND("complaint-not-found", 404, "No such complaint"),
    TRACKING_CODE_NOT_FOUND("tracking-code-not-found", 404, "No complaint has this tracking code"),
    NO_LEAD_AGENCY("no-lead-agency", 422, "No agency leads this kind of matter at this place"),
    CHANNEL_NOT_ALLOWED("channel-not-allowed", 403, "The caller may not file on this channel"),
    INVALID_STATUS_TRANSITION("invalid-status-transition", 409, "The status change is not allowed"),
    REOPEN_LIMIT_REACHED("reopen-limit-reached", 409, "The complaint was reopened once already"),
    TRANSFER_PENDING("transfer-pending", 409, "A transfer of the complaint waits for its answer"),
    TRANSFER_NOT_FOUND("transfer-not-found", 404, "No such transfer of the complaint"),
    NOT_AN_IMAGE("not-an-image", 422, "The content is not a JPEG or PNG image"),
    PHOTO_LIMIT_REACHED("photo-limit-reached", 409, "The complaint has as many photos as it may have"),
    PHOTO_NOT_FOUND("photo-not-found", 404, "No such photo of the complaint");

    private final String slug;
    private final int status;
    private final String title;

    ComplaintProblem(String slug, int status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    @Override
    public String slug() {
        return slug;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }
}
