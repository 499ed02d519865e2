package org.ecogov.registry.mapping;

import org.ecogov.registry.api.model.AuditFieldsDto;
import org.ecogov.registry.api.model.EnterpriseDetailsDto;
import org.ecogov.registry.api.model.EnterpriseDto;
import org.ecogov.registry.api.model.EnterpriseStatusDto;
import org.ecogov.registry.api.model.GeoPointDto;
import org.ecogov.registry.domain.Enterprise;
import org.ecogov.registry.domain.Versioned;

/** Enterprise entity ⇄ API model. */
public final class EnterpriseMapper {

    private EnterpriseMapper() {
    }

    public static EnterpriseDto toDto(Enterprise e) {
        return new EnterpriseDto()
                .uscc(e.uscc)
                .details(details(e))
                .status(EnterpriseStatusDto.fromValue(e.status))
                .statusReason(e.statusReason)
                .statusChangedAt(Times.utc(e.statusChangedAt))
                .usccCheckOverridden(e.usccCheckOverridden)
                .audit(audit(e));
    }

    public static EnterpriseDetailsDto details(Enterprise e) {
        return new EnterpriseDetailsDto()
                .name(e.name)
                .legalRepresentative(e.legalRepresentative)
                .industryCode(e.industryCode)
                .address(e.address)
                .location(new GeoPointDto().latitude(e.latitude).longitude(e.longitude))
                .divisionCode(e.divisionCode)
                .park(e.park)
                .keyMonitored(e.keyMonitored);
    }

    public static void apply(EnterpriseDetailsDto d, Enterprise e) {
        e.name = d.getName().strip();
        e.legalRepresentative = d.getLegalRepresentative().strip();
        e.industryCode = d.getIndustryCode();
        e.address = d.getAddress().strip();
        e.latitude = d.getLocation().getLatitude();
        e.longitude = d.getLocation().getLongitude();
        e.divisionCode = d.getDivisionCode();
        e.park = d.getPark();
        e.keyMonitored = d.getKeyMonitored();
    }

    public static AuditFieldsDto audit(Versioned v) {
        return new AuditFieldsDto()
                .createdAt(Times.utc(v.createdAt))
                .createdBy(v.createdBy)
                .updatedAt(Times.utc(v.updatedAt))
                .updatedBy(v.updatedBy)
                .version(v.version);
    }
}
