package org.ecogov.registry.rest;

import org.ecogov.registry.api.model.OutletKindDto;
import org.ecogov.registry.api.model.PollutantCodeDto;
import org.ecogov.registry.api.model.PollutantDto;
import org.ecogov.registry.domain.Pollutant;

/** Reference pollutants ⇄ API model. */
final class PollutantMapper {

    private PollutantMapper() {
    }

    static PollutantDto toDto(Pollutant p) {
        return new PollutantDto()
                .code(PollutantCodeDto.fromValue(p.code))
                .name(p.name)
                .medium(OutletKindDto.fromValue(p.medium))
                .unit(p.unit);
    }
}
