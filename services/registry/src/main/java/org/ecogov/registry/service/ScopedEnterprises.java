package org.ecogov.registry.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.ecogov.registry.domain.Enterprise;
import org.ecogov.registry.repository.EnterpriseRepository;
import org.ecogov.runtime.security.Caller;

/**
 * An enterprise loaded within the caller's scope, the one way every service of the registry does it: outside the
 * scope, or missing, is the same 404 {@code enterprise-not-found}, so existence does not leak. Outlets, permits
 * and versions are reached through their enterprise, so they are loaded after it.
 */
@ApplicationScoped
public class ScopedEnterprises {

    private final EnterpriseRepository enterprises;

    public ScopedEnterprises(EnterpriseRepository enterprises) {
        this.enterprises = enterprises;
    }

    /** The enterprise, if the caller may read it. */
    public Uni<Enterprise> readable(Caller caller, String uscc) {
        return enterprises.find(uscc).map(e -> RegistryScope.requireReadable(caller, e, uscc));
    }

    /** The enterprise, if the caller may change it (or what belongs to it). */
    public Uni<Enterprise> writable(Caller caller, String uscc) {
        return enterprises.find(uscc).map(e -> RegistryScope.requireWritable(caller, e, uscc));
    }

    /** The enterprise for a change of its own record, its row locked until the transaction ends. */
    public Uni<Enterprise> lockedWritable(Caller caller, String uscc) {
        return enterprises.lock(uscc).map(e -> RegistryScope.requireWritable(caller, e, uscc));
    }
}
