package org.ecogov.emissions.domain;

import org.ecogov.runtime.problem.ProblemKind;
import org.ecogov.runtime.problem.ProblemType;

/**
 * The emissions service's own problem types, besides the runtime's generic ones ({@link ProblemType}): exactly those
 * of api-specs/emissions.yaml's {@code info.x-ecogov-problem-types} (EmissionsProblemTypesTest).
 */
public enum EmissionsProblem implements ProblemKind {

    OUTLET_NOT_FOUND("outlet-not-found", 404, "No such discharge outlet"),
    ENTERPRISE_NOT_FOUND("enterprise-not-found", 404, "No such enterprise"),
    BATCH_ID_REUSED("batch-id-reused", 409, "The batch id was used for another batch"),
    BATCH_REJECTED("batch-rejected", 422, "No row of the batch is valid"),
    ENTERPRISE_NOT_BOUND("enterprise-not-bound", 403, "The key's organisation is not bound to the enterprise"),
    EXCEEDANCE_NOT_FOUND("exceedance-not-found", 404, "No such exceedance"),
    REPORT_NOT_FOUND("report-not-found", 404, "No such report"),
    REPORT_EXISTS("report-exists", 409, "A report of that outlet, pollutant and period exists"),
    REPORT_NOT_IN_STATE("report-not-in-state", 409, "The report is not in a state that allows this");

    private final String slug;
    private final int status;
    private final String title;

    EmissionsProblem(String slug, int status, String title) {
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
