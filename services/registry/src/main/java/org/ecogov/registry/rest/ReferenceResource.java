package org.ecogov.registry.rest;

import io.quarkus.security.Authenticated;
import org.ecogov.registry.config.RegistryAccess;
import org.ecogov.runtime.access.Access;

import org.ecogov.runtime.rest.Responses;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;
import org.ecogov.registry.api.ReferenceApi;
import org.ecogov.registry.api.model.PollutantListDto;
import org.ecogov.registry.service.PollutantService;
import org.ecogov.runtime.security.CallerProducer;

@Authenticated
public class ReferenceResource implements ReferenceApi {

    private final PollutantService pollutants;
    private final CallerProducer callers;

    public ReferenceResource(PollutantService pollutants, CallerProducer callers) {
        this.pollutants = pollutants;
        this.callers = callers;
    }

    @Override
    @Access(RegistryAccess.READ_SHARED)
    public Uni<Response> listPollutants() {
        return callers.resolve()
                .chain(pollutants::list)
                .map(items -> Responses.ok(new PollutantListDto().items(items.stream().map(PollutantMapper::toDto).toList())));
    }
}
