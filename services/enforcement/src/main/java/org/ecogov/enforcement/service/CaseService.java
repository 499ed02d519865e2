package org.ecogov.enforcement.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import org.ecogov.enforcement.config.EnforcementConfig;
import org.ecogov.enforcement.domain.DailyPenalty;
import org.ecogov.enforcement.domain.Decision;
import org.ecogov.enforcement.domain.DecisionKind;
import org.ecogov.enforcement.domain.DecisionStatus;
import org.ecogov.enforcement.domain.EnforcementCase;
import org.ecogov.enforcement.domain.EnforcementProblem;
import org.ecogov.enforcement.domain.Inspection;
import org.ecogov.enforcement.domain.InspectionKind;
import org.ecogov.enforcement.domain.InspectionStatus;
import org.ecogov.enforcement.domain.ViolationEntry;
import org.ecogov.enforcement.events.EnforcementEvents;
import org.ecogov.enforcement.repository.CaseRepository;
import org.ecogov.enforcement.repository.EnterpriseCopyRepository;
import org.ecogov.enforcement.repository.InspectionRepository;
import org.ecogov.runtime.audit.AuditLog;
import org.ecogov.runtime.concurrency.EntityTags;
import org.ecogov.runtime.identifiers.DivisionCode;
import org.ecogov.runtime.paging.Page;
import org.ecogov.runtime.paging.PageCursor;
import org.ecogov.runtime.problem.FieldViolation;
import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.problem.ProblemType;
import org.ecogov.runtime.security.Caller;
import org.ecogov.runtime.security.Roles;
import org.ecogov.runtime.time.Clock;

/**
 * Cases and their decisions: an officer opens a case (directly or from a completed inspection) with its violations,
 * proposes decisions, an agency lead approves them, the officer issues them (recording the day of service) and
 * records their outcome; a case closes only when every decision is executed or closed with a reason. Issuing a
 * rectification order schedules its follow-up inspection at the deadline; a follow-up that finds the violation
 * continuing proposes a daily continuing penalty (EPL art. 59, {@link DailyPenalty}), one that finds it corrected
 * marks the order executed. Who sees a case: platform-admins, officers and leads within their jurisdiction; a decision
 * also the enterprise's reporter once it is issued. Anyone else is answered 404.
 */
@ApplicationScoped
public class CaseService {

    private static final TypeReference<List<ViolationEntry>> VIOLATIONS = new TypeReference<>() { };
    private static final TypeReference<List<String>> IDS = new TypeReference<>() { };
    private static final TypeReference<List<org.ecogov.enforcement.domain.FindingEntry>> FINDINGS =
            new TypeReference<>() { };

    private final CaseRepository cases;
    private final EnterpriseCopyRepository enterprises;
    private final InspectionRepository inspections;
    private final InspectionService inspectionService;
    private final AuditLog audit;
    private final EnforcementEvents events;
    private final ObjectMapper json;
    private final Clock clock;
    private final EnforcementConfig config;

    public CaseService(CaseRepository cases, EnterpriseCopyRepository enterprises, InspectionRepository inspections,
            InspectionService inspectionService, AuditLog audit, EnforcementEvents events, ObjectMapper json,
            Clock clock, EnforcementConfig config) {
        this.config = config;
        this.cases = cases;
        this.enterprises = enterprises;
        this.inspections = inspections;
        this.inspectionService = inspectionService;
        this.audit = audit;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    /** A case with its decisions, as answered. */
    public record CaseView(EnforcementCase enforcementCase, List<Decision> decisions) {
    }

    // ---- cases ------------------------------------------------------------------------------------------------

    @WithTransaction
    public Uni<CaseView> open(Caller caller, CaseDraft draft) {
        List<FieldViolation> given = new ArrayList<>();
        for (int i = 0; i < draft.violations().size(); i++) {
            if (draft.violations().get(i).id() != null) {
                given.add(new FieldViolation("violations[" + i + "].id", "the service gives a violation its id"));
            }
        }
        if (!given.isEmpty()) {
            throw ProblemException.fields(ProblemType.VALIDATION_FAILED, "a new case's violations have no ids yet", given);
        }
        return enterprises.find(draft.enterpriseUscc()).chain(enterprise -> {
            if (enterprise == null || !mayChangeAt(caller, enterprise.divisionCode)) {
                throw ProblemException.field(EnforcementProblem.ENTERPRISE_UNKNOWN, "enterpriseUscc",
                        "no enterprise " + draft.enterpriseUscc() + " in the registry within your jurisdiction");
            }
            Uni<Void> fromInspection = draft.inspectionId() == null ? Uni.createFrom().voidItem()
                    : inspections.find(draft.inspectionId()).invoke(i -> {
                        if (i == null || !InspectionService.sees(caller, i)
                                || !i.enterpriseUscc.equals(enterprise.uscc)
                                || i.status() != InspectionStatus.COMPLETED) {
                            throw ProblemException.field(ProblemType.VALIDATION_FAILED, "inspectionId",
                                    "no completed inspection of " + enterprise.uscc + " with this id");
                        }
                    }).replaceWithVoid();
            return fromInspection.chain(() -> checkEvidence(draft.inspectionId(), List.of(), draft.violations())).chain(() -> {
                EnforcementCase c = new EnforcementCase();
                c.id = UUID.randomUUID();
                c.enterpriseUscc = enterprise.uscc;
                c.enterpriseName = enterprise.name;
                c.divisionCode = enterprise.divisionCode;
                c.inspectionId = draft.inspectionId();
                c.status = EnforcementCase.OPEN;
                c.violations = write(draft.violations().stream()
                        .map(v -> v.withId(UUID.randomUUID().toString())).toList());
                c.stampCreated(caller.actor(), clock.now());
                return c.<EnforcementCase>persist();
            });
        })
                .call(c -> audit.append(caller, new AuditLog.Change("case-opened", "case", c.id.toString(), null,
                        c.state(), null)))
                .call(c -> events.caseChanged(c, violations(c).size()))
                .map(c -> new CaseView(c, List.of()));
    }

    @WithSession
    public Uni<CaseView> get(Caller caller, UUID id) {
        return cases.find(id).map(c -> visibleCase(caller, c))
                .chain(c -> cases.decisionsOf(c.id).map(d -> new CaseView(c, d)));
    }

    @WithSession
    public Uni<Page<CaseView>> list(Caller caller, String uscc, String status, String cursor, int limit) {
        CaseRepository.Position after = position(cursor);
        String scope = caseScope(caller);
        if (scope == null) {
            return Uni.createFrom().item(new Page<>(List.of(), null, limit));
        }
        return cases.list(scope, uscc, status, after, limit + 1)
                .map(rows -> Page.of(rows, limit, c -> c.createdAt.getEpochSecond() + "." + c.createdAt.getNano() + "_" + c.id))
                .chain(page -> {
                    Uni<List<CaseView>> views = Uni.createFrom().item(new ArrayList<>());
                    for (EnforcementCase c : page.items()) {
                        views = views.chain(list -> cases.decisionsOf(c.id).map(d -> {
                            list.add(new CaseView(c, d));
                            return list;
                        }));
                    }
                    return views.map(items -> new Page<>(items, page.next(), page.limit()));
                });
    }

    @WithTransaction
    public Uni<CaseView> close(Caller caller, UUID id, String ifMatch, String note) {
        EntityTags.requireVersion(ifMatch);
        return cases.lock(id).map(c -> changeableCase(caller, c, ifMatch))
                .chain(c -> cases.decisionsOf(c.id).chain(decisions -> {
                    List<FieldViolation> open = new ArrayList<>();
                    for (Decision d : decisions) {
                        if (!d.status().concluded()) {
                            open.add(new FieldViolation("decisions", "decision " + d.id + " (" + d.kind + ") is "
                                    + d.status));
                        }
                    }
                    if (!open.isEmpty()) {
                        throw ProblemException.fields(EnforcementProblem.CASE_HAS_OPEN_DECISIONS,
                                "every decision must be executed or closed with a reason first", open);
                    }
                    Object before = c.state();
                    c.status = EnforcementCase.CLOSED;
                    c.closingNote = note;
                    c.stampUpdated(caller.actor(), clock.now());
                    return audit.append(caller, new AuditLog.Change("case-closed", "case", c.id.toString(), before,
                                    c.state(), null))
                            .call(() -> events.caseChanged(c, violations(c).size()))
                            // a follow-up assigned by hand after its decision was concluded is still to be done
                            .call(() -> inspectionService.cancelUnstartedFollowUps(caller,
                                    decisions.stream().map(d -> d.id.toString()).toList(),
                                    "case " + c.id + " closed before this follow-up started"))
                            .map(x -> new CaseView(c, decisions));
                }));
    }

    /**
     * The case's violations replaced by the list given: a violation sent with its id is that violation, changed; one
     * without is new; one left out is removed. A violation named by a served decision stands as it is; one named by a
     * decision neither served nor closed may change but not go.
     */
    @WithTransaction
    public Uni<CaseView> changeViolations(Caller caller, UUID id, String ifMatch, List<ViolationEntry> sent) {
        EntityTags.requireVersion(ifMatch);
        return cases.lock(id).map(c -> changeableCase(caller, c, ifMatch))
                .chain(c -> cases.decisionsOf(c.id).chain(decisions -> {
                    List<ViolationEntry> current = violations(c);
                    java.util.Map<String, ViolationEntry> byId = new java.util.HashMap<>();
                    current.forEach(v -> byId.put(v.id(), v));
                    List<FieldViolation> unknown = new ArrayList<>();
                    java.util.Map<String, ViolationEntry> kept = new java.util.HashMap<>();
                    List<ViolationEntry> next = new ArrayList<>();
                    for (int i = 0; i < sent.size(); i++) {
                        ViolationEntry v = sent.get(i);
                        if (v.id() == null) {
                            next.add(v.withId(UUID.randomUUID().toString()));
                        } else if (!byId.containsKey(v.id())) {
                            unknown.add(new FieldViolation("violations[" + i + "].id", "no violation of this case has this id"));
                        } else if (kept.put(v.id(), v) != null) {
                            unknown.add(new FieldViolation("violations[" + i + "].id", "this id is sent twice"));
                        } else {
                            next.add(v);
                        }
                    }
                    if (!unknown.isEmpty()) {
                        throw ProblemException.fields(ProblemType.VALIDATION_FAILED, "the violations' ids do not fit the case",
                                unknown);
                    }
                    List<FieldViolation> decided = new ArrayList<>();
                    for (Decision d : decisions) {
                        if (d.status() == DecisionStatus.CLOSED && !d.served()) {
                            continue;
                        }
                        for (String named : decided(d)) {
                            ViolationEntry now = kept.get(named);
                            if (now == null) {
                                decided.add(new FieldViolation("violations", "violation " + named + " is named by decision "
                                        + d.id + " (" + d.kind + ", " + d.status + ") and cannot be removed"));
                            } else if (d.served() && !now.sameAs(byId.get(named))) {
                                decided.add(new FieldViolation("violations", "violation " + named + " is named by decision "
                                        + d.id + " (" + d.kind + ", served on " + d.servedOn + ") and cannot change"));
                            }
                        }
                    }
                    if (!decided.isEmpty()) {
                        throw ProblemException.fields(EnforcementProblem.VIOLATION_DECIDED,
                                "violations that decisions name stand", decided);
                    }
                    return checkEvidence(c.inspectionId, decisions, next).chain(() -> {
                        Object before = c.state();
                        c.violations = write(next);
                        c.stampUpdated(caller.actor(), clock.now());
                        return audit.append(caller, new AuditLog.Change("case-violations-changed", "case",
                                        c.id.toString(), before, c.state(), null))
                                .call(() -> events.caseChanged(c, next.size()))
                                .map(x -> new CaseView(c, decisions));
                    });
                }));
    }

    // ---- decisions --------------------------------------------------------------------------------------------

    @WithTransaction
    public Uni<Decision> propose(Caller caller, UUID caseId, DecisionDraft draft) {
        return cases.lock(caseId).map(c -> changeableCase(caller, c, null))
                .chain(c -> checkTerms(c, draft).chain(() -> {
                    Decision d = new Decision();
                    d.id = UUID.randomUUID();
                    d.caseId = c.id;
                    d.kind = draft.kind().value();
                    d.status = DecisionStatus.PROPOSED.value();
                    d.description = draft.description();
                    d.amount = draft.amount();
                    d.rectificationDeadline = draft.rectificationDeadline();
                    d.fineDecisionId = draft.fineDecisionId();
                    d.violationIds = write(draft.violationIds() != null ? draft.violationIds()
                            : violations(c).stream().map(ViolationEntry::id).toList());
                    d.stampCreated(caller.actor(), clock.now());
                    return d.<Decision>persist();
                }).call(d -> recorded(caller, "decision-proposed", null, d, c)));
    }

    /** A decision with its case, as listed. */
    public record DecisionInView(Decision decision, EnforcementCase enforcementCase) {
    }

    /**
     * Decisions in the caller's view, newest first: officials those of the cases within their jurisdiction, in any
     * status; an enterprise reporter their own enterprise's once served; anyone else none.
     */
    @WithSession
    public Uni<Page<DecisionInView>> listDecisions(Caller caller, String uscc, String status, String cursor, int limit) {
        CaseRepository.Position after = position(cursor);
        String scope = caseScope(caller);
        boolean servedOnly = false;
        if (scope == null && caller.hasAnyRole(Roles.ENTERPRISE_REPORTER) && caller.uscc() != null
                && (uscc == null || caller.isOwnEnterprise(uscc))) {
            scope = "";
            uscc = caller.uscc();
            servedOnly = true;
        }
        if (scope == null) {
            return Uni.createFrom().item(new Page<>(List.of(), null, limit));
        }
        return cases.decisions(scope, uscc, status, servedOnly, after, limit + 1)
                .map(rows -> Page.of(rows, limit, d -> d.createdAt.getEpochSecond() + "." + d.createdAt.getNano() + "_" + d.id))
                .chain(page -> {
                    Uni<List<DecisionInView>> items = Uni.createFrom().item(new ArrayList<>());
                    for (Decision d : page.items()) {
                        items = items.chain(list -> cases.find(d.caseId).map(c -> {
                            list.add(new DecisionInView(d, c));
                            return list;
                        }));
                    }
                    return items.map(list -> new Page<>(list, page.next(), page.limit()));
                });
    }

    @WithSession
    public Uni<Decision> getDecision(Caller caller, UUID id) {
        return cases.decision(id).chain(d -> d == null ? Uni.createFrom().failure(decisionNotFound())
                : cases.find(d.caseId).map(c -> visibleDecision(caller, d, c)));
    }

    /** The case a decision belongs to (for its enterprise), once the decision is visible. */
    @WithSession
    public Uni<EnforcementCase> caseOf(Decision d) {
        return cases.find(d.caseId);
    }

    @WithTransaction
    public Uni<Decision> approve(Caller caller, UUID id, String ifMatch) {
        EntityTags.requireVersion(ifMatch);
        return lockedDecision(caller, id, ifMatch, true).chain(dc -> {
            Decision d = dc.decision();
            if (d.status() != DecisionStatus.PROPOSED) {
                throw ProblemException.of(EnforcementProblem.INVALID_DECISION_TRANSITION,
                        "only a proposed decision is approved; this one is " + d.status);
            }
            Object before = d.state();
            d.status = DecisionStatus.APPROVED.value();
            d.approvedAt = clock.now();
            d.approvedBy = caller.actor();
            d.stampUpdated(caller.actor(), clock.now());
            return recorded(caller, "decision-approved", before, d, dc.enforcementCase());
        });
    }

    @WithTransaction
    public Uni<Decision> issue(Caller caller, UUID id, String ifMatch, LocalDate servedOn, List<String> followUpInspectors) {
        EntityTags.requireVersion(ifMatch);
        return lockedDecision(caller, id, ifMatch, false).chain(dc -> {
            Decision d = dc.decision();
            if (d.status() == DecisionStatus.PROPOSED) {
                throw ProblemException.of(EnforcementProblem.DECISION_NOT_APPROVED,
                        "decision " + id + " needs an agency lead's approval before it is issued");
            }
            if (d.status() != DecisionStatus.APPROVED) {
                throw ProblemException.of(EnforcementProblem.INVALID_DECISION_TRANSITION,
                        "only an approved decision is issued; this one is " + d.status);
            }
            List<FieldViolation> violations = new ArrayList<>();
            if (servedOn.isAfter(clock.agencyToday())) {
                violations.add(new FieldViolation("servedOn", "must not be after today (" + clock.agencyToday() + ")"));
            }
            boolean order = d.kind() == DecisionKind.RECTIFICATION_ORDER;
            if (order && (followUpInspectors == null || followUpInspectors.isEmpty())) {
                violations.add(new FieldViolation("followUpInspectors", "a rectification order's follow-up needs inspectors"));
            }
            if (!order && followUpInspectors != null && !followUpInspectors.isEmpty()) {
                violations.add(new FieldViolation("followUpInspectors", "only a rectification order has a follow-up"));
            }
            if (order && servedOn.isAfter(d.rectificationDeadline)) {
                violations.add(new FieldViolation("servedOn", "must not be after the rectification deadline "
                        + d.rectificationDeadline));
            }
            if (!violations.isEmpty()) {
                throw ProblemException.fields(ProblemType.VALIDATION_FAILED, "the issuance is inconsistent", violations);
            }
            Object before = d.state();
            d.status = DecisionStatus.ISSUED.value();
            d.servedOn = servedOn;
            d.stampUpdated(caller.actor(), clock.now());
            Uni<Void> followUp = !order ? Uni.createFrom().voidItem()
                    : inspectionService.assignFollowUp(caller, dc.enforcementCase().enterpriseUscc, d.id,
                            d.rectificationDeadline, followUpInspectors).replaceWithVoid();
            return followUp.chain(() -> recorded(caller, "decision-issued", before, d, dc.enforcementCase()));
        });
    }

    @WithTransaction
    public Uni<Decision> conclude(Caller caller, UUID id, String ifMatch, boolean executed, String reason) {
        EntityTags.requireVersion(ifMatch);
        return lockedDecision(caller, id, ifMatch, false).chain(dc -> {
            Decision d = dc.decision();
            DecisionStatus status = d.status();
            if (executed && status != DecisionStatus.ISSUED || !executed && status.concluded()) {
                throw ProblemException.of(EnforcementProblem.INVALID_DECISION_TRANSITION, "a decision " + status.value()
                        + " cannot be " + (executed ? "executed" : "closed"));
            }
            if (!executed && reason == null) {
                throw ProblemException.field(ProblemType.VALIDATION_FAILED, "reason", "closing a decision needs a reason");
            }
            Object before = d.state();
            d.status = (executed ? DecisionStatus.EXECUTED : DecisionStatus.CLOSED).value();
            d.outcomeReason = reason;
            d.stampUpdated(caller.actor(), clock.now());
            return recorded(caller, executed ? "decision-executed" : "decision-closed", before, d, dc.enforcementCase())
                    .call(() -> inspectionService.cancelUnstartedFollowUps(caller, List.of(d.id.toString()),
                            d.kind + " " + d.id + " " + d.status + " before this follow-up started"));
        });
    }

    /**
     * A follow-up inspection of a rectification order was completed: {@code continuing} proposes a daily continuing
     * penalty counted to the follow-up's day (the agencies' day it arrived on site), {@code corrected} marks the order
     * executed. In the transaction of the inspection's record. A follow-up whose reference is no issued
     * rectification order of this service changes nothing.
     */
    public Uni<Void> followUpFound(Caller caller, Inspection followUp, boolean continuing) {
        UUID orderId = parseId(followUp.decisionId);
        if (orderId == null) {
            return Uni.createFrom().voidItem();
        }
        return cases.lockDecision(orderId).chain(order -> {
            if (order == null || order.kind() != DecisionKind.RECTIFICATION_ORDER
                    || order.status() != DecisionStatus.ISSUED) {
                return Uni.createFrom().voidItem();
            }
            return cases.find(order.caseId).chain(c -> {
                if (!continuing) {
                    Object before = order.state();
                    order.status = DecisionStatus.EXECUTED.value();
                    order.outcomeReason = "Found corrected at the follow-up inspection " + followUp.id;
                    order.stampUpdated(caller.actor(), clock.now());
                    return recorded(caller, "decision-executed", before, order, c)
                            .call(() -> inspectionService.cancelUnstartedFollowUps(caller, List.of(order.id.toString()),
                                    "rectification-order " + order.id + " executed: found corrected at follow-up "
                                            + followUp.id))
                            .replaceWithVoid();
                }
                LocalDate day = Clock.agencyDay(followUp.arrivedAt);
                return proposePenalty(caller, followUp, order, c, day)
                        .chain(() -> scheduleNextFollowUp(caller, followUp, order, c, day));
            });
        });
    }

    /**
     * The next follow-up of a rectification order whose violation a follow-up found continuing: {@code
     * enforcement.follow-up.interval-days} after that follow-up's day, to the same inspectors, unless another follow-up
     * of the order is still to be done (one assigned by hand, say).
     */
    private Uni<Void> scheduleNextFollowUp(Caller caller, Inspection followUp, Decision order, EnforcementCase c,
            LocalDate day) {
        return inspections.openFollowUps(order.id.toString(), followUp.id).chain(open -> open > 0
                ? Uni.createFrom().voidItem()
                : inspectionService.assignFollowUp(caller, c.enterpriseUscc, order.id,
                        day.plusDays(config.followUp().intervalDays()), List.copyOf(followUp.inspectors))
                        .replaceWithVoid());
    }

    /** The daily continuing penalty a continuing follow-up proposes, if it has a day to count. */
    private Uni<Void> proposePenalty(Caller caller, Inspection followUp, Decision order, EnforcementCase c,
            LocalDate day) {
        return cases.decision(order.fineDecisionId).chain(fine -> cases.lastPenaltyOf(order.id).chain(last -> {
            if (last == null && !day.isAfter(order.servedOn)
                    || last != null && !day.isAfter(last.penaltyTo)) {
                return Uni.createFrom().voidItem(); // no day to count yet
            }
            DailyPenalty penalty = last == null ? DailyPenalty.afterService(order.servedOn, day, fine.amount)
                    : DailyPenalty.continuing(last.penalty(), day);
            Decision d = new Decision();
            d.id = UUID.randomUUID();
            d.caseId = c.id;
            d.kind = DecisionKind.DAILY_CONTINUING_PENALTY.value();
            d.status = DecisionStatus.PROPOSED.value();
            d.description = "Daily continuing penalty (Environmental Protection Law art. 59) for rectification order "
                    + order.id + ", found continuing at the follow-up inspection " + followUp.id + ": "
                    + penalty.arithmetic();
            d.rectificationOrderId = order.id;
            d.followUpInspectionId = followUp.id;
            d.violationIds = order.violationIds;
            d.recordPenalty(penalty);
            d.stampCreated(caller.actor(), clock.now());
            return d.<Decision>persist().chain(saved -> recorded(caller, "decision-proposed", null, saved, c))
                    .replaceWithVoid();
        }));
    }

    /** An issued decision with its case, as the disclosure shows it. */
    public record DisclosedDecision(Decision decision, EnforcementCase enforcementCase) {
    }

    /** Issued and executed decisions, newest service first: public information, for anyone the rule admits. */
    @WithSession
    public Uni<Page<DisclosedDecision>> disclosed(String enterpriseUscc, String cursor, int limit) {
        String key = PageCursor.decode(cursor, k -> k.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}_[0-9a-f-]{36}"));
        CaseRepository.Disclosed after = null;
        if (key != null) {
            try {
                after = new CaseRepository.Disclosed(LocalDate.parse(key.substring(0, 10)), UUID.fromString(key.substring(11)));
            } catch (RuntimeException e) {
                throw ProblemException.field(ProblemType.VALIDATION_FAILED, "cursor", "not a cursor of this list");
            }
        }
        return cases.disclosed(enterpriseUscc, after, limit + 1)
                .map(rows -> Page.of(rows, limit, d -> d.servedOn + "_" + d.id))
                .chain(page -> {
                    Uni<List<DisclosedDecision>> items = Uni.createFrom().item(new ArrayList<>());
                    for (Decision d : page.items()) {
                        items = items.chain(list -> cases.find(d.caseId).map(c -> {
                            list.add(new DisclosedDecision(d, c));
                            return list;
                        }));
                    }
                    return items.map(list -> new Page<>(list, page.next(), page.limit()));
                });
    }

    public List<ViolationEntry> violations(EnforcementCase c) {
        try {
            return json.readValue(c.violations, VIOLATIONS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a case's stored violations are not readable JSON", e);
        }
    }

    /**
     * Every evidence reference of the violations names a finding code of one of the case's inspections (its own, the
     * follow-ups of its decisions) or an evidence file stored for one of them; else 422 {@code evidence-unknown}
     * naming each reference that does not.
     */
    private Uni<Void> checkEvidence(UUID inspectionId, List<Decision> decisions, List<ViolationEntry> violations) {
        if (violations.stream().allMatch(v -> v.evidence() == null || v.evidence().isEmpty())) {
            return Uni.createFrom().voidItem();
        }
        List<String> decisionIds = decisions.stream().map(d -> d.id.toString()).toList();
        return inspections.ofCase(inspectionId, decisionIds).chain(found -> {
            java.util.Set<String> known = new java.util.HashSet<>();
            List<UUID> ids = new ArrayList<>();
            for (Inspection i : found) {
                ids.add(i.id);
                for (org.ecogov.enforcement.domain.FindingEntry f : read(i.findings, FINDINGS)) {
                    if (f.code() != null) {
                        known.add(f.code());
                    }
                }
            }
            // shared locks on the files: a removal (EvidenceService.remove) waits for this transaction and then
            // finds the file named, or removed it first and the file is not found here
            Uni<List<org.ecogov.enforcement.domain.EvidenceFile>> files = ids.isEmpty() ? Uni.createFrom().item(List.of())
                    : org.ecogov.enforcement.domain.EvidenceFile.<org.ecogov.enforcement.domain.EvidenceFile>find(
                            "inspectionId in ?1", ids).withLock(jakarta.persistence.LockModeType.PESSIMISTIC_READ).list();
            return files.map(stored -> {
                stored.forEach(e -> known.add(e.id.toString()));
                List<FieldViolation> unknown = new ArrayList<>();
                for (int v = 0; v < violations.size(); v++) {
                    List<String> refs = violations.get(v).evidence() == null ? List.of() : violations.get(v).evidence();
                    for (int r = 0; r < refs.size(); r++) {
                        if (!known.contains(refs.get(r))) {
                            unknown.add(new FieldViolation("violations[" + v + "].evidence[" + r + "]", "'" + refs.get(r)
                                    + "' is no finding code of the case's inspections nor an evidence file stored for them"));
                        }
                    }
                }
                if (!unknown.isEmpty()) {
                    throw ProblemException.fields(EnforcementProblem.EVIDENCE_UNKNOWN,
                            "evidence references must name the case's inspections' findings or evidence files", unknown);
                }
                return null;
            });
        }).replaceWithVoid();
    }

    private <T> T read(String value, TypeReference<T> type) {
        try {
            return json.readValue(value, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not readable", e);
        }
    }

    /** The ids of the case's violations a decision decides on. */
    public List<String> decided(Decision d) {
        try {
            return json.readValue(d.violationIds, IDS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a decision's stored violation ids are not readable JSON", e);
        }
    }

    /** The violations of its case a decision decides on, in the case's order. */
    public List<ViolationEntry> decidedViolations(Decision d, EnforcementCase c) {
        java.util.Set<String> named = new java.util.HashSet<>(decided(d));
        return violations(c).stream().filter(v -> named.contains(v.id())).toList();
    }

    // ---- rules ------------------------------------------------------------------------------------------------

    private record DecisionInCase(Decision decision, EnforcementCase enforcementCase) {
    }

    /** The decision locked, in scope for the change (approval: a lead; else an officer) and at the version given. */
    private Uni<DecisionInCase> lockedDecision(Caller caller, UUID id, String ifMatch, boolean approval) {
        return cases.lockDecision(id).chain(d -> {
            if (d == null) {
                throw decisionNotFound();
            }
            return cases.find(d.caseId).map(c -> {
                boolean allowed = approval ? caller.hasAnyRole(Roles.AGENCY_LEAD) && caller.canSee(c.divisionCode)
                        : mayChangeAt(caller, c.divisionCode);
                if (!allowed) {
                    throw decisionNotFound();
                }
                EntityTags.checkCurrent(ifMatch, d.version);
                if (!c.isOpen()) {
                    throw ProblemException.of(EnforcementProblem.CASE_CLOSED, "case " + c.id + " is closed");
                }
                return new DecisionInCase(d, c);
            });
        });
    }

    private Uni<Void> checkTerms(EnforcementCase c, DecisionDraft draft) {
        List<FieldViolation> violations = new ArrayList<>();
        DecisionKind kind = draft.kind();
        if (kind == DecisionKind.DAILY_CONTINUING_PENALTY) {
            violations.add(new FieldViolation("kind", "a daily continuing penalty is proposed by a follow-up inspection "
                    + "that finds the violation continuing, never by hand"));
        }
        boolean fine = kind == DecisionKind.FINE;
        boolean order = kind == DecisionKind.RECTIFICATION_ORDER;
        if (fine != (draft.amount() != null)) {
            violations.add(new FieldViolation("amount", fine ? "a fine needs its amount" : "only a fine has an amount"));
        }
        if (fine && draft.amount() != null && draft.amount().signum() <= 0) {
            violations.add(new FieldViolation("amount", "must be more than 0.00"));
        }
        if (order != (draft.rectificationDeadline() != null)) {
            violations.add(new FieldViolation("rectificationDeadline", order ? "a rectification order needs its deadline"
                    : "only a rectification order has a deadline"));
        }
        if (order && draft.rectificationDeadline() != null && !draft.rectificationDeadline().isAfter(clock.agencyToday())) {
            violations.add(new FieldViolation("rectificationDeadline", "must be after today (" + clock.agencyToday() + ")"));
        }
        if (draft.violationIds() != null) {
            java.util.Set<String> ofCase = new java.util.HashSet<>(violations(c).stream().map(ViolationEntry::id).toList());
            for (String named : draft.violationIds()) {
                if (!ofCase.contains(named)) {
                    violations.add(new FieldViolation("violationIds", "violation " + named + " is not one of this case's"));
                }
            }
        }
        if (order != (draft.fineDecisionId() != null)) {
            violations.add(new FieldViolation("fineDecisionId", order
                    ? "a rectification order names the fine a daily continuing penalty would count per day"
                    : "only a rectification order names a fine"));
        }
        if (!violations.isEmpty() || !order) {
            return violations.isEmpty() ? Uni.createFrom().voidItem() : Uni.createFrom().failure(
                    ProblemException.fields(EnforcementProblem.DECISION_TERMS_INVALID,
                            "the terms do not fit the kind " + kind.value(), violations));
        }
        return cases.decision(draft.fineDecisionId()).invoke(f -> {
            if (f == null || !f.caseId.equals(c.id) || f.kind() != DecisionKind.FINE || f.status() == DecisionStatus.CLOSED) {
                throw ProblemException.field(EnforcementProblem.DECISION_TERMS_INVALID, "fineDecisionId",
                        "no fine of this case with this id that is not closed");
            }
        }).replaceWithVoid();
    }

    private Uni<Decision> recorded(Caller caller, String action, Object before, Decision d, EnforcementCase c) {
        return audit.append(caller, new AuditLog.Change(action, "decision", d.id.toString(), before, d.state(), null))
                .call(() -> events.decisionChanged(d, c))
                .replaceWith(d);
    }

    private EnforcementCase changeableCase(Caller caller, EnforcementCase c, String ifMatch) {
        if (c == null || !mayChangeAt(caller, c.divisionCode)) {
            throw caseNotFound();
        }
        if (ifMatch != null) {
            EntityTags.checkCurrent(ifMatch, c.version);
        }
        if (!c.isOpen()) {
            throw ProblemException.of(EnforcementProblem.CASE_CLOSED, "case " + c.id + " is closed");
        }
        return c;
    }

    /** Opening and changing cases: a platform-admin anywhere; an officer within their jurisdiction. */
    private static boolean mayChangeAt(Caller caller, String divisionCode) {
        return caller.isPlatformAdmin() || caller.hasAnyRole(Roles.AGENCY_OFFICER) && caller.canSee(divisionCode);
    }

    private static boolean seesCase(Caller caller, EnforcementCase c) {
        return caller.isPlatformAdmin()
                || caller.hasAnyRole(Roles.AGENCY_OFFICER, Roles.AGENCY_LEAD) && caller.canSee(c.divisionCode);
    }

    private static EnforcementCase visibleCase(Caller caller, EnforcementCase c) {
        if (c == null || !seesCase(caller, c)) {
            throw caseNotFound();
        }
        return c;
    }

    /** A decision: whoever sees its case; an enterprise reporter their own enterprise's once issued. */
    private static Decision visibleDecision(Caller caller, Decision d, EnforcementCase c) {
        boolean issued = d.status() == DecisionStatus.ISSUED || d.status() == DecisionStatus.EXECUTED
                || d.servedOn != null;
        if (c == null || !(seesCase(caller, c) || issued && caller.hasAnyRole(Roles.ENTERPRISE_REPORTER)
                && caller.isOwnEnterprise(c.enterpriseUscc))) {
            throw decisionNotFound();
        }
        return d;
    }

    private static String caseScope(Caller caller) {
        if (caller.isPlatformAdmin()) {
            return "";
        }
        if (caller.hasAnyRole(Roles.AGENCY_OFFICER, Roles.AGENCY_LEAD) && caller.jurisdiction() != null
                && !caller.jurisdiction().isBlank()) {
            return DivisionCode.scopePrefix(caller.jurisdiction());
        }
        return null;
    }

    private static CaseRepository.Position position(String cursor) {
        String key = PageCursor.decode(cursor, k -> k.matches("[0-9]{1,19}\\.[0-9]{1,9}_[0-9a-f-]{36}"));
        if (key == null) {
            return null;
        }
        int dot = key.indexOf('.');
        int underscore = key.indexOf('_');
        Instant at = Instant.ofEpochSecond(Long.parseLong(key.substring(0, dot)),
                Long.parseLong(key.substring(dot + 1, underscore)));
        try {
            return new CaseRepository.Position(at, UUID.fromString(key.substring(underscore + 1)));
        } catch (IllegalArgumentException e) {
            throw ProblemException.field(ProblemType.VALIDATION_FAILED, "cursor", "not a cursor of this list");
        }
    }

    private static UUID parseId(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a case's violations as JSON", e);
        }
    }

    static ProblemException caseNotFound() {
        return ProblemException.of(EnforcementProblem.CASE_NOT_FOUND, "no such case");
    }

    static ProblemException decisionNotFound() {
        return ProblemException.of(EnforcementProblem.DECISION_NOT_FOUND, "no such decision");
    }
}
