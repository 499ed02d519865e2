package org.ecogov.enforcement.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import org.ecogov.enforcement.config.EnforcementConfig;
import org.ecogov.enforcement.domain.ChecklistEntry;
import org.ecogov.enforcement.domain.EnforcementProblem;
import org.ecogov.enforcement.domain.EnterpriseCopy;
import org.ecogov.enforcement.domain.FindingEntry;
import org.ecogov.enforcement.domain.Inspection;
import org.ecogov.enforcement.domain.InspectionKind;
import org.ecogov.enforcement.domain.InspectionStatus;
import org.ecogov.enforcement.domain.LocationCheck;
import org.ecogov.enforcement.events.EnforcementEvents;
import org.ecogov.enforcement.repository.EnterpriseCopyRepository;
import org.ecogov.enforcement.repository.InspectionRepository;
import org.ecogov.runtime.audit.AuditLog;
import org.ecogov.runtime.concurrency.EntityTags;
import org.ecogov.runtime.paging.Page;
import org.ecogov.runtime.paging.PageCursor;
import org.ecogov.runtime.problem.FieldViolation;
import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.problem.ProblemType;
import org.ecogov.runtime.security.Caller;
import org.ecogov.runtime.security.Roles;
import org.ecogov.runtime.time.Clock;

/**
 * Inspections: assigned by an official within their jurisdiction, recorded on site by the inspectors assigned (or
 * an official), followed by the inspectors through their changes feed. Who sees an inspection: a platform-admin;
 * an inspector only the inspections they are assigned to; an officer or a lead what lies in their jurisdiction.
 * Anyone else is answered 404, as if it did not exist.
 */
@ApplicationScoped
public class InspectionService {

    private static final TypeReference<List<ChecklistEntry>> CHECKLIST = new TypeReference<>() { };
    private static final TypeReference<List<FindingEntry>> FINDINGS = new TypeReference<>() { };

    private final InspectionRepository inspections;
    private final EnterpriseCopyRepository enterprises;
    private final AuditLog audit;
    private final EnforcementEvents events;
    private final EnforcementConfig config;
    private final ObjectMapper json;
    private final Clock clock;
    private final jakarta.enterprise.inject.Instance<CaseService> cases;
    private static final java.security.SecureRandom SALTS = new java.security.SecureRandom();

    public InspectionService(InspectionRepository inspections, EnterpriseCopyRepository enterprises, AuditLog audit,
            EnforcementEvents events, EnforcementConfig config, ObjectMapper json, Clock clock,
            jakarta.enterprise.inject.Instance<CaseService> cases) {
        this.cases = cases;
        this.inspections = inspections;
        this.enterprises = enterprises;
        this.audit = audit;
        this.events = events;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Inspection> assign(Caller caller, InspectionDraft draft) {
        checkReferences(draft);
        return enterprises.find(draft.enterpriseUscc())
                .chain(enterprise -> {
                    if (enterprise == null || !mayAssignAt(caller, enterprise.divisionCode)) {
                        throw ProblemException.field(EnforcementProblem.ENTERPRISE_UNKNOWN, "enterpriseUscc",
                                "no enterprise " + draft.enterpriseUscc() + " in the registry within your jurisdiction");
                    }
                    return inspections.nextChangeNumber().chain(change -> {
                        Inspection i = newInspection(draft, enterprise);
                        i.changeSeq = change;
                        i.stampCreated(caller.actor(), clock.now());
                        return i.<Inspection>persist();
                    });
                })
                .call(i -> audit.append(caller, new AuditLog.Change("inspection-assigned", "inspection", i.id.toString(),
                        null, i.state(), null)))
                .call(events::inspectionAssigned);
    }

    @WithSession
    public Uni<Inspection> get(Caller caller, UUID id) {
        return inspections.find(id).map(i -> visible(caller, i));
    }

    @WithTransaction
    public Uni<Inspection> record(Caller caller, UUID id, String ifMatch, InspectionRecordDraft draft) {
        EntityTags.requireVersion(ifMatch);
        return inspections.lock(id).chain(found -> {
            Inspection i = visible(caller, found);
            EntityTags.checkCurrent(ifMatch, i.version);
            InspectionStatus from = i.status();
            if (from.closed()) {
                throw ProblemException.of(EnforcementProblem.INSPECTION_CLOSED, "inspection " + id + " is " + from.value()
                        + (i.cancellationReason == null ? "" : ": " + i.cancellationReason));
            }
            if (!from.mayBecome(draft.status())) {
                throw ProblemException.field(EnforcementProblem.INVALID_INSPECTION_TRANSITION, "status",
                        "an inspection " + from.value() + " cannot become " + draft.status().value());
            }
            checkRecord(draft, i.kind());
            Object before = i.state();
            return enterprises.find(i.enterpriseUscc).chain(enterprise -> inspections.nextChangeNumber().chain(change -> {
                apply(i, draft, enterprise);
                i.changeSeq = change;
                i.stampUpdated(caller.actor(), clock.now());
                List<FindingEntry> findings = draft.findings() == null ? List.of() : draft.findings();
                return audit.append(caller, new AuditLog.Change("inspection-recorded", "inspection", id.toString(),
                                before, i.state(), null))
                        .call(() -> i.planId != null && from == InspectionStatus.ASSIGNED
                                ? events.inspectionAssigned(i) : Uni.createFrom().voidItem())
                        .call(() -> events.inspectionRecorded(i, findings.size(),
                                findings.stream().anyMatch(FindingEntry::violation)))
                        .call(() -> from != InspectionStatus.COMPLETED && draft.status() == InspectionStatus.COMPLETED
                                && i.rectificationFinding != null
                                ? cases.get().followUpFound(caller, i, "continuing".equals(i.rectificationFinding))
                                : Uni.createFrom().voidItem())
                        .replaceWith(i);
            }));
        });
    }

    @WithSession
    public Uni<Page<Inspection>> list(Caller caller, String enterpriseUscc, String status, String kind, String cursor,
            int limit) {
        InspectionRepository.Position after = position(cursor);
        InspectionRepository.Filter filter = scope(caller, enterpriseUscc, status, kind);
        if (filter == null) {
            return Uni.createFrom().item(new Page<>(List.of(), null, limit));
        }
        return inspections.list(filter, after, limit + 1)
                .map(rows -> Page.of(rows, limit, i -> i.createdAt.getEpochSecond() + "." + i.createdAt.getNano()
                        + "_" + i.id));
    }

    /** The caller's assignments changed after change number {@code since}, and the cursor to continue from. */
    public record Changes(List<Inspection> items, long next) {
    }

    @WithSession
    public Uni<Changes> changes(Caller caller, String since, int limit) {
        long after = since == null ? 0 : parseChangeCursor(since);
        if (caller.username() == null) {
            return Uni.createFrom().item(new Changes(List.of(), after));
        }
        return inspections.changedSince(caller.username(), after, limit)
                .map(items -> new Changes(items, items.isEmpty() ? after : items.get(items.size() - 1).changeSeq));
    }

    public List<ChecklistEntry> checklist(Inspection i) {
        return read(i.checklist, CHECKLIST);
    }

    public List<FindingEntry> findings(Inspection i) {
        return read(i.findings, FINDINGS);
    }

    private static void checkReferences(InspectionDraft draft) {
        Map<InspectionKind.Reference, String> given = new java.util.EnumMap<>(InspectionKind.Reference.class);
        if (draft.complaintId() != null) {
            given.put(InspectionKind.Reference.COMPLAINT, draft.complaintId());
        }
        if (draft.exceedanceId() != null) {
            given.put(InspectionKind.Reference.EXCEEDANCE, draft.exceedanceId());
        }
        if (draft.decisionId() != null) {
            given.put(InspectionKind.Reference.DECISION, draft.decisionId());
        }
        InspectionKind.Reference wanted = draft.kind().reference();
        List<FieldViolation> violations = new ArrayList<>();
        for (InspectionKind.Reference reference : given.keySet()) {
            if (reference != wanted) {
                violations.add(new FieldViolation(reference.field(), "an inspection " + draft.kind().value()
                        + " carries no " + reference.field()));
            }
        }
        if (wanted != InspectionKind.Reference.NONE && !given.containsKey(wanted)) {
            violations.add(new FieldViolation(wanted.field(), "an inspection " + draft.kind().value() + " needs its "
                    + wanted.field()));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.fields(EnforcementProblem.INSPECTION_REFERENCE_MISMATCH,
                    "the references do not fit the kind " + draft.kind().value(), violations);
        }
    }

    private static void checkRecord(InspectionRecordDraft draft, InspectionKind kind) {
        List<FieldViolation> violations = new ArrayList<>();
        InspectionStatus status = draft.status();
        if (draft.rectificationFinding() != null && kind != InspectionKind.FOLLOW_UP) {
            violations.add(new FieldViolation("rectificationFinding", "only a follow-up inspection has one"));
        }
        if (kind == InspectionKind.FOLLOW_UP && status == InspectionStatus.COMPLETED && draft.rectificationFinding() == null) {
            violations.add(new FieldViolation("rectificationFinding",
                    "a follow-up inspection is completed with what it found: corrected or continuing"));
        }
        if (status != InspectionStatus.ASSIGNED && draft.arrivedAt() == null) {
            violations.add(new FieldViolation("arrivedAt", "required once the inspectors are " + status.value()));
        }
        if (status == InspectionStatus.COMPLETED && draft.leftAt() == null) {
            violations.add(new FieldViolation("leftAt", "required to complete the inspection"));
        }
        if (status == InspectionStatus.COMPLETED && draft.latitude() == null) {
            violations.add(new FieldViolation("location", "required to complete the inspection"));
        }
        if (status == InspectionStatus.ASSIGNED && draft.arrivedAt() != null) {
            violations.add(new FieldViolation("arrivedAt", "an inspection still assigned has no time on site"));
        }
        if (draft.leftAt() != null && draft.arrivedAt() == null) {
            violations.add(new FieldViolation("leftAt", "needs arrivedAt"));
        }
        if (draft.leftAt() != null && draft.arrivedAt() != null && draft.leftAt().isBefore(draft.arrivedAt())) {
            violations.add(new FieldViolation("leftAt", "must not be before arrivedAt"));
        }
        if (draft.checklist() != null) {
            java.util.Set<String> codes = new java.util.HashSet<>();
            for (int k = 0; k < draft.checklist().size(); k++) {
                if (!codes.add(draft.checklist().get(k).code())) {
                    violations.add(new FieldViolation("checklist[" + k + "].code", "appears twice in the checklist"));
                }
            }
        }
        if (!violations.isEmpty()) {
            throw ProblemException.fields(ProblemType.VALIDATION_FAILED, "the record is incomplete or inconsistent",
                    violations);
        }
    }

    private Inspection newInspection(InspectionDraft draft, EnterpriseCopy enterprise) {
        Inspection i = new Inspection();
        i.id = UUID.randomUUID();
        i.kind = draft.kind().value();
        i.enterpriseUscc = enterprise.uscc;
        i.enterpriseName = enterprise.name;
        i.divisionCode = enterprise.divisionCode;
        i.scheduledFor = draft.scheduledFor();
        i.complaintId = draft.complaintId();
        i.exceedanceId = draft.exceedanceId();
        i.decisionId = draft.decisionId();
        i.inspectors = new TreeSet<>(draft.inspectors());
        i.status = InspectionStatus.ASSIGNED.value();
        return i;
    }

    private void apply(Inspection i, InspectionRecordDraft draft, EnterpriseCopy enterprise) {
        i.status = draft.status().value();
        i.arrivedAt = draft.arrivedAt();
        i.leftAt = draft.leftAt();
        i.latitude = draft.latitude();
        i.longitude = draft.longitude();
        if (draft.latitude() != null && enterprise != null && enterprise.hasLocation()) {
            LocationCheck check = LocationCheck.of(draft.latitude(), draft.longitude(), enterprise.latitude,
                    enterprise.longitude, config.locationWarningMetres());
            i.distanceMetres = check.distanceMetres();
            i.distanceWarning = check.warning();
            i.distanceThresholdMetres = check.thresholdMetres();
        } else {
            i.distanceMetres = null;
            i.distanceWarning = null;
            i.distanceThresholdMetres = null;
        }
        i.checklist = write(draft.checklist() == null ? List.of() : draft.checklist());
        i.findings = write(draft.findings() == null ? List.of() : draft.findings());
        i.rectificationFinding = draft.rectificationFinding();
    }

    /**
     * The follow-up inspection of a rectification order, scheduled at its deadline, in the transaction of the order's
     * issuance (CaseService): the officer issuing the order names its inspectors.
     */
    public Uni<Inspection> assignFollowUp(Caller caller, String enterpriseUscc, UUID orderId, java.time.LocalDate deadline,
            List<String> inspectors) {
        InspectionDraft draft = new InspectionDraft(InspectionKind.FOLLOW_UP, enterpriseUscc, inspectors, deadline, null,
                null, orderId.toString());
        return enterprises.find(enterpriseUscc).chain(enterprise -> inspections.nextChangeNumber().chain(change -> {
            Inspection i = newInspection(draft, enterprise);
            i.changeSeq = change;
            i.stampCreated(caller.actor(), clock.now());
            return i.<Inspection>persist();
        }))
                .call(i -> audit.append(caller, new AuditLog.Change("inspection-assigned", "inspection", i.id.toString(),
                        null, i.state(), "follow-up of rectification order " + orderId)))
                .call(events::inspectionAssigned);
    }

    /**
     * Cancels the follow-ups naming one of these decisions that have not started (status {@code assigned}), in the
     * caller's transaction: each becomes {@code cancelled} with the reason, under its row lock, with the next change
     * number (so its inspectors' feed shows it), audited {@code inspection-cancelled}, published as recorded. A
     * follow-up already on site is left to its inspectors to complete (its finding then changes nothing).
     */
    public Uni<Void> cancelUnstartedFollowUps(Caller caller, List<String> decisionIds, String reason) {
        if (decisionIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return inspections.unstartedFollowUps(decisionIds).chain(ids -> {
            Uni<Void> all = Uni.createFrom().voidItem();
            for (UUID id : ids) {
                all = all.chain(() -> cancel(caller, id, reason));
            }
            return all;
        });
    }

    private Uni<Void> cancel(Caller caller, UUID id, String reason) {
        return inspections.lock(id).chain(i -> {
            if (i == null || i.status() != InspectionStatus.ASSIGNED) {
                return Uni.createFrom().voidItem();
            }
            Object before = i.state();
            return inspections.nextChangeNumber().chain(change -> {
                i.status = InspectionStatus.CANCELLED.value();
                i.cancellationReason = reason;
                i.changeSeq = change;
                i.stampUpdated(caller.actor(), clock.now());
                List<FindingEntry> findings = findings(i);
                return audit.append(caller, new AuditLog.Change("inspection-cancelled", "inspection", id.toString(),
                                before, i.state(), reason))
                        .call(() -> events.inspectionRecorded(i, findings.size(),
                                findings.stream().anyMatch(FindingEntry::violation)))
                        .replaceWithVoid();
            });
        });
    }

    /**
     * A drawn inspection of a random plan ({@code random}, naming the plan), assigned to the pair the draw gave it, in
     * the transaction of the draw (PlanService). Only the plan's owners and the pair see it until it starts.
     */
    public Uni<Inspection> assignDrawn(Caller caller, org.ecogov.enforcement.domain.InspectionPlan plan,
            EnterpriseCopy enterprise, List<String> pair) {
        InspectionDraft draft = new InspectionDraft(InspectionKind.RANDOM, enterprise.uscc, pair, null, null, null, null);
        return inspections.nextChangeNumber().chain(change -> {
            Inspection i = newInspection(draft, enterprise);
            i.planId = plan.id;
            i.planAgency = plan.agency;
            byte[] salt = new byte[16];
            SALTS.nextBytes(salt);
            i.drawSalt = java.util.HexFormat.of().formatHex(salt);
            i.changeSeq = change;
            i.stampCreated(caller.actor(), clock.now());
            return i.<Inspection>persist();
        })
                .call(i -> audit.append(caller, new AuditLog.Change("inspection-assigned", "inspection", i.id.toString(),
                        null, i.state(), "drawn by random plan " + plan.id)));
        // no inspection.assigned event yet: its data names the enterprise and the pair, which only the plan's owners
        // may know before the inspection starts; record() publishes it then

    }

    /** Assigning: a platform-admin anywhere; an officer or a lead within their jurisdiction. */
    private static boolean mayAssignAt(Caller caller, String divisionCode) {
        return caller.isPlatformAdmin()
                || caller.hasAnyRole(Roles.AGENCY_OFFICER, Roles.AGENCY_LEAD) && caller.canSee(divisionCode);
    }

    /** The inspection if the caller may see it; else 404, as if it did not exist. */
    static Inspection visible(Caller caller, Inspection i) {
        if (i == null || !sees(caller, i)) {
            throw ProblemException.of(EnforcementProblem.INSPECTION_NOT_FOUND, "no such inspection");
        }
        return i;
    }

    static boolean sees(Caller caller, Inspection i) {
        if (i.hiddenDraw()) {
            return caller.hasAnyRole(Roles.INSPECTOR) && i.assignedTo(caller.username())
                    || PlanService.owns(caller, i.planAgency) && caller.canSee(i.divisionCode);
        }
        if (caller.isPlatformAdmin()) {
            return true;
        }
        if (caller.hasAnyRole(Roles.AGENCY_OFFICER, Roles.AGENCY_LEAD) && caller.canSee(i.divisionCode)) {
            return true;
        }
        return caller.hasAnyRole(Roles.INSPECTOR) && i.assignedTo(caller.username());
    }

    /** The list filter of the caller's scope; null when the caller sees no inspection at all. */
    private static InspectionRepository.Filter scope(Caller caller, String uscc, String status, String kind) {
        if (caller.isPlatformAdmin()) {
            return new InspectionRepository.Filter("", null, uscc, status, kind, null);
        }
        if (caller.hasAnyRole(Roles.AGENCY_OFFICER, Roles.AGENCY_LEAD) && caller.jurisdiction() != null
                && !caller.jurisdiction().isBlank()) {
            return new InspectionRepository.Filter(org.ecogov.runtime.identifiers.DivisionCode.scopePrefix(
                    caller.jurisdiction()), null, uscc, status, kind, caller.agency());
        }
        if (caller.hasAnyRole(Roles.INSPECTOR) && caller.username() != null) {
            return new InspectionRepository.Filter("", caller.username(), uscc, status, kind, null);
        }
        return null;
    }

    private static InspectionRepository.Position position(String cursor) {
        String key = PageCursor.decode(cursor, k -> k.matches("[0-9]{1,19}\\.[0-9]{1,9}_[0-9a-f-]{36}"));
        if (key == null) {
            return null;
        }
        int dot = key.indexOf('.');
        int underscore = key.indexOf('_');
        java.time.Instant at = java.time.Instant.ofEpochSecond(Long.parseLong(key.substring(0, dot)),
                Long.parseLong(key.substring(dot + 1, underscore)));
        try {
            return new InspectionRepository.Position(at, UUID.fromString(key.substring(underscore + 1)));
        } catch (IllegalArgumentException e) {
            throw ProblemException.field(ProblemType.VALIDATION_FAILED, "cursor", "not a cursor of this list");
        }
    }

    private static long parseChangeCursor(String since) {
        try {
            return Long.parseLong(since);
        } catch (NumberFormatException e) {
            throw ProblemException.field(ProblemType.VALIDATION_FAILED, "since", "not a cursor of the changes feed");
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an inspection's record as JSON", e);
        }
    }

    private <T> T read(String value, TypeReference<T> type) {
        try {
            return json.readValue(value, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an inspection's stored record is not readable JSON", e);
        }
    }
}
