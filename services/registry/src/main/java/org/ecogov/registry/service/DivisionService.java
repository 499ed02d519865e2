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
import org.ecogov.registry.domain.Division;
import org.ecogov.runtime.identifiers.DivisionCode;
import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.problem.ProblemType;
import org.ecogov.runtime.security.Caller;

/** The jurisdiction tree: each division under a parent whose code contains its own. */
@ApplicationScoped
public class DivisionService {

    private final AgencyRepository repository;
    private final AuditLog audit;
    private final Clock clock;

    public DivisionService(AgencyRepository repository, AuditLog audit, Clock clock) {
        this.repository = repository;
        this.clock = clock;
        this.audit = audit;
    }

    @WithTransaction
    public Uni<Division> add(Caller caller, String code, String name, String parent) {
        if (parent != null && (parent.equals(code) || !DivisionCode.contains(parent, code))) {
            throw ProblemException.field(ProblemType.VALIDATION_FAILED, "parentCode",
                    "division " + parent + " does not contain " + code);
        }
        Uni<Void> parentExists = parent == null ? Uni.createFrom().voidItem()
                : Division.<Division>findById(parent).invoke(p -> {
                    if (p == null) {
                        throw ProblemException.field(ProblemType.VALIDATION_FAILED, "parentCode",
                                "division " + parent + " is not in the jurisdiction tree");
                    }
                }).replaceWithVoid();
        return parentExists
                .chain(() -> Division.<Division>findById(code))
                .chain(existing -> {
                    if (existing != null) {
                        throw ProblemException.field(RegistryProblem.DIVISION_EXISTS, "code", "division " + code + " is already in the tree");
                    }
                    Division d = new Division();
                    d.code = code;
                    d.name = name.strip();
                    d.level = Division.levelOf(code);
                    d.parentCode = parent;
                    d.createdAt = clock.now();
                    d.createdBy = caller.actor();
                    return d.<Division>persist();
                })
                .call(division -> audit.append(caller, new AuditLog.Change("division-added", "division", code, null,
                        division.state(), null)));
    }

    @WithSession
    public Uni<Division> get(Caller caller, String code) {
        return Division.<Division>findById(code).map(d -> {
            if (d == null) {
                throw ProblemException.of(RegistryProblem.DIVISION_NOT_FOUND, "division " + code + " is not in the jurisdiction tree");
            }
            return d;
        });
    }

    @WithSession
    public Uni<Page<Division>> list(Caller caller, String under, String cursor, int limit) {
        String after = PageCursor.decode(cursor, key -> key.matches("[0-9]{6}|[0-9]{9}|[0-9]{12}"));
        return repository.divisions(under, after == null ? "" : after, limit + 1)
                .map(rows -> Page.of(rows, limit, d -> d.code));
    }
}
