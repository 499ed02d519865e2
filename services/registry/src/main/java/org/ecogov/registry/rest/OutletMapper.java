package org.ecogov.registry.rest;

import org.ecogov.registry.api.model.GeoPointDto;
import org.ecogov.registry.api.model.OutletDetailsDto;
import org.ecogov.registry.api.model.OutletDto;
import org.ecogov.registry.api.model.OutletKindDto;
import org.ecogov.registry.api.model.PermittedPollutantDto;
import org.ecogov.registry.api.model.PollutantCodeDto;
import org.ecogov.registry.config.RecordView;
import org.ecogov.registry.domain.Outlet;
import org.ecogov.registry.domain.OutletDetails;
import org.ecogov.registry.domain.OutletPollutant;
import org.ecogov.registry.domain.OutletRecord;

/**
 * Outlet ⇄ API model, in the caller's {@link RecordView} (disclosed: code and kind only). Units come from the
 * pollutant reference list, never from input.
 */
final class OutletMapper {

    private OutletMapper() {
    }

    static OutletDto toDto(OutletRecord record, RecordView view) {
        Outlet o = record.outlet();
        OutletDto outlet = new OutletDto()
                .enterpriseUscc(o.enterpriseUscc)
                .code(o.code)
                .kind(OutletKindDto.fromValue(o.kind));
        if (view.disclosedOnly()) {
            return outlet;
        }
        OutletDetailsDto details = new OutletDetailsDto()
                .name(o.name)
                .location(new GeoPointDto().latitude(o.latitude).longitude(o.longitude));
        for (OutletPollutant p : o.pollutants) {
            details.addPollutantsItem(new PermittedPollutantDto()
                    .pollutant(PollutantCodeDto.fromValue(p.pollutant))
                    .limitMin(p.limitMin == null ? null : p.limitMin.stripTrailingZeros())
                    .limitMax(p.limitMax == null ? null : p.limitMax.stripTrailingZeros())
                    .unit(record.units().get(p.pollutant))
                    .annualPermittedTonnes(p.annualPermittedTonnes == null ? null : p.annualPermittedTonnes.stripTrailingZeros()));
        }
        return outlet.details(details).audit(EnterpriseMapper.audit(o, view));
    }

    static OutletDetails details(OutletDetailsDto d) {
        return new OutletDetails(d.getName(), d.getLocation().getLatitude(), d.getLocation().getLongitude(),
                d.getPollutants().stream().map(p -> new OutletDetails.Permitted(p.getPollutant().toString(),
                        p.getLimitMin(), p.getLimitMax(), p.getAnnualPermittedTonnes())).toList());
    }
}
