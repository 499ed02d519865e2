package org.ecogov.enforcement.service;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.ecogov.clients.ServiceCallException;
import org.ecogov.clients.registry.RegistryClient;
import org.ecogov.clients.registry.generated.model.Enterprise;
import org.ecogov.enforcement.domain.EnforcementProblem;
import org.ecogov.enforcement.domain.Inspection;
import org.ecogov.enforcement.domain.InspectionPlan;
import org.ecogov.enforcement.domain.InspectionStatus;
import org.ecogov.enforcement.domain.RandomDraw;
import org.ecogov.enforcement.repository.EnterpriseCopyRepository;
import org.ecogov.enforcement.repository.InspectionRepository;
import org.ecogov.runtime.audit.AuditLog;
import org.ecogov.runtime.concurrency.EntityTags;
import org.ecogov.runtime.problem.FieldViolation;
import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.identifiers.DivisionCode;
import org.ecogov.runtime.problem.ProblemType;
import org.ecogov.runtime.security.Caller;
import org.ecogov.runtime.security.Roles;
import org.ecogov.runtime.security.ServiceIdentity;
import org.ecogov.runtime.time.Clock;

/**
 * Random inspection plans ("double random, one public"): an agency lead defines one for a period; drawing it reads
 * the target pool from the registry with the service's own identity, adds the always-included enterprises, draws a
 * seed from {@link SecureRandom}, runs {@link RandomDraw} and assigns one {@code random} inspection per target to its
 * pair. The plan's owners (officers and leads of its agency) see the assignments at once; everyone else sees an
 * assignment once its inspection has started, the seed once every drawn inspection has, the results once the plan
 * is closed.
 */
@ApplicationScoped
public class PlanService {

    /** The always-include rules (the contract's AlwaysIncludeRule). */
    public static final String VIOLATION_IN_LAST_YEAR = "violation-in-last-year";
    public static final String VERIFIED_COMPLAINTS = "verified-complaints";

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<Map<String, List<String>>> RULES_BY_USCC = new TypeReference<>() { };
    private static final int PAGE = 100;

    private final InspectionRepository inspections;
    private final EnterpriseCopyRepository enterprises;
    private final InspectionService inspectionService;
    private final EnterpriseCopyRefresh copy;
    private final RegistryClient registry;
    private final ServiceIdentity identity;
    private final AuditLog audit;
    private final org.ecogov.enforcement.events.EnforcementEvents events;
    private final ObjectMapper json;
    private final Clock clock;
    private final SecureRandom seeds = new SecureRandom();

    public PlanService(InspectionRepository inspections, EnterpriseCopyRepository enterprises,
            InspectionService inspectionService, EnterpriseCopyRefresh copy, RegistryClient registry,
            ServiceIdentity identity, AuditLog audit, ObjectMapper json, Clock clock,
            org.ecogov.enforcement.events.EnforcementEvents events) {
        this.events = events;
        this.inspections = inspections;
        this.enterprises = enterprises;
        this.inspectionService = inspectionService;
        this.copy = copy;
        this.registry = registry;
        this.identity = identity;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /** A plan with the inspections its draw made (none before the draw), ordered by enterprise. */
    public record PlanView(InspectionPlan plan, List<Inspection> drawn) {

        /** Whether every drawn inspection has started, so the seed is published. */
        public boolean seedPublished() {
            return !drawn.isEmpty() && drawn.stream().noneMatch(i -> i.status() == InspectionStatus.ASSIGNED);
        }
    }

    /** The owners of a plan: the officers and leads of its agency. */
    public static boolean owns(Caller caller, String agency) {
        return agency != null && agency.equals(caller.agency())
                && caller.hasAnyRole(Roles.AGENCY_OFFICER, Roles.AGENCY_LEAD);
    }

    public Uni<InspectionPlan> define(Caller caller, PlanDraft draft) {
        List<FieldViolation> violations = new ArrayList<>();
        if (draft.periodEnd().isBefore(draft.periodStart())) {
            violations.add(new FieldViolation("periodEnd", "must not be before periodStart"));
        }
        if (draft.samplingRatio().signum() <= 0) {
            violations.add(new FieldViolation("samplingRatio", "must be more than 0"));
        }
        if (draft.inspectors().size() % 2 != 0) {
            violations.add(new FieldViolation("inspectors", "the draw pairs the inspectors: give an even number"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.fields(ProblemType.VALIDATION_FAILED, "the plan is inconsistent", violations);
        }
        if (caller.agency() == null || !caller.canSee(draft.jurisdiction())) {
            throw ProblemException.field(ProblemType.FORBIDDEN, "jurisdiction",
                    "a plan is defined by an agency lead for their own jurisdiction or a part of it");
        }
        InspectionPlan plan = new InspectionPlan();
        plan.id = UUID.randomUUID();
        plan.title = draft.title().strip();
        plan.agency = caller.agency();
        plan.jurisdiction = draft.jurisdiction();
        plan.periodStart = draft.periodStart();
        plan.periodEnd = draft.periodEnd();
        plan.keyMonitoredOnly = draft.keyMonitoredOnly();
        plan.samplingRatio = draft.samplingRatio();
        plan.inspectors = write(new TreeSet<>(draft.inspectors()));
        plan.status = InspectionPlan.DEFINED;
        plan.stampCreated(caller.actor(), clock.now());
        return Panache.withTransaction(() -> plan.<InspectionPlan>persist()
                .call(p -> audit.append(caller, new AuditLog.Change("plan-defined", "inspection-plan", p.id.toString(),
                        null, p.state(), null)))
                .call(p -> events.planChanged(p, 0)));
    }

    public Uni<PlanView> get(Caller caller, UUID id) {
        return Panache.withSession(() -> InspectionPlan.<InspectionPlan>findById(id)
                .map(plan -> visible(caller, plan))
                .chain(this::view));
    }

    /** The caller's own agency's plans, newest first (others: an empty page), each with its drawn inspections. */
    public Uni<org.ecogov.runtime.paging.Page<PlanView>> list(Caller caller, String status, String cursor, int limit) {
        Instant[] at = new Instant[1];
        UUID after = position(cursor, at);
        if (caller.agency() == null || !caller.hasAnyRole(Roles.AGENCY_OFFICER, Roles.AGENCY_LEAD)) {
            return Uni.createFrom().item(new org.ecogov.runtime.paging.Page<>(List.of(), null, limit));
        }
        StringBuilder where = new StringBuilder("agency = :agency");
        io.quarkus.panache.common.Parameters params = io.quarkus.panache.common.Parameters.with("agency", caller.agency());
        if (status != null) {
            where.append(" and status = :status");
            params.and("status", status);
        }
        if (after != null) {
            where.append(" and (createdAt < :at or (createdAt = :at and id < :id))");
            params.and("at", at[0]).and("id", after);
        }
        return Panache.withSession(() -> InspectionPlan.<InspectionPlan>find(where.toString(),
                        io.quarkus.panache.common.Sort.descending("createdAt", "id"), params).range(0, limit).list()
                .chain(rows -> views(org.ecogov.runtime.paging.Page.of(rows, limit, p -> key(p.createdAt, p.id)))));
    }

    /** Every drawn plan, newest draw first, within the jurisdiction given (a division code; null: all). */
    public Uni<org.ecogov.runtime.paging.Page<PlanView>> publishedList(String jurisdiction, String cursor, int limit) {
        Instant[] at = new Instant[1];
        UUID after = position(cursor, at);
        StringBuilder where = new StringBuilder("status <> 'defined'");
        io.quarkus.panache.common.Parameters params = new io.quarkus.panache.common.Parameters();
        if (jurisdiction != null) {
            where.append(" and jurisdiction like :scope");
            params.and("scope", DivisionCode.scopePrefix(jurisdiction) + "%");
        }
        if (after != null) {
            where.append(" and (drawnAt < :at or (drawnAt = :at and id < :id))");
            params.and("at", at[0]).and("id", after);
        }
        return Panache.withSession(() -> InspectionPlan.<InspectionPlan>find(where.toString(),
                        io.quarkus.panache.common.Sort.descending("drawnAt", "id"), params).range(0, limit).list()
                .chain(rows -> views(org.ecogov.runtime.paging.Page.of(rows, limit, p -> key(p.drawnAt, p.id)))));
    }

    private Uni<org.ecogov.runtime.paging.Page<PlanView>> views(org.ecogov.runtime.paging.Page<InspectionPlan> page) {
        Uni<List<PlanView>> items = Uni.createFrom().item(new ArrayList<>());
        for (InspectionPlan plan : page.items()) {
            items = items.chain(list -> view(plan).map(v -> {
                list.add(v);
                return list;
            }));
        }
        return items.map(list -> new org.ecogov.runtime.paging.Page<>(list, page.next(), page.limit()));
    }

    private static String key(Instant at, UUID id) {
        return at.getEpochSecond() + "." + at.getNano() + "_" + id;
    }

    /** The id where the previous page ended, and its time in {@code at[0]}; null for the first page. */
    private static UUID position(String cursor, Instant[] at) {
        String key = org.ecogov.runtime.paging.PageCursor.decode(cursor,
                k -> k.matches("[0-9]{1,19}\\.[0-9]{1,9}_[0-9a-f-]{36}"));
        if (key == null) {
            return null;
        }
        int dot = key.indexOf('.');
        int underscore = key.indexOf('_');
        try {
            at[0] = Instant.ofEpochSecond(Long.parseLong(key.substring(0, dot)),
                    Long.parseLong(key.substring(dot + 1, underscore)));
            return UUID.fromString(key.substring(underscore + 1));
        } catch (RuntimeException e) {
            throw ProblemException.field(ProblemType.VALIDATION_FAILED, "cursor", "not a cursor of this list");
        }
    }

    /** The published draw of a drawn plan; 404 for a plan not drawn. */
    public Uni<PlanView> published(UUID id) {
        return Panache.withSession(() -> InspectionPlan.<InspectionPlan>findById(id)
                .map(plan -> {
                    if (plan == null || InspectionPlan.DEFINED.equals(plan.status)) {
                        throw ProblemException.of(EnforcementProblem.PLAN_NOT_FOUND, "no drawn plan " + id);
                    }
                    return plan;
                })
                .chain(this::view));
    }

    /**
     * Draws the plan: the checks first (so a refused draw calls nobody), then the pool from the registry, copied
     * into the enterprise copy, then, in one transaction under the plan's lock, the draw and its inspections.
     */
    public Uni<PlanView> draw(Caller caller, UUID id, String ifMatch) {
        EntityTags.requireVersion(ifMatch);
        return Panache.withSession(() -> InspectionPlan.<InspectionPlan>findById(id))
                .map(plan -> drawable(caller, plan, ifMatch))
                .chain(plan -> readPool(plan).chain(pool -> Panache.withTransaction(() ->
                        InspectionPlan.<InspectionPlan>findById(id, LockModeType.PESSIMISTIC_WRITE)
                                .map(locked -> drawable(caller, locked, ifMatch))
                                .chain(locked -> drawLocked(caller, locked, pool)))));
    }

    public Uni<PlanView> close(Caller caller, UUID id, String ifMatch) {
        EntityTags.requireVersion(ifMatch);
        return Panache.withTransaction(() -> InspectionPlan.<InspectionPlan>findById(id, LockModeType.PESSIMISTIC_WRITE)
                .map(plan -> {
                    ownedByLead(caller, plan);
                    EntityTags.checkCurrent(ifMatch, plan.version);
                    if (!InspectionPlan.DRAWN.equals(plan.status)) {
                        throw ProblemException.of(EnforcementProblem.INVALID_PLAN_TRANSITION,
                                "a plan " + plan.status + " cannot be closed; only a drawn one");
                    }
                    return plan;
                })
                .chain(plan -> inspections.ofPlan(plan.id).chain(drawn -> {
                    List<String> open = drawn.stream().filter(i -> i.status() != InspectionStatus.COMPLETED)
                            .map(i -> i.id + " (" + i.enterpriseUscc + ", " + i.status + ")").toList();
                    if (!open.isEmpty()) {
                        throw ProblemException.of(EnforcementProblem.PLAN_HAS_OPEN_INSPECTIONS,
                                "not completed yet: " + String.join(", ", open));
                    }
                    Object before = plan.state();
                    plan.status = InspectionPlan.CLOSED;
                    plan.closedAt = clock.now();
                    plan.stampUpdated(caller.actor(), plan.closedAt);
                    return audit.append(caller, new AuditLog.Change("plan-closed", "inspection-plan", plan.id.toString(),
                                    before, plan.state(), null))
                            .call(() -> events.planChanged(plan, drawn.size()))
                            .replaceWith(new PlanView(plan, drawn));
                })));
    }

    public List<String> inspectors(InspectionPlan plan) {
        return read(plan.inspectors, STRINGS);
    }

    public List<String> pool(InspectionPlan plan) {
        return plan.pool == null ? List.of() : read(plan.pool, STRINGS);
    }

    public List<String> rulesApplied(InspectionPlan plan) {
        return plan.rulesApplied == null ? List.of() : read(plan.rulesApplied, STRINGS);
    }

    /** The always-included enterprises of the draw with their rules, by USCC. */
    public Map<String, List<String>> alwaysIncluded(InspectionPlan plan) {
        return plan.alwaysIncluded == null ? Map.of() : new TreeMap<>(read(plan.alwaysIncluded, RULES_BY_USCC));
    }

    /** Lower-case hexadecimal SHA-256 of the seed's decimal text in ASCII, as published at the draw. */
    public static String seedSha256(long seed) {
        return EvidenceService.sha256(Long.toString(seed).getBytes(StandardCharsets.US_ASCII));
    }

    private Uni<PlanView> view(InspectionPlan plan) {
        return inspections.ofPlan(plan.id).map(drawn -> new PlanView(plan, drawn));
    }

    /** The plan if the caller may read it: platform-admins, officials within its jurisdiction; else 404. */
    private static InspectionPlan visible(Caller caller, InspectionPlan plan) {
        if (plan == null || !(caller.isPlatformAdmin() || owns(caller, plan.agency)
                || caller.hasAnyRole(Roles.AGENCY_OFFICER, Roles.AGENCY_LEAD) && caller.canSee(plan.jurisdiction))) {
            throw ProblemException.of(EnforcementProblem.PLAN_NOT_FOUND, "no such inspection plan");
        }
        return plan;
    }

    /** Drawing and closing: a lead of the plan's agency only (others who may read it: 403). */
    private static InspectionPlan ownedByLead(Caller caller, InspectionPlan plan) {
        visible(caller, plan);
        if (!owns(caller, plan.agency) || !caller.hasAnyRole(Roles.AGENCY_LEAD)) {
            throw ProblemException.of(ProblemType.FORBIDDEN, "only a lead of " + plan.agency + ", which owns the plan,"
                    + " draws and closes it");
        }
        return plan;
    }

    private static InspectionPlan drawable(Caller caller, InspectionPlan plan, String ifMatch) {
        ownedByLead(caller, plan);
        EntityTags.checkCurrent(ifMatch, plan.version);
        if (!InspectionPlan.DEFINED.equals(plan.status)) {
            throw ProblemException.of(EnforcementProblem.INVALID_PLAN_TRANSITION, "the plan is " + plan.status
                    + "; a plan is drawn once");
        }
        return plan;
    }

    /**
     * The target pool: the registry's operating enterprises under the plan's jurisdiction (key-monitored ones only if
     * the plan says so), read page by page with the service's own identity and written into the enterprise copy (the
     * drawn inspections need them there). The registry unreachable: 503, nothing drawn.
     */
    private Uni<Set<String>> readPool(InspectionPlan plan) {
        Instant at = clock.now();
        Set<String> pool = new TreeSet<>();
        return Multi.createBy().repeating()
                .uni(() -> new String[] {null, ""}, state -> state[1] == null ? Uni.createFrom().nullItem()
                        : registry.enterprises(identity, plan.jurisdiction, state[0], PAGE)
                                .call(page -> {
                                    List<Enterprise> wanted = page.getItems() == null ? List.of() : page.getItems()
                                            .stream().filter(e -> "operating".equals(String.valueOf(e.getStatus())))
                                            .filter(e -> !plan.keyMonitoredOnly
                                                    || Boolean.TRUE.equals(e.getDetails().getKeyMonitored()))
                                            .toList();
                                    wanted.forEach(e -> pool.add(e.getUscc()));
                                    return copy.copy(wanted, at);
                                })
                                .invoke(page -> {
                                    state[0] = page.getNext();
                                    state[1] = page.getNext();
                                }))
                .whilst(page -> page != null && page.getNext() != null)
                .collect().last()
                .replaceWith(() -> (Set<String>) pool)
                .onFailure(ServiceCallException.class).transform(failure -> ProblemException.of(
                        ProblemType.SERVICE_UNAVAILABLE, "The plan cannot be drawn now: the registry's enterprises could"
                                + " not be read (" + ((ServiceCallException) failure).kind() + "). Nothing was drawn;"
                                + " try again shortly."));
    }

    private Uni<PlanView> drawLocked(Caller caller, InspectionPlan plan, Set<String> pool) {
        if (pool.isEmpty()) {
            throw ProblemException.of(EnforcementProblem.PLAN_POOL_EMPTY, "the registry lists no "
                    + (plan.keyMonitoredOnly ? "key-monitored " : "") + "operating enterprise under " + plan.jurisdiction);
        }
        Instant since = clock.now().atZone(Clock.AGENCY_ZONE).minusYears(1).toInstant();
        return Panache.getSession().chain(session -> session
                        .createNativeQuery("select distinct enterprise_uscc from enforcement_case where created_at >= ?1",
                                String.class)
                        .setParameter(1, since).getResultList())
                .chain(withCases -> {
                    Map<String, List<String>> always = new TreeMap<>();
                    for (String uscc : withCases) {
                        if (pool.contains(uscc.strip())) {
                            always.put(uscc.strip(), List.of(VIOLATION_IN_LAST_YEAR));
                        }
                    }
                    long seed = seeds.nextLong();
                    Set<String> people = new TreeSet<>(inspectors(plan));
                    RandomDraw draw = RandomDraw.draw(seed, pool, always.keySet(), plan.samplingRatio, people);
                    Object before = plan.state();
                    plan.status = InspectionPlan.DRAWN;
                    plan.algorithmVersion = RandomDraw.ALGORITHM_VERSION;
                    plan.seed = seed;
                    plan.seedSha256 = seedSha256(seed);
                    plan.pool = write(pool);
                    plan.alwaysIncluded = write(always);
                    plan.rulesApplied = write(List.of(VIOLATION_IN_LAST_YEAR));
                    plan.drawnAt = clock.now();
                    plan.stampUpdated(caller.actor(), plan.drawnAt);
                    Uni<Void> chain = audit.append(caller, new AuditLog.Change("plan-drawn", "inspection-plan",
                            plan.id.toString(), before, plan.state(), draw.targets().size() + " targets")).replaceWithVoid();
                    for (Map.Entry<String, List<String>> target : draw.targets().entrySet()) {
                        chain = chain.chain(() -> enterprises.find(target.getKey())
                                .chain(enterprise -> inspectionService.assignDrawn(caller, plan, enterprise,
                                        target.getValue()))
                                .replaceWithVoid());
                    }
                    return chain.chain(() -> events.planChanged(plan, draw.targets().size()))
                            .chain(() -> inspections.ofPlan(plan.id)).map(drawn -> new PlanView(plan, drawn));
                });
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a plan's part as JSON", e);
        }
    }

    private <T> T read(String value, TypeReference<T> type) {
        try {
            return json.readValue(value, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a plan's stored part is not readable JSON", e);
        }
    }

    /** For the view: the drawn inspections by enterprise, in USCC order. */
    public static Map<String, Inspection> byEnterprise(List<Inspection> drawn) {
        Map<String, Inspection> map = new LinkedHashMap<>();
        drawn.forEach(i -> map.put(i.enterpriseUscc, i));
        return map;
    }
}
