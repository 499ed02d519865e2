package org.ecogov.enforcement.mapping;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.ecogov.enforcement.api.model.CaseCreateDto;
import org.ecogov.enforcement.api.model.CaseDto;
import org.ecogov.enforcement.api.model.CaseStatusDto;
import org.ecogov.enforcement.api.model.DecisionCreateDto;
import org.ecogov.enforcement.api.model.DecisionDto;
import org.ecogov.enforcement.api.model.DecisionKindDto;
import org.ecogov.enforcement.api.model.DecisionStatusDto;
import org.ecogov.enforcement.api.model.PenaltyArithmeticDto;
import org.ecogov.enforcement.api.model.PollutantCodeDto;
import org.ecogov.enforcement.api.model.ViolationDto;
import org.ecogov.enforcement.domain.DailyPenalty;
import org.ecogov.enforcement.domain.Decision;
import org.ecogov.enforcement.domain.DecisionKind;
import org.ecogov.enforcement.domain.EnforcementCase;
import org.ecogov.enforcement.domain.ViolationEntry;
import org.ecogov.enforcement.service.CaseDraft;
import org.ecogov.enforcement.service.DecisionDraft;
import org.ecogov.runtime.time.Clock;

/** Cases and decisions between the contract's models and the domain. */
public final class CaseMapper {

    private CaseMapper() {
    }

    public static CaseDraft draft(CaseCreateDto body) {
        return new CaseDraft(body.getEnterpriseUscc(),
                body.getInspectionId() == null ? null : UUID.fromString(body.getInspectionId()),
                violations(body.getViolations()));
    }

    /** The violations as sent, with the ids sent (null where none was). */
    public static List<ViolationEntry> violations(List<ViolationDto> sent) {
        return sent.stream().map(v -> new ViolationEntry(v.getId(), v.getLegalBasis(), v.getDescription(),
                v.getPollutantCode() == null ? null : v.getPollutantCode().toString(), v.getOutletCode(),
                v.getEvidence() == null ? List.of() : List.copyOf(v.getEvidence()))).toList();
    }

    public static DecisionDraft draft(DecisionCreateDto body) {
        return new DecisionDraft(DecisionKind.of(body.getKind().toString()), body.getDescription(),
                body.getAmount() == null ? null : new BigDecimal(body.getAmount()),
                InspectionMapper.date("rectificationDeadline", body.getRectificationDeadline()),
                body.getFineDecisionId() == null ? null : UUID.fromString(body.getFineDecisionId()),
                body.getViolationIds() == null || body.getViolationIds().isEmpty() ? null
                        : List.copyOf(body.getViolationIds()));
    }

    public static CaseDto toDto(EnforcementCase c, List<ViolationEntry> violations, List<Decision> decisions,
            java.util.function.Function<Decision, List<String>> decided) {
        return new CaseDto()
                .id(c.id.toString())
                .enterpriseUscc(c.enterpriseUscc)
                .enterpriseName(c.enterpriseName)
                .divisionCode(c.divisionCode)
                .inspectionId(c.inspectionId == null ? null : c.inspectionId.toString())
                .status(CaseStatusDto.fromValue(c.status))
                .closingNote(c.closingNote)
                .violations(violations.stream().map(v -> new ViolationDto().id(v.id()).legalBasis(v.legalBasis())
                        .description(v.description())
                        .pollutantCode(v.pollutantCode() == null ? null : PollutantCodeDto.fromValue(v.pollutantCode()))
                        .outletCode(v.outletCode()).evidence(v.evidence() == null || v.evidence().isEmpty() ? null
                                : new java.util.LinkedHashSet<>(v.evidence()))).toList())
                .decisions(decisions.stream().map(d -> toDto(d, c, decided.apply(d))).toList())
                .audit(InspectionMapper.audit(c));
    }

    /** An issued decision as the public is shown it: no person's name, no free text. */
    public static org.ecogov.enforcement.api.model.DisclosedDecisionDto disclosed(Decision d, EnforcementCase c,
            List<ViolationEntry> violations) {
        var dto = new org.ecogov.enforcement.api.model.DisclosedDecisionDto()
                .decisionId(d.id.toString())
                .enterpriseUscc(c.enterpriseUscc)
                .enterpriseName(c.enterpriseName)
                .kind(DecisionKindDto.fromValue(d.kind))
                .status(DecisionStatusDto.fromValue(d.status))
                .violations(violations.stream().map(v -> new org.ecogov.enforcement.api.model.DisclosedViolationDto()
                        .legalBasis(v.legalBasis())
                        .pollutantCode(v.pollutantCode() == null ? null : PollutantCodeDto.fromValue(v.pollutantCode()))
                        .outletCode(v.outletCode())).toList())
                .amount(d.amount == null ? null : d.amount.toPlainString())
                .rectificationDeadline(d.rectificationDeadline == null ? null : d.rectificationDeadline.toString())
                .servedOn(d.servedOn.toString());
        DailyPenalty p = d.penalty();
        if (p != null) {
            dto.penalty(penalty(p));
        }
        return dto;
    }

    private static PenaltyArithmeticDto penalty(DailyPenalty p) {
        return new PenaltyArithmeticDto().servedOn(p.servedOn().toString()).from(p.from().toString())
                .to(p.to().toString()).days(Math.toIntExact(p.days())).amountPerDay(p.amountPerDay().toPlainString())
                .total(p.total().toPlainString()).arithmetic(p.arithmetic());
    }

    public static DecisionDto toDto(Decision d, EnforcementCase c, List<String> violationIds) {
        DecisionDto dto = new DecisionDto()
                .id(d.id.toString())
                .caseId(d.caseId.toString())
                .enterpriseUscc(c.enterpriseUscc)
                .kind(DecisionKindDto.fromValue(d.kind))
                .status(DecisionStatusDto.fromValue(d.status))
                .description(d.description)
                .amount(d.amount == null ? null : d.amount.toPlainString())
                .rectificationDeadline(d.rectificationDeadline == null ? null : d.rectificationDeadline.toString())
                .fineDecisionId(d.fineDecisionId == null ? null : d.fineDecisionId.toString())
                .rectificationOrderId(d.rectificationOrderId == null ? null : d.rectificationOrderId.toString())
                .followUpInspectionId(d.followUpInspectionId == null ? null : d.followUpInspectionId.toString())
                .approvedAt(Clock.utc(d.approvedAt))
                .approvedBy(d.approvedBy)
                .servedOn(d.servedOn == null ? null : d.servedOn.toString())
                .outcomeReason(d.outcomeReason)
                .violationIds(violationIds.isEmpty() ? null : violationIds)
                .audit(InspectionMapper.audit(d));
        DailyPenalty p = d.penalty();
        if (p != null) {
            dto.penalty(penalty(p));
        }
        return dto;
    }
}
