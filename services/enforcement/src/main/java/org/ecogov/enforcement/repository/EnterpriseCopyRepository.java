package org.ecogov.enforcement.repository;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import org.ecogov.enforcement.domain.EnterpriseCopy;

/** The service's copy of the registry's enterprises. */
@ApplicationScoped
public class EnterpriseCopyRepository {

    public Uni<EnterpriseCopy> find(String uscc) {
        return EnterpriseCopy.findById(uscc);
    }
}
