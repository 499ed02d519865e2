package org.ecogov.registry.mapping;

import org.ecogov.registry.api.model.GeoPointDto;
import org.ecogov.registry.api.model.OutletDetailsDto;
import org.ecogov.registry.api.model.OutletDto;
import org.ecogov.registry.api.model.OutletKindDto;
import org.ecogov.registry.api.model.PermittedPollutantDto;
import org.ecogov.registry.api.model.PollutantCodeDto;
import org.ecogov.registry.domain.Outlet;
import org.ecogov.registry.domain.OutletPollutant;
import org.ecogov.registry.domain.Pollutant;

import java.util.Map;

/** Outlet entity ⇄ API model. Units come from the pollutant reference list, never from input. */
public final class OutletMapper {

    private OutletMapper() {
    }

    public static OutletDto toDto(Outlet o, Map<String, Pollutant> reference) {
        OutletDetailsDto details = new OutletDetailsDto()
                .name(o.name)
                .location(new GeoPointDto().latitude(o.latitude).longitude(o.longitude));
        for (OutletPollutant p : o.pollutants) {
            Pollutant ref = reference.get(p.pollutant);
            details.addPollutantsItem(new PermittedPollutantDto()
                    .pollutant(PollutantCodeDto.fromValue(p.pollutant))
                    .limitMin(p.limitMin == null ? null : p.limitMin.stripTrailingZeros())
                    .limitMax(p.limitMax == null ? null : p.limitMax.stripTrailingZeros())
                    .unit(ref == null ? null : ref.unit)
                    .annualPermittedTonnes(p.annualPermittedTonnes == null ? null : p.annualPermittedTonnes.stripTrailingZeros()));
        }
        return new OutletDto()
                .enterpriseUscc(o.enterpriseUscc)
                .code(o.code)
                .kind(OutletKindDto.fromValue(o.kind))
                .details(details)
                .audit(EnterpriseMapper.audit(o));
    }
}
