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
    INVALID_INSPECTION_TRANSITION("invalid-inspection-transition", 409, "The inspection's status cannot change so"),
    CASE_NOT_FOUND("case-not-found", 404, "No such case"),
    DECISION_NOT_FOUND("decision-not-found", 404, "No such decision"),
    CASE_CLOSED("case-closed", 409, "The case is closed"),
    CASE_HAS_OPEN_DECISIONS("case-has-open-decisions", 409, "The case has decisions neither executed nor closed"),
    DECISION_NOT_APPROVED("decision-not-approved", 409, "The decision has not been approved by an agency lead"),
    INVALID_DECISION_TRANSITION("invalid-decision-transition", 409, "The decision's status cannot change so"),
    DECISION_TERMS_INVALID("decision-terms-invalid", 422, "The decision's terms do not fit its kind"),
    PLAN_NOT_FOUND("plan-not-found", 404, "No such inspection plan"),
    INVALID_PLAN_TRANSITION("invalid-plan-transition", 409, "The plan's status cannot change so"),
    PLAN_HAS_OPEN_INSPECTIONS("plan-has-open-inspections", 409, "The plan's drawn inspections are not all completed"),
    PLAN_POOL_EMPTY("plan-pool-empty", 422, "The plan's target pool holds no enterprise"),
    EVIDENCE_NOT_FOUND("evidence-not-found", 404, "No such evidence file"),
    EVIDENCE_CONTENT_REFUSED("evidence-content-refused", 422,
            "The file's content is not of the type declared, or not allowed for its kind"),
    EVIDENCE_UNKNOWN("evidence-unknown", 422,
            "The evidence named is no finding nor evidence file of the case's inspections"),
    VIOLATION_DECIDED("violation-decided", 409, "The violation is named by a decision that does not let it change"),
    EVIDENCE_REFERENCED("evidence-referenced", 409, "The evidence file is named by a violation of a case");

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
