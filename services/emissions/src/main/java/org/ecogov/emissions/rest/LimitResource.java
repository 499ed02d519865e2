package org.ecogov.emissions.rest;

import jakarta.ws.rs.core.Response;

import org.ecogov.emissions.api.LimitsApi;
import org.ecogov.emissions.api.model.LimitPeriodDto;
import org.ecogov.emissions.api.model.LimitReloadDto;
import org.ecogov.emissions.api.model.OutletKindDto;
import org.ecogov.emissions.api.model.OutletLimitsDto;
import org.ecogov.emissions.api.model.PollutantCodeDto;
import org.ecogov.emissions.config.EmissionsAccess;
import org.ecogov.emissions.repository.LimitCopy.CopiedOutlet;
import org.ecogov.emissions.repository.LimitCopy.LimitPeriod;
import org.ecogov.emissions.service.LimitsLoader;
import org.ecogov.emissions.service.LimitsService;
import org.ecogov.runtime.access.Access;
import org.ecogov.runtime.rest.Responses;
import org.ecogov.runtime.security.CallerProducer;
import org.ecogov.runtime.time.Clock;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

import java.math.BigDecimal;

/** The limits the service judges values against: an outlet's over time, and a reload of the copy from the registry. */
@Authenticated
public class LimitResource implements LimitsApi {

    private final LimitsService limits;
    private final LimitsLoader loader;
    private final CallerProducer callers;
    private final Clock clock;

    public LimitResource(LimitsService limits, LimitsLoader loader, CallerProducer callers, Clock clock) {
        this.limits = limits;
        this.loader = loader;
        this.callers = callers;
        this.clock = clock;
    }

    @Override
    @Access(EmissionsAccess.READ_LIMITS)
    public Uni<Response> getOutletLimits(String uscc, String code) {
        return callers.resolve()
                .chain(caller -> limits.outletLimits(caller, uscc, code))
                .map(outlet -> Responses.ok(dto(outlet)));
    }

    @Override
    @Access(EmissionsAccess.RELOAD_LIMITS)
    public Uni<Response> reloadLimits() {
        return callers.resolve()
                .chain(loader::reload)
                .map(load -> Responses.ok(new LimitReloadDto()
                        .enterprises(load.enterprises())
                        .outlets(load.outlets())
                        .permits(load.permits())
                        .changedOutlets(load.changedOutlets())
                        .finishedAt(Clock.utc(clock.now()))));
    }

    private static OutletLimitsDto dto(CopiedOutlet outlet) {
        return new OutletLimitsDto()
                .enterpriseUscc(outlet.uscc())
                .outletCode(outlet.code())
                .kind(OutletKindDto.fromValue(outlet.kind()))
                .limits(outlet.limits().stream().map(LimitResource::dto).toList());
    }

    private static LimitPeriodDto dto(LimitPeriod period) {
        return new LimitPeriodDto()
                .pollutant(PollutantCodeDto.fromValue(period.pollutant()))
                .unit(period.unit())
                .limitMin(decimal(period.limitMin()))
                .limitMax(decimal(period.limitMax()))
                .annualPermittedTonnes(decimal(period.annualTonnes()))
                .validFrom(period.validFrom() == null ? null : Clock.utc(period.validFrom()))
                .validUntil(period.validUntil() == null ? null : Clock.utc(period.validUntil()));
    }

    private static BigDecimal decimal(Double value) {
        return value == null ? null : BigDecimal.valueOf(value);
    }
}
