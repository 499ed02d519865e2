package org.ecogov.registry.rest;

import org.ecogov.registry.api.model.ManagementClassDto;
import org.ecogov.registry.api.model.PermitDto;
import org.ecogov.registry.api.model.PermitStatusDto;
import org.ecogov.registry.api.model.PermitVersionDto;
import org.ecogov.registry.config.RecordView;
import org.ecogov.registry.domain.PermitHistoryEntry;
import org.ecogov.registry.domain.PermitRecord;
import org.ecogov.registry.domain.PermitState;
import org.ecogov.runtime.time.Clock;

/** Permit ⇄ API model, in the caller's {@link RecordView}. */
final class PermitMapper {

    private PermitMapper() {
    }

    static PermitDto toDto(PermitRecord record, RecordView view) {
        PermitState p = record.state();
        boolean disclosed = view.disclosedOnly();
        return new PermitDto()
                .number(p.number())
                .enterpriseUscc(p.enterpriseUscc())
                .managementClass(ManagementClassDto.fromValue(p.managementClass()))
                .validFrom(p.validFrom().toString())
                .validTo(p.validTo().toString())
                .issuingAgency(p.issuingAgency())
                .outletCodes(p.outletCodes())
                .status(PermitStatusDto.fromValue(record.status().value()))
                .revokedAt(Clock.utc(p.revokedAt()))
                .revocationReason(disclosed ? null : p.revocationReason())
                .audit(EnterpriseMapper.audit(p.createdAt(), p.createdBy(), p.updatedAt(), p.updatedBy(), p.version(), view));
    }

    static PermitVersionDto toDto(PermitHistoryEntry v, RecordView view) {
        return new PermitVersionDto()
                .version(v.version())
                .action(PermitVersionDto.ActionEnum.fromValue(v.action()))
                .changedAt(Clock.utc(v.changedAt()))
                .changedBy(view.namesOfficials() ? v.changedBy() : null)
                .reason(view.disclosedOnly() ? null : v.reason())
                .permit(toDto(v.permit(), view));
    }
}
