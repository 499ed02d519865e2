package org.ecogov.registry.rest;

import org.ecogov.registry.api.model.ManagementClassDto;
import org.ecogov.registry.api.model.PermitDto;
import org.ecogov.registry.domain.Outlet;
import org.ecogov.registry.domain.Permit;

import java.util.Comparator;

/** Permit entity ⇄ API model. */
final class PermitMapper {

    private PermitMapper() {
    }

    static PermitDto toDto(Permit p) {
        return new PermitDto()
                .number(p.number)
                .enterpriseUscc(p.enterpriseUscc)
                .managementClass(ManagementClassDto.fromValue(p.managementClass))
                .validFrom(p.validFrom.toString())
                .validTo(p.validTo.toString())
                .issuingAgency(p.issuingAgency)
                .outletCodes(p.outlets.stream().map(o -> o.code).sorted(Comparator.naturalOrder()).toList())
                .audit(EnterpriseMapper.audit(p));
    }
}
