package org.ecogov.registry.domain;

import org.ecogov.runtime.problem.ProblemKind;
import org.ecogov.runtime.problem.ProblemType;

/**
 * The registry's own problem types, besides the runtime's generic ones ({@link ProblemType}): exactly those of
 * api-specs/registry.yaml's {@code info.x-ecogov-problem-types} (RegistryProblemTypesTest).
 */
public enum RegistryProblem implements ProblemKind {

    INVALID_USCC_CHECK_CHARACTER("invalid-uscc-check-character", 400,
            "The Unified Social Credit Code has a wrong check character"),
    ENTERPRISE_NOT_FOUND("enterprise-not-found", 404, "No such enterprise"),
    OUTLET_NOT_FOUND("outlet-not-found", 404, "No such discharge outlet"),
    PERMIT_NOT_FOUND("permit-not-found", 404, "No such permit"),
    AGENCY_NOT_FOUND("agency-not-found", 404, "No such agency"),
    DIVISION_NOT_FOUND("division-not-found", 404, "No such administrative division"),
    LEAD_AGENCY_NOT_FOUND("lead-agency-not-found", 404, "No agency leads this matter in this jurisdiction"),
    ENTERPRISE_EXISTS("enterprise-exists", 409, "The enterprise already exists"),
    USCC_UNAVAILABLE("uscc-unavailable", 409, "The USCC cannot be registered by the caller"),
    OUTLET_EXISTS("outlet-exists", 409, "The discharge outlet already exists"),
    PERMIT_EXISTS("permit-exists", 409, "The permit already exists"),
    AGENCY_EXISTS("agency-exists", 409, "The agency already exists"),
    DIVISION_EXISTS("division-exists", 409, "The administrative division already exists"),
    INVALID_STATUS_TRANSITION("invalid-status-transition", 409, "The status change is not allowed"),
    PERMIT_OVERLAP("permit-overlap", 409, "The permit's validity overlaps another permit"),
    PERMIT_OUTLET_MISMATCH("permit-outlet-mismatch", 422, "The outlet does not belong to the permit's enterprise"),
    PERMIT_REVOKED("permit-revoked", 409, "The permit is revoked"),
    NOT_ISSUING_AGENCY("not-issuing-agency", 403, "Only the issuing agency records and changes its permits");

    private final String slug;
    private final int status;
    private final String title;

    RegistryProblem(String slug, int status, String title) {
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
