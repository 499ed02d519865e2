package org.ecogov.registry.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.ecogov.registry.domain.Pollutant;
import org.ecogov.runtime.security.Caller;

import java.util.List;

/** The pollutant reference list (GB/T codes, medium, unit); read-only, loaded by the migration. */
@ApplicationScoped
public class PollutantService {

    @WithSession
    public Uni<List<Pollutant>> list(Caller caller) {
        return Pollutant.listAll(Sort.by("code"));
    }
}
