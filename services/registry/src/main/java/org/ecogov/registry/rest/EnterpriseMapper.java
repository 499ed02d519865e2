package org.ecogov.registry.rest;

import org.ecogov.registry.api.model.AuditFieldsDto;
import org.ecogov.registry.api.model.EnterpriseDetailsDto;
import org.ecogov.registry.api.model.EnterpriseDto;
import org.ecogov.registry.api.model.EnterpriseStatusDto;
import org.ecogov.registry.api.model.EnterpriseVersionDto;
import org.ecogov.registry.api.model.GeoPointDto;
import org.ecogov.registry.domain.Enterprise;
import org.ecogov.registry.domain.EnterpriseDetails;
import org.ecogov.registry.domain.EnterpriseHistoryEntry;
import org.ecogov.registry.domain.EnterpriseState;
import org.ecogov.runtime.persistence.Versioned;
import org.ecogov.runtime.time.Clock;

/** Enterprise ⇄ API model. */
final class EnterpriseMapper {

    private EnterpriseMapper() {
    }

    static EnterpriseDto toDto(Enterprise e) {
        return toDto(EnterpriseState.of(e));
    }

    static EnterpriseDto toDto(EnterpriseState e) {
        EnterpriseDetails d = e.details();
        return new EnterpriseDto()
                .uscc(e.uscc())
                .details(new EnterpriseDetailsDto()
                        .name(d.name())
                        .legalRepresentative(d.legalRepresentative())
                        .industryCode(d.industryCode())
                        .address(d.address())
                        .location(new GeoPointDto().latitude(d.latitude()).longitude(d.longitude()))
                        .divisionCode(d.divisionCode())
                        .park(d.park())
                        .keyMonitored(d.keyMonitored()))
                .status(EnterpriseStatusDto.fromValue(e.status()))
                .statusReason(e.statusReason())
                .statusChangedAt(Clock.utc(e.statusChangedAt()))
                .usccCheckOverridden(e.usccCheckOverridden())
                .audit(new AuditFieldsDto()
                        .createdAt(Clock.utc(e.createdAt()))
                        .createdBy(e.createdBy())
                        .updatedAt(Clock.utc(e.updatedAt()))
                        .updatedBy(e.updatedBy())
                        .version(e.version()));
    }

    static EnterpriseVersionDto toDto(EnterpriseHistoryEntry v) {
        return new EnterpriseVersionDto()
                .version(v.version())
                .action(EnterpriseVersionDto.ActionEnum.fromValue(v.action()))
                .changedAt(Clock.utc(v.changedAt()))
                .changedBy(v.changedBy())
                .reason(v.reason())
                .enterprise(toDto(v.state()));
    }

    static EnterpriseDetails details(EnterpriseDetailsDto d) {
        return new EnterpriseDetails(d.getName(), d.getLegalRepresentative(), d.getIndustryCode(), d.getAddress(),
                d.getLocation().getLatitude(), d.getLocation().getLongitude(), d.getDivisionCode(), d.getPark(),
                d.getKeyMonitored());
    }

    static AuditFieldsDto audit(Versioned v) {
        return new AuditFieldsDto()
                .createdAt(Clock.utc(v.createdAt))
                .createdBy(v.createdBy)
                .updatedAt(Clock.utc(v.updatedAt))
                .updatedBy(v.updatedBy)
                .version(v.version);
    }
}
