package org.ecogov.enforcement.domain;

import org.ecogov.runtime.problem.ProblemKind;
import org.ecogov.runtime.problem.ProblemType;

/**
 * The enforcement service's own problem types, besides the runtime's generic ones ({@link ProblemType}): exactly
 * those of api-specs/enforcement.yaml's {@code info.x-ecogov-problem-types} (EnforcementProblemTypesTest).
 */
public enum EnforcementProblem implements ProblemKind {

    INSPECTION_NOT_FOUND("inspection-not-found", 404, "No such inspection"),
    ENTERPRISE_UNKNOWN("enterprise-unknown", 422, "The enterprise is not in the registry"),
    INSPECTION_REFERENCE_MISMATCH("inspection-reference-mismatch", 422, "The inspection's references do not fit its kind"),
    INSPECTION_CLOSED("inspection-closed", 409, "The inspection is completed and cannot change"),
    INVALID_INSPECTION_TRANSITION("invalid-inspection-transition", 409, "The inspection's status cannot change so");

    private final String slug;
    private final int status;
    private final String title;

    EnforcementProblem(String slug, int status, String title) {
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
