package org.ecogov.enforcement.mapping;

import java.math.BigDecimal;
import java.util.List;

import org.ecogov.enforcement.api.model.AlwaysIncludeRuleDto;
import org.ecogov.enforcement.api.model.AlwaysIncludedDto;
import org.ecogov.enforcement.api.model.DrawAssignmentDto;
import org.ecogov.enforcement.api.model.DrawResultDto;
import org.ecogov.enforcement.api.model.InspectionPlanCreateDto;
import org.ecogov.enforcement.api.model.InspectionPlanDto;
import org.ecogov.enforcement.api.model.InspectionStatusDto;
import org.ecogov.enforcement.api.model.PlanDrawDto;
import org.ecogov.enforcement.api.model.PlanStatusDto;
import org.ecogov.enforcement.api.model.PublishedDrawDto;
import org.ecogov.enforcement.domain.FindingEntry;
import org.ecogov.enforcement.domain.Inspection;
import org.ecogov.enforcement.domain.InspectionPlan;
import org.ecogov.enforcement.service.InspectionService;
import org.ecogov.enforcement.service.PlanDraft;
import org.ecogov.enforcement.service.PlanService;
import org.ecogov.runtime.time.Clock;

/**
 * Random plans between the contract's models and the domain. Who sees what of a draw is decided here from
 * {@code owner}: an owner every assignment and the seed; anyone else an assignment once its inspection has started,
 * the seed once every drawn inspection has; everyone the results once the plan is closed.
 */
public final class PlanMapper {

    private PlanMapper() {
    }

    public static PlanDraft draft(InspectionPlanCreateDto body) {
        return new PlanDraft(body.getTitle(), body.getJurisdiction(),
                InspectionMapper.date("periodStart", body.getPeriodStart()),
                InspectionMapper.date("periodEnd", body.getPeriodEnd()), Boolean.TRUE.equals(body.getKeyMonitoredOnly()),
                new BigDecimal(body.getSamplingRatio()), List.copyOf(body.getInspectors()));
    }

    public static InspectionPlanDto toDto(PlanService.PlanView view, boolean owner, PlanService plans,
            InspectionService inspections) {
        InspectionPlan p = view.plan();
        return new InspectionPlanDto().id(p.id.toString()).title(p.title).agency(p.agency).jurisdiction(p.jurisdiction)
                .periodStart(p.periodStart.toString()).periodEnd(p.periodEnd.toString())
                .keyMonitoredOnly(p.keyMonitoredOnly).samplingRatio(p.samplingRatio.toPlainString())
                .inspectors(plans.inspectors(p)).status(PlanStatusDto.fromValue(p.status))
                .draw(draw(view, owner, plans, inspections)).audit(InspectionMapper.audit(p));
    }

    public static PublishedDrawDto published(PlanService.PlanView view, PlanService plans, InspectionService inspections) {
        InspectionPlan p = view.plan();
        return new PublishedDrawDto().planId(p.id.toString()).agency(p.agency).jurisdiction(p.jurisdiction)
                .periodStart(p.periodStart.toString()).periodEnd(p.periodEnd.toString())
                .keyMonitoredOnly(p.keyMonitoredOnly).samplingRatio(p.samplingRatio.toPlainString())
                .inspectors(plans.inspectors(p)).status(PlanStatusDto.fromValue(p.status))
                .draw(draw(view, false, plans, inspections));
    }

    private static PlanDrawDto draw(PlanService.PlanView view, boolean owner, PlanService plans,
            InspectionService inspections) {
        InspectionPlan p = view.plan();
        if (p.seed == null) {
            return null;
        }
        List<Inspection> drawn = view.drawn();
        PlanDrawDto dto = new PlanDrawDto().algorithmVersion(p.algorithmVersion).drawnAt(Clock.utc(p.drawnAt))
                .seedSha256(p.seedSha256)
                .seed(owner || view.seedPublished() ? Long.toString(p.seed) : null)
                .pool(plans.pool(p))
                .alwaysIncluded(plans.alwaysIncluded(p).entrySet().stream()
                        .map(e -> new AlwaysIncludedDto().enterpriseUscc(e.getKey())
                                .rules(e.getValue().stream().map(AlwaysIncludeRuleDto::fromValue).toList()))
                        .toList())
                .rulesApplied(plans.rulesApplied(p).stream().map(AlwaysIncludeRuleDto::fromValue).toList())
                .targets(drawn.size())
                .assignments(drawn.stream().filter(i -> owner || !i.hiddenDraw())
                        .map(i -> new DrawAssignmentDto().enterpriseUscc(i.enterpriseUscc).inspectors(List.copyOf(i.inspectors))
                                .inspectionId(i.id.toString()).status(InspectionStatusDto.fromValue(i.status)))
                        .toList());
        if (InspectionPlan.CLOSED.equals(p.status)) {
            dto.results(drawn.stream().map(i -> {
                List<FindingEntry> findings = inspections.findings(i);
                return new DrawResultDto().enterpriseUscc(i.enterpriseUscc).inspectionId(i.id.toString())
                        .findings(findings.size()).suspectedViolation(findings.stream().anyMatch(FindingEntry::violation));
            }).toList());
        } else {
            dto.results(null);
        }
        return dto;
    }
}
