package org.ecogov.registry.rest;

import org.ecogov.runtime.time.Clock;
import org.ecogov.registry.api.model.AgencyDetailsDto;
import org.ecogov.registry.api.model.AgencyDto;
import org.ecogov.registry.api.model.AgencyKindDto;
import org.ecogov.registry.api.model.DivisionDto;
import org.ecogov.registry.api.model.DivisionLevelDto;
import org.ecogov.registry.api.model.MatterTypeDto;
import org.ecogov.registry.api.model.ResponsibilityDto;
import org.ecogov.registry.config.RecordView;
import org.ecogov.registry.domain.Agency;
import org.ecogov.registry.domain.AgencyDetails;
import org.ecogov.registry.domain.LeadAgency;
import org.ecogov.registry.api.model.LeadAgencyDto;
import org.ecogov.registry.domain.Division;
import org.ecogov.registry.domain.Responsibility;

/**
 * Agencies, divisions and matrix entries ⇄ API model, in the caller's {@link RecordView}: officials' usernames
 * ({@code audit}, {@code assignedBy}) only in the full view, no audit in the disclosed one. A division carries none.
 */
final class AgencyMapper {

    private AgencyMapper() {
    }

    static AgencyDto toDto(Agency a, RecordView view) {
        return new AgencyDto()
                .code(a.code)
                .details(new AgencyDetailsDto()
                        .name(a.name)
                        .kind(AgencyKindDto.fromValue(a.kind))
                        .jurisdiction(a.jurisdiction))
                .audit(EnterpriseMapper.audit(a, view));
    }

    static AgencyDetails details(AgencyDetailsDto d) {
        return new AgencyDetails(d.getName(), d.getKind().toString(), d.getJurisdiction());
    }

    static LeadAgencyDto toDto(LeadAgency lead, RecordView view) {
        return new LeadAgencyDto()
                .matterType(MatterTypeDto.fromValue(lead.matterType()))
                .divisionCode(lead.divisionCode())
                .decidedAt(lead.decidedAt())
                .agency(toDto(lead.agency(), view));
    }

    static DivisionDto toDto(Division d) {
        return new DivisionDto()
                .code(d.code)
                .name(d.name)
                .level(DivisionLevelDto.fromValue(d.level))
                .parentCode(d.parentCode);
    }

    static ResponsibilityDto toDto(Responsibility r, RecordView view) {
        return new ResponsibilityDto()
                .matterType(MatterTypeDto.fromValue(r.id.matterType))
                .divisionCode(r.id.divisionCode)
                .agencyCode(r.agencyCode)
                .assignedAt(Clock.utc(r.assignedAt))
                .assignedBy(view.namesOfficials() ? r.assignedBy : null);
    }
}
