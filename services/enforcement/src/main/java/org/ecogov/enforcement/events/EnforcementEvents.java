package org.ecogov.enforcement.events;

import java.util.LinkedHashMap;
import java.util.Map;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import org.ecogov.enforcement.domain.Decision;
import org.ecogov.enforcement.domain.EnforcementCase;
import org.ecogov.enforcement.domain.Inspection;
import org.ecogov.runtime.events.DomainEvent;
import org.ecogov.runtime.events.Outbox;

/**
 * The enforcement service's domain events, appended to the outbox in the transaction of the change (schemas in
 * api-specs/events/enforcement). The data is the event schema's own form, not the REST contract's: an inspection's
 * identity, enterprise, kind and reference, status and times, and its findings' count and whether any is a suspected
 * violation. Checklist answers and findings' texts stay in the service.
 */
@ApplicationScoped
public class EnforcementEvents {

    static final String PREFIX = "org.ecogov.enforcement.";
    public static final String INSPECTION_ASSIGNED = PREFIX + "inspection.assigned.v1";
    public static final String INSPECTION_RECORDED = PREFIX + "inspection.recorded.v1";
    public static final String CASE_CHANGED = PREFIX + "case.changed.v1";
    public static final String DECISION_CHANGED = PREFIX + "decision.changed.v1";
    public static final String PLAN_CHANGED = PREFIX + "plan.changed.v1";

    private final Outbox outbox;

    public EnforcementEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> inspectionAssigned(Inspection inspection) {
        return append(INSPECTION_ASSIGNED, inspection, 0, false);
    }

    public Uni<Void> inspectionRecorded(Inspection inspection, int findings, boolean suspectedViolation) {
        return append(INSPECTION_RECORDED, inspection, findings, suspectedViolation);
    }

    /**
     * A random plan was defined, drawn or closed: what its published draw shows at once, never the seed nor an
     * assignment ({@code targets}: the number of inspections drawn, from the draw on).
     */
    public Uni<Void> planChanged(org.ecogov.enforcement.domain.InspectionPlan plan, int targets) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", plan.id.toString());
        data.put("agency", plan.agency);
        data.put("jurisdiction", plan.jurisdiction);
        data.put("periodStart", plan.periodStart.toString());
        data.put("periodEnd", plan.periodEnd.toString());
        data.put("status", plan.status);
        if (plan.seedSha256 != null) {
            data.put("seedSha256", plan.seedSha256);
            data.put("targets", targets);
        }
        data.put("version", plan.version);
        return outbox.append(new DomainEvent(PLAN_CHANGED, "inspection-plans/" + plan.id, data)).replaceWithVoid();
    }

    /** A case was opened, its violations changed, or it was closed. */
    public Uni<Void> caseChanged(EnforcementCase c, int violations) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", c.id.toString());
        data.put("enterpriseUscc", c.enterpriseUscc);
        data.put("divisionCode", c.divisionCode);
        if (c.inspectionId != null) {
            data.put("inspectionId", c.inspectionId.toString());
        }
        data.put("status", c.status);
        data.put("violations", violations);
        data.put("version", c.version);
        return outbox.append(new DomainEvent(CASE_CHANGED, "cases/" + c.id, data)).replaceWithVoid();
    }

    /** A decision was proposed, approved, issued, executed or closed. */
    public Uni<Void> decisionChanged(Decision d, EnforcementCase c) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", d.id.toString());
        data.put("caseId", d.caseId.toString());
        data.put("enterpriseUscc", c.enterpriseUscc);
        data.put("divisionCode", c.divisionCode);
        data.put("kind", d.kind);
        data.put("status", d.status);
        if (d.amount != null) {
            data.put("amount", d.amount.toPlainString());
        }
        if (d.rectificationDeadline != null) {
            data.put("rectificationDeadline", d.rectificationDeadline.toString());
        }
        if (d.servedOn != null) {
            data.put("servedOn", d.servedOn.toString());
        }
        if (d.rectificationOrderId != null) {
            data.put("rectificationOrderId", d.rectificationOrderId.toString());
        }
        data.put("version", d.version);
        return outbox.append(new DomainEvent(DECISION_CHANGED, "decisions/" + d.id, data)).replaceWithVoid();
    }

    /**
     * Times as RFC 3339 in UTC with their seconds always written ({@code Instant.toString}; an OffsetDateTime's
     * toString leaves out zero seconds, which is no RFC 3339 date-time: EnforcementEventsTest).
     */
    private Uni<Void> append(String type, Inspection i, int findings, boolean suspectedViolation) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", i.id.toString());
        data.put("kind", i.kind);
        data.put("enterpriseUscc", i.enterpriseUscc);
        data.put("divisionCode", i.divisionCode);
        if (i.complaintId != null) {
            data.put("complaintId", i.complaintId);
        }
        if (i.exceedanceId != null) {
            data.put("exceedanceId", i.exceedanceId);
        }
        if (i.decisionId != null) {
            data.put("decisionId", i.decisionId);
        }
        if (i.scheduledFor != null) {
            data.put("scheduledFor", i.scheduledFor.toString());
        }
        data.put("status", i.status);
        if (i.arrivedAt != null) {
            data.put("arrivedAt", i.arrivedAt.toString());
        }
        if (i.leftAt != null) {
            data.put("leftAt", i.leftAt.toString());
        }
        data.put("findings", findings);
        data.put("suspectedViolation", suspectedViolation);
        data.put("version", i.version);
        return outbox.append(new DomainEvent(type, "inspections/" + i.id, data)).replaceWithVoid();
    }
}
