package org.ecogov.enforcement.rest;

import java.util.UUID;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;

import org.ecogov.enforcement.api.PlansApi;
import org.ecogov.enforcement.api.model.InspectionPlanCreateDto;
import org.ecogov.enforcement.api.model.PlanStepDto;
import org.ecogov.enforcement.config.EnforcementAccess;
import org.ecogov.enforcement.mapping.PlanMapper;
import org.ecogov.enforcement.service.InspectionService;
import org.ecogov.enforcement.service.PlanService;
import org.ecogov.runtime.access.Access;
import org.ecogov.runtime.idempotency.Idempotency;
import org.ecogov.runtime.rest.Responses;
import org.ecogov.runtime.security.Caller;
import org.ecogov.runtime.security.CallerProducer;

/** Random inspection plans over HTTP: the rules are PlanService's, who may call what is config/EnforcementAccess. */
@Authenticated
public class PlanResource implements PlansApi {

    private final PlanService plans;
    private final InspectionService inspections;
    private final CallerProducer callers;
    private final Idempotency idempotency;

    public PlanResource(PlanService plans, InspectionService inspections, CallerProducer callers, Idempotency idempotency) {
        this.plans = plans;
        this.inspections = inspections;
        this.callers = callers;
        this.idempotency = idempotency;
    }

    @Override
    @Access(EnforcementAccess.MANAGE_PLANS)
    public Uni<Response> createInspectionPlan(String idempotencyKey, InspectionPlanCreateDto body) {
        return callers.resolve().chain(caller -> idempotency.once(caller, idempotencyKey, "createInspectionPlan", body,
                () -> plans.define(caller, PlanMapper.draft(body)).map(plan -> Responses.created(
                        "/api/v1/inspection-plans/" + plan.id,
                        PlanMapper.toDto(new PlanService.PlanView(plan, java.util.List.of()), true, plans, inspections),
                        plan.version))));
    }

    @Override
    @Access(EnforcementAccess.READ_PLANS)
    public Uni<Response> getInspectionPlan(String planId) {
        return callers.resolve().chain(caller -> plans.get(caller, UUID.fromString(planId))
                .map(view -> answer(caller, view)));
    }

    @Override
    @Access(EnforcementAccess.MANAGE_PLANS)
    public Uni<Response> drawInspectionPlan(String planId, PlanStepDto body, String ifMatch) {
        return callers.resolve().chain(caller -> plans.draw(caller, UUID.fromString(planId), ifMatch)
                .map(view -> answer(caller, view)));
    }

    @Override
    @Access(EnforcementAccess.MANAGE_PLANS)
    public Uni<Response> closeInspectionPlan(String planId, PlanStepDto body, String ifMatch) {
        return callers.resolve().chain(caller -> plans.close(caller, UUID.fromString(planId), ifMatch)
                .map(view -> answer(caller, view)));
    }

    @Override
    @Access(EnforcementAccess.READ_PLANS)
    public Uni<Response> listInspectionPlans(org.ecogov.enforcement.api.model.PlanStatusDto status, String cursor,
            Integer limit) {
        return callers.resolve().chain(caller -> plans.list(caller, status == null ? null : status.toString(), cursor, limit)
                .map(page -> Responses.ok(new org.ecogov.enforcement.api.model.InspectionPlanPageDto()
                        .items(page.items().stream().map(view -> PlanMapper.toDto(view, true, plans, inspections)).toList())
                        .next(page.next()).limit(page.limit()))));
    }

    @Override
    @Access(EnforcementAccess.READ_PUBLISHED_DRAWS)
    public Uni<Response> listPublishedDraws(String jurisdiction, String cursor, Integer limit) {
        return plans.publishedList(jurisdiction, cursor, limit)
                .map(page -> Responses.ok(new org.ecogov.enforcement.api.model.PublishedDrawPageDto()
                        .items(page.items().stream().map(view -> PlanMapper.published(view, plans, inspections)).toList())
                        .next(page.next()).limit(page.limit())));
    }

    @Override
    @Access(EnforcementAccess.READ_PUBLISHED_DRAWS)
    public Uni<Response> getPublishedDraw(String planId) {
        return plans.published(UUID.fromString(planId))
                .map(view -> Responses.ok(PlanMapper.published(view, plans, inspections)));
    }

    private Response answer(Caller caller, PlanService.PlanView view) {
        return Responses.ok(PlanMapper.toDto(view, PlanService.owns(caller, view.plan().agency), plans, inspections),
                view.plan().version);
    }
}
