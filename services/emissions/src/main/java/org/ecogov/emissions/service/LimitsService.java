package org.ecogov.emissions.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecogov.emissions.domain.EmissionsProblem;
import org.ecogov.emissions.repository.LimitCopy;
import org.ecogov.emissions.repository.LimitCopy.CopiedOutlet;
import org.ecogov.runtime.access.DataScope;
import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.security.Caller;

import io.smallrye.mutiny.Uni;

/** Reading the limits the copy holds, within the caller's data scope. */
@ApplicationScoped
public class LimitsService {

    private final LimitCopy copy;
    private final DataScope scope;

    public LimitsService(LimitCopy copy, DataScope scope) {
        this.copy = copy;
        this.scope = scope;
    }

    /** The outlet's limits over time; an outlet the copy lacks, or outside the caller's scope, is 404 alike. */
    public Uni<CopiedOutlet> outletLimits(Caller caller, String uscc, String code) {
        ProblemException notFound = ProblemException.of(EmissionsProblem.OUTLET_NOT_FOUND,
                "No discharge outlet " + code + " of enterprise " + uscc + ".");
        return copy.enterprise(uscc)
                .chain(enterprise -> enterprise.filter(e -> scope.canSee(caller, e.divisionCode(), e.uscc())).isEmpty()
                        ? Uni.createFrom().failure(notFound)
                        : copy.outlet(uscc, code).map(outlet -> outlet.orElseThrow(() -> notFound)));
    }
}
