package org.ecogov.registry.mapping;

import org.ecogov.registry.api.model.OutletKindDto;
import org.ecogov.registry.api.model.PollutantCodeDto;
import org.ecogov.registry.api.model.PollutantDto;
import org.ecogov.registry.domain.Pollutant;

/** Reference pollutants ⇄ API model. */
public final class PollutantMapper {

    private PollutantMapper() {
    }

    public static PollutantDto toDto(Pollutant p) {
        return new PollutantDto()
                .code(PollutantCodeDto.fromValue(p.code))
                .name(p.name)
                .medium(OutletKindDto.fromValue(p.medium))
                .unit(p.unit);
    }
}
