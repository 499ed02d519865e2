package org.ecogov.enforcement.rest;

import java.util.UUID;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;

import org.ecogov.enforcement.api.CasesApi;
import org.ecogov.enforcement.api.model.CaseClosureDto;
import org.ecogov.enforcement.api.model.CaseCreateDto;
import org.ecogov.enforcement.api.model.CasePageDto;
import org.ecogov.enforcement.api.model.CaseStatusDto;
import org.ecogov.enforcement.api.model.CaseViolationsDto;
import org.ecogov.enforcement.api.model.DecisionApprovalDto;
import org.ecogov.enforcement.api.model.DecisionCreateDto;
import org.ecogov.enforcement.api.model.DecisionIssuanceDto;
import org.ecogov.enforcement.api.model.DecisionOutcomeDto;
import org.ecogov.enforcement.config.EnforcementAccess;
import org.ecogov.enforcement.domain.Decision;
import org.ecogov.enforcement.mapping.CaseMapper;
import org.ecogov.enforcement.mapping.InspectionMapper;
import org.ecogov.enforcement.service.CaseService;
import org.ecogov.runtime.access.Access;
import org.ecogov.runtime.idempotency.Idempotency;
import org.ecogov.runtime.rest.Responses;
import org.ecogov.runtime.security.CallerProducer;

/** Cases and decisions over HTTP: the rules are CaseService's, who may call what is config/EnforcementAccess. */
@Authenticated
public class CaseResource implements CasesApi {

    private final CaseService cases;
    private final CallerProducer callers;
    private final Idempotency idempotency;

    public CaseResource(CaseService cases, CallerProducer callers, Idempotency idempotency) {
        this.cases = cases;
        this.callers = callers;
        this.idempotency = idempotency;
    }

    @Override
    @Access(EnforcementAccess.CHANGE_CASES)
    public Uni<Response> openCase(String idempotencyKey, CaseCreateDto body) {
        return callers.resolve().chain(caller -> idempotency.once(caller, idempotencyKey, "openCase", body,
                () -> cases.open(caller, CaseMapper.draft(body)).map(view -> Responses.created(
                        "/api/v1/cases/" + view.enforcementCase().id, dto(view), view.enforcementCase().version))));
    }

    @Override
    @Access(EnforcementAccess.READ_CASES)
    public Uni<Response> getCase(String caseId) {
        return callers.resolve().chain(caller -> cases.get(caller, UUID.fromString(caseId)))
                .map(view -> Responses.ok(dto(view), view.enforcementCase().version));
    }

    @Override
    @Access(EnforcementAccess.READ_CASES)
    public Uni<Response> listCases(String enterpriseUscc, CaseStatusDto status, String cursor, Integer limit) {
        return callers.resolve()
                .chain(caller -> cases.list(caller, enterpriseUscc, status == null ? null : status.toString(), cursor, limit))
                .map(page -> Responses.ok(new CasePageDto().items(page.map(this::dto).items()).next(page.next())
                        .limit(page.limit())));
    }

    @Override
    @Access(EnforcementAccess.CHANGE_CASES)
    public Uni<Response> closeCase(String caseId, CaseClosureDto body, String ifMatch) {
        return callers.resolve().chain(caller -> cases.close(caller, UUID.fromString(caseId), ifMatch, body.getNote()))
                .map(view -> Responses.ok(dto(view), view.enforcementCase().version));
    }

    @Override
    @Access(EnforcementAccess.CHANGE_CASES)
    public Uni<Response> changeCaseViolations(String caseId, CaseViolationsDto body, String ifMatch) {
        return callers.resolve().chain(caller -> cases.changeViolations(caller, UUID.fromString(caseId), ifMatch,
                        CaseMapper.violations(body.getViolations())))
                .map(view -> Responses.ok(dto(view), view.enforcementCase().version));
    }

    @Override
    @Access(EnforcementAccess.CHANGE_CASES)
    public Uni<Response> proposeDecision(String caseId, String idempotencyKey, DecisionCreateDto body) {
        return callers.resolve().chain(caller -> idempotency.once(caller, idempotencyKey, "proposeDecision",
                java.util.Map.of("caseId", caseId, "body", body),
                () -> cases.propose(caller, UUID.fromString(caseId), CaseMapper.draft(body))
                        .chain(this::answer).map(a -> Responses.created("/api/v1/decisions/" + a.decision().id,
                                a.dto(), a.decision().version))));
    }

    @Override
    @Access(EnforcementAccess.READ_DECISIONS)
    public Uni<Response> listDecisions(String enterpriseUscc, org.ecogov.enforcement.api.model.DecisionStatusDto status,
            String cursor, Integer limit) {
        return callers.resolve().chain(caller -> cases.listDecisions(caller, enterpriseUscc,
                        status == null ? null : status.toString(), cursor, limit))
                .map(page -> Responses.ok(new org.ecogov.enforcement.api.model.DecisionPageDto()
                        .items(page.items().stream().map(dv -> CaseMapper.toDto(dv.decision(), dv.enforcementCase(),
                                cases.decided(dv.decision()))).toList())
                        .next(page.next()).limit(page.limit())));
    }

    @Override
    @Access(EnforcementAccess.READ_DECISIONS)
    public Uni<Response> getDecision(String decisionId) {
        return callers.resolve().chain(caller -> cases.getDecision(caller, UUID.fromString(decisionId)))
                .chain(this::answer).map(a -> Responses.ok(a.dto(), a.decision().version));
    }

    @Override
    @Access(EnforcementAccess.APPROVE_DECISIONS)
    public Uni<Response> approveDecision(String decisionId, DecisionApprovalDto body, String ifMatch) {
        return callers.resolve().chain(caller -> cases.approve(caller, UUID.fromString(decisionId), ifMatch))
                .chain(this::answer).map(a -> Responses.ok(a.dto(), a.decision().version));
    }

    @Override
    @Access(EnforcementAccess.CHANGE_CASES)
    public Uni<Response> issueDecision(String decisionId, DecisionIssuanceDto body, String ifMatch) {
        return callers.resolve().chain(caller -> cases.issue(caller, UUID.fromString(decisionId), ifMatch,
                        InspectionMapper.date("servedOn", body.getServedOn()),
                        body.getFollowUpInspectors() == null ? null : java.util.List.copyOf(body.getFollowUpInspectors())))
                .chain(this::answer).map(a -> Responses.ok(a.dto(), a.decision().version));
    }

    @Override
    @Access(EnforcementAccess.CHANGE_CASES)
    public Uni<Response> concludeDecision(String decisionId, DecisionOutcomeDto body, String ifMatch) {
        return callers.resolve().chain(caller -> cases.conclude(caller, UUID.fromString(decisionId), ifMatch,
                        body.getOutcome() == org.ecogov.enforcement.api.model.DecisionOutcomeKindDto.EXECUTED, body.getReason()))
                .chain(this::answer).map(a -> Responses.ok(a.dto(), a.decision().version));
    }

    @Override
    @Access(EnforcementAccess.READ_DISCLOSURE)
    public Uni<Response> listDisclosedDecisions(String enterpriseUscc, String cursor, Integer limit) {
        return cases.disclosed(enterpriseUscc, cursor, limit).map(page -> Responses.ok(
                new org.ecogov.enforcement.api.model.DisclosedDecisionPageDto()
                        .items(page.map(dd -> CaseMapper.disclosed(dd.decision(), dd.enforcementCase(),
                                cases.decidedViolations(dd.decision(), dd.enforcementCase()))).items())
                        .next(page.next()).limit(page.limit())));
    }

    private record Answer(Decision decision, org.ecogov.enforcement.api.model.DecisionDto dto) {
    }

    private Uni<Answer> answer(Decision d) {
        return cases.caseOf(d).map(c -> new Answer(d, CaseMapper.toDto(d, c, cases.decided(d))));
    }

    private org.ecogov.enforcement.api.model.CaseDto dto(CaseService.CaseView view) {
        return CaseMapper.toDto(view.enforcementCase(), cases.violations(view.enforcementCase()), view.decisions(),
                cases::decided);
    }
}
