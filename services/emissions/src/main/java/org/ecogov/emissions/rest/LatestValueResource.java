package org.ecogov.emissions.rest;

import java.math.BigDecimal;

import jakarta.ws.rs.core.Response;

import org.ecogov.emissions.api.LatestValuesApi;
import org.ecogov.emissions.api.model.LatestValueDto;
import org.ecogov.emissions.api.model.LatestValuesDto;
import org.ecogov.emissions.api.model.PollutantCodeDto;
import org.ecogov.emissions.api.model.SeriesValueDto;
import org.ecogov.emissions.config.EmissionsAccess;
import org.ecogov.emissions.repository.LatestValueStore.LatestRow;
import org.ecogov.emissions.service.LatestValueService;
import org.ecogov.runtime.access.Access;
import org.ecogov.runtime.rest.Responses;
import org.ecogov.runtime.security.CallerProducer;
import org.ecogov.runtime.time.Clock;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** The latest value of each outlet and pollutant against its limit (LatestValueService). */
@Authenticated
public class LatestValueResource implements LatestValuesApi {

    private final LatestValueService latest;
    private final CallerProducer callers;

    public LatestValueResource(LatestValueService latest, CallerProducer callers) {
        this.latest = latest;
        this.callers = callers;
    }

    @Override
    @Access(EmissionsAccess.READ_MONITORING)
    public Uni<Response> listLatestValues(String uscc, String since) {
        return callers.resolve()
                .chain(caller -> latest.latest(caller, uscc, since))
                .map(found -> Responses.ok(new LatestValuesDto()
                        .enterpriseUscc(uscc).since(Clock.utc(found.since()))
                        .items(found.rows().stream().map(LatestValueResource::dto).toList())));
    }

    private static LatestValueDto dto(LatestRow r) {
        return new LatestValueDto()
                .outletCode(r.outlet())
                .pollutant(PollutantCodeDto.fromValue(r.pollutant()))
                .unit(r.unit())
                .limitMin(number(r.limitMin()))
                .limitMax(number(r.limitMax()))
                .latest(r.time() == null ? null : new SeriesValueDto().time(Clock.utc(r.time())).avg(number(r.avg()))
                        .min(number(r.min())).max(number(r.max())).flag(ReadingResource.flag(r.flag())))
                .withinLimit(LatestValueService.withinLimit(r))
                .permitted(r.permitted());
    }

    private static BigDecimal number(Double value) {
        return value == null ? null : BigDecimal.valueOf(value);
    }
}
