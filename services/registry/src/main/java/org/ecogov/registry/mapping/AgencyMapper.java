package org.ecogov.registry.mapping;

import org.ecogov.registry.api.model.AgencyDetailsDto;
import org.ecogov.registry.api.model.AgencyDto;
import org.ecogov.registry.api.model.AgencyKindDto;
import org.ecogov.registry.api.model.DivisionDto;
import org.ecogov.registry.api.model.DivisionLevelDto;
import org.ecogov.registry.api.model.MatterTypeDto;
import org.ecogov.registry.api.model.ResponsibilityDto;
import org.ecogov.registry.domain.Agency;
import org.ecogov.registry.domain.Division;
import org.ecogov.registry.domain.Responsibility;

/** Agencies, divisions and matrix entries ⇄ API model. */
public final class AgencyMapper {

    private AgencyMapper() {
    }

    public static AgencyDto toDto(Agency a) {
        return new AgencyDto()
                .code(a.code)
                .details(new AgencyDetailsDto()
                        .name(a.name)
                        .kind(AgencyKindDto.fromValue(a.kind))
                        .jurisdiction(a.jurisdiction))
                .audit(EnterpriseMapper.audit(a));
    }

    public static void apply(AgencyDetailsDto d, Agency a) {
        a.name = d.getName().strip();
        a.kind = d.getKind().toString();
        a.jurisdiction = d.getJurisdiction();
    }

    public static DivisionDto toDto(Division d) {
        return new DivisionDto()
                .code(d.code)
                .name(d.name)
                .level(DivisionLevelDto.fromValue(d.level))
                .parentCode(d.parentCode);
    }

    public static ResponsibilityDto toDto(Responsibility r) {
        return new ResponsibilityDto()
                .matterType(MatterTypeDto.fromValue(r.id.matterType))
                .divisionCode(r.id.divisionCode)
                .agencyCode(r.agencyCode)
                .assignedAt(Times.utc(r.assignedAt))
                .assignedBy(r.assignedBy);
    }
}
