package org.ecogov.registry.service;

import org.ecogov.registry.domain.RegistryProblem;
import org.ecogov.runtime.time.Clock;

import org.ecogov.registry.repository.AgencyRepository;
import org.ecogov.runtime.audit.AuditLog;

import org.ecogov.runtime.paging.Page;
import org.ecogov.runtime.paging.PageCursor;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.ecogov.registry.domain.Agency;
import org.ecogov.registry.domain.AgencyDetails;
import org.ecogov.registry.domain.Division;
import org.ecogov.runtime.concurrency.EntityTags;
import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.problem.ProblemType;
import org.ecogov.runtime.security.Caller;

/** Agencies: who takes part, and over which division each has authority. */
@ApplicationScoped
public class AgencyService {

    private static final String AGENCY_CODE = "[A-Z0-9][A-Z0-9-]{1,31}";

    private final AgencyRepository repository;
    private final AuditLog audit;
    private final Clock clock;

    public AgencyService(AgencyRepository repository, AuditLog audit, Clock clock) {
        this.repository = repository;
        this.clock = clock;
        this.audit = audit;
    }

    @WithTransaction
    public Uni<Agency> register(Caller caller, String code, AgencyDetails details) {
        return requireDivision(details.jurisdiction())
                .chain(() -> Agency.<Agency>findById(code))
                .chain(existing -> {
                    if (existing != null) {
                        throw ProblemException.field(RegistryProblem.AGENCY_EXISTS, "code", "agency " + code + " is already registered");
                    }
                    Agency a = new Agency();
                    a.code = code;
                    details.applyTo(a);
                    a.stampCreated(caller.actor(), clock.now());
                    return a.<Agency>persist();
                })
                .call(agency -> audit.append(caller, new AuditLog.Change("agency-registered", "agency", code, null,
                        agency.state(), null)));
    }

    @WithTransaction
    public Uni<Agency> update(Caller caller, String code, String ifMatch, AgencyDetails details) {
        EntityTags.requireVersion(ifMatch);
        return Agency.<Agency>findById(code, LockModeType.PESSIMISTIC_WRITE)
                .chain(a -> {
                    if (a == null) {
                        throw agencyNotFound(code);
                    }
                    EntityTags.checkCurrent(ifMatch, a.version);
                    return requireDivision(details.jurisdiction()).replaceWith(a);
                })
                .chain(a -> {
                    Object before = a.state();
                    details.applyTo(a);
                    a.stampUpdated(caller.actor(), clock.now());
                    return audit.append(caller, new AuditLog.Change("agency-updated", "agency", code, before, a.state(), null))
                            .replaceWith(a);
                });
    }

    @WithSession
    public Uni<Agency> get(Caller caller, String code) {
        return Agency.<Agency>findById(code).map(a -> {
            if (a == null) {
                throw agencyNotFound(code);
            }
            return a;
        });
    }

    @WithSession
    public Uni<Page<Agency>> list(Caller caller, String jurisdictionPrefix, String cursor, int limit) {
        String after = PageCursor.decode(cursor, key -> key.matches(AGENCY_CODE));
        return repository.agencies(jurisdictionPrefix, after == null ? "" : after, limit + 1)
                .map(rows -> Page.of(rows, limit, a -> a.code));
    }

    private static Uni<Division> requireDivision(String code) {
        return Division.<Division>findById(code).invoke(d -> {
            if (d == null) {
                throw ProblemException.field(ProblemType.VALIDATION_FAILED, "details.jurisdiction",
                        "division " + code + " is not in the jurisdiction tree");
            }
        });
    }

    static ProblemException agencyNotFound(String code) {
        return ProblemException.of(RegistryProblem.AGENCY_NOT_FOUND, "no agency " + code);
    }
}
