package org.ecogov.registry.service;

import org.ecogov.registry.domain.RegistryProblem;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.ecogov.registry.domain.Enterprise;
import org.ecogov.registry.repository.EnterpriseRepository;
import org.ecogov.runtime.access.DataScope;
import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.problem.ProblemType;
import org.ecogov.runtime.security.Caller;

/**
 * An enterprise loaded within the caller's data scope (the registry's {@link DataScope}), the one way every service
 * of the registry does it: outside the scope, or missing, is the same 404 {@code enterprise-not-found}, so
 * existence does not leak. Outlets, permits and versions are reached through their enterprise. Roles and key
 * scopes were checked before, by the operation's access rule (config/RegistryAccess).
 */
@ApplicationScoped
public class ScopedEnterprises {

    private final EnterpriseRepository enterprises;
    private final DataScope scope;

    public ScopedEnterprises(EnterpriseRepository enterprises, DataScope scope) {
        this.enterprises = enterprises;
        this.scope = scope;
    }

    /** The enterprise, if the caller may read it. */
    public Uni<Enterprise> readable(Caller caller, String uscc) {
        return enterprises.find(uscc).map(e -> {
            if (e == null || !scope.canSee(caller, e.divisionCode, e.uscc)) {
                throw notFound(uscc);
            }
            return e;
        });
    }

    /** The enterprise, if the caller may change it (or what belongs to it). */
    public Uni<Enterprise> writable(Caller caller, String uscc) {
        return enterprises.find(uscc).map(e -> requireWritable(caller, e, uscc));
    }

    /** The enterprise for a change of its own record, its row locked until the transaction ends. */
    public Uni<Enterprise> lockedWritable(Caller caller, String uscc) {
        return enterprises.lock(uscc).map(e -> requireWritable(caller, e, uscc));
    }

    /** A write that would place an enterprise outside the caller's jurisdiction: 403 outside-jurisdiction. */
    public void requireWritableDivision(Caller caller, String divisionCode, String field) {
        if (!scope.canChangeAt(caller, divisionCode)) {
            throw ProblemException.field(ProblemType.OUTSIDE_JURISDICTION, field,
                    "division " + divisionCode + " is outside your jurisdiction");
        }
    }

    private Enterprise requireWritable(Caller caller, Enterprise e, String uscc) {
        if (e == null || !scope.canSee(caller, e.divisionCode, e.uscc) || !scope.canChangeAt(caller, e.divisionCode)) {
            throw notFound(uscc);
        }
        return e;
    }

    static ProblemException notFound(String uscc) {
        return ProblemException.of(RegistryProblem.ENTERPRISE_NOT_FOUND, "no enterprise " + uscc + " in your scope");
    }
}
