package org.ecogov.emissions.service;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecogov.emissions.domain.EmissionsProblem;
import org.ecogov.emissions.repository.LimitCopy;
import org.ecogov.emissions.repository.MeasurementStore;
import org.ecogov.runtime.access.DataScope;
import org.ecogov.runtime.audit.AuditLog;
import org.ecogov.runtime.audit.SqlConnectionSql;
import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.security.Caller;
import org.ecogov.runtime.time.Clock;

import io.smallrye.mutiny.Uni;

/**
 * Which third-party organisations (monitoring vendors) may send an enterprise's values with their emissions:write
 * keys. The gateway tells a service a key's organisation (the token's {@code org}) but not which enterprises it
 * serves, so the binding is kept here, by the agencies, per enterprise.
 */
@ApplicationScoped
public class OrganisationBindings {

    private final LimitCopy copy;
    private final MeasurementStore store;
    private final DataScope scope;
    private final AuditLog audit;
    private final Clock clock;

    public OrganisationBindings(LimitCopy copy, MeasurementStore store, DataScope scope, AuditLog audit, Clock clock) {
        this.copy = copy;
        this.store = store;
        this.scope = scope;
        this.audit = audit;
        this.clock = clock;
    }

    public Uni<Void> bind(Caller caller, String uscc, String organisation) {
        return changeable(caller, uscc).chain(() -> store.pool().withTransaction(conn ->
                store.bind(conn, uscc, organisation, clock.now(), caller.actor()).chain(bound -> !bound
                        ? Uni.createFrom().voidItem()
                        : audit.append(new SqlConnectionSql(conn), caller, new AuditLog.Change("bind-organisation",
                                "organisation-binding", uscc + "/" + organisation, null,
                                Map.of("uscc", uscc, "organisation", organisation), null)).replaceWithVoid())));
    }

    public Uni<Void> unbind(Caller caller, String uscc, String organisation) {
        return changeable(caller, uscc).chain(() -> store.pool().withTransaction(conn ->
                store.unbind(conn, uscc, organisation).chain(unbound -> !unbound
                        ? Uni.createFrom().voidItem()
                        : audit.append(new SqlConnectionSql(conn), caller, new AuditLog.Change("unbind-organisation",
                                "organisation-binding", uscc + "/" + organisation,
                                Map.of("uscc", uscc, "organisation", organisation), null, null)).replaceWithVoid())));
    }

    private Uni<Void> changeable(Caller caller, String uscc) {
        return copy.enterprise(uscc).map(found -> {
            if (found.isEmpty() || !scope.canChangeAt(caller, found.get().divisionCode())) {
                throw ProblemException.of(EmissionsProblem.ENTERPRISE_NOT_FOUND, "No enterprise " + uscc + ".");
            }
            return null;
        }).replaceWithVoid();
    }
}
