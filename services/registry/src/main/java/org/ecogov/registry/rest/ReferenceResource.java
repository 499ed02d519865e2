package org.ecogov.registry.rest;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;
import org.ecogov.registry.api.ReferenceApi;
import org.ecogov.registry.api.model.OutletKindDto;
import org.ecogov.registry.api.model.PollutantCodeDto;
import org.ecogov.registry.api.model.PollutantDto;
import org.ecogov.registry.api.model.PollutantListDto;
import org.ecogov.registry.domain.Pollutant;

public class ReferenceResource implements ReferenceApi {

    @Override
    @Authenticated
    @WithSession
    public Uni<Response> listPollutants() {
        return Pollutant.<Pollutant>listAll(Sort.by("code"))
                .map(all -> Responses.ok(new PollutantListDto().items(all.stream()
                        .map(p -> new PollutantDto()
                                .code(PollutantCodeDto.fromValue(p.code))
                                .name(p.name)
                                .medium(OutletKindDto.fromValue(p.medium))
                                .unit(p.unit))
                        .toList())));
    }
}
