package org.ecogov.registry.rest;

import java.time.Instant;

import org.ecogov.registry.api.model.AuditFieldsDto;
import org.ecogov.registry.api.model.EnterpriseDetailsDto;
import org.ecogov.registry.api.model.EnterpriseDto;
import org.ecogov.registry.api.model.EnterpriseRecordDetailsDto;
import org.ecogov.registry.api.model.EnterpriseStatusDto;
import org.ecogov.registry.api.model.EnterpriseVersionDto;
import org.ecogov.registry.api.model.GeoPointDto;
import org.ecogov.registry.config.RecordView;
import org.ecogov.registry.domain.Enterprise;
import org.ecogov.registry.domain.EnterpriseDetails;
import org.ecogov.registry.domain.EnterpriseHistoryEntry;
import org.ecogov.registry.domain.EnterpriseState;
import org.ecogov.runtime.persistence.Versioned;
import org.ecogov.runtime.time.Clock;

/** Enterprise ⇄ API model, in the caller's {@link RecordView}; also the audit fields every record carries. */
final class EnterpriseMapper {

    private EnterpriseMapper() {
    }

    static EnterpriseDto toDto(Enterprise e, RecordView view) {
        return toDto(EnterpriseState.of(e), view);
    }

    static EnterpriseDto toDto(EnterpriseState e, RecordView view) {
        EnterpriseDetails d = e.details();
        boolean disclosed = view.disclosedOnly();
        return new EnterpriseDto()
                .uscc(e.uscc())
                .details(new EnterpriseRecordDetailsDto()
                        .name(d.name())
                        .legalRepresentative(disclosed ? null : d.legalRepresentative())
                        .industryCode(d.industryCode())
                        .address(d.address())
                        .location(new GeoPointDto().latitude(d.latitude()).longitude(d.longitude()))
                        .divisionCode(d.divisionCode())
                        .park(d.park())
                        .keyMonitored(d.keyMonitored()))
                .status(EnterpriseStatusDto.fromValue(e.status()))
                .statusReason(disclosed ? null : e.statusReason())
                .statusChangedAt(Clock.utc(e.statusChangedAt()))
                .usccCheckOverridden(e.usccCheckOverridden())
                .audit(audit(e.createdAt(), e.createdBy(), e.updatedAt(), e.updatedBy(), e.version(), view));
    }

    static EnterpriseVersionDto toDto(EnterpriseHistoryEntry v, RecordView view) {
        return new EnterpriseVersionDto()
                .version(v.version())
                .action(EnterpriseVersionDto.ActionEnum.fromValue(v.action()))
                .changedAt(Clock.utc(v.changedAt()))
                .changedBy(view.namesOfficials() ? v.changedBy() : null)
                .reason(view.disclosedOnly() ? null : v.reason())
                .enterprise(toDto(v.state(), view));
    }

    static EnterpriseDetails details(EnterpriseDetailsDto d) {
        return new EnterpriseDetails(d.getName(), d.getLegalRepresentative(), d.getIndustryCode(), d.getAddress(),
                d.getLocation().getLatitude(), d.getLocation().getLongitude(), d.getDivisionCode(), d.getPark(),
                d.getKeyMonitored());
    }

    /** A versioned record's audit fields as the view shows them: none disclosed, the usernames to officials only. */
    static AuditFieldsDto audit(Versioned v, RecordView view) {
        return audit(v.createdAt, v.createdBy, v.updatedAt, v.updatedBy, v.version, view);
    }

    static AuditFieldsDto audit(Instant createdAt, String createdBy, Instant updatedAt, String updatedBy, long version,
            RecordView view) {
        if (view.disclosedOnly()) {
            return null;
        }
        boolean names = view.namesOfficials();
        return new AuditFieldsDto()
                .createdAt(Clock.utc(createdAt))
                .createdBy(names ? createdBy : null)
                .updatedAt(Clock.utc(updatedAt))
                .updatedBy(names ? updatedBy : null)
                .version(version);
    }
}
