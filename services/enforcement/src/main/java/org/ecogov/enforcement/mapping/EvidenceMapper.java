package org.ecogov.enforcement.mapping;

import org.ecogov.enforcement.api.model.EvidenceFileDto;
import org.ecogov.enforcement.api.model.EvidenceKindDto;
import org.ecogov.enforcement.api.model.GeoPointDto;
import org.ecogov.enforcement.api.model.SigningPartyDto;
import org.ecogov.enforcement.domain.EvidenceFile;
import org.ecogov.runtime.time.Clock;

/** Evidence files' records between the domain and the contract's model. */
public final class EvidenceMapper {

    private EvidenceMapper() {
    }

    public static EvidenceFileDto toDto(EvidenceFile e) {
        return new EvidenceFileDto().id(e.id.toString()).inspectionId(e.inspectionId.toString())
                .kind(EvidenceKindDto.fromValue(e.kind))
                .party(e.party == null ? null : SigningPartyDto.fromValue(e.party))
                .contentType(EvidenceFileDto.ContentTypeEnum.fromValue(e.contentType)).size(e.size).sha256(e.sha256)
                .takenAt(Clock.utc(e.takenAt))
                .location(e.latitude == null ? null : new GeoPointDto().latitude(e.latitude).longitude(e.longitude))
                .receivedAt(Clock.utc(e.receivedAt)).uploadedBy(e.uploadedBy);
    }
}
