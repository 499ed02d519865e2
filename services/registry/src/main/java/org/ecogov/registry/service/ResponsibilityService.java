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
import org.ecogov.registry.domain.Division;
import org.ecogov.registry.domain.LeadAgency;
import org.ecogov.registry.domain.Responsibility;
import org.ecogov.runtime.identifiers.DivisionCode;
import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.problem.ProblemType;
import org.ecogov.runtime.security.Caller;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The responsibility matrix and the lead-agency lookup. An entry may be set at any level of the
 * tree; the lookup walks up from the place asked about to the nearest entry, so one entry at the
 * district answers for every township and village below it unless a closer one overrides it.
 */
@ApplicationScoped
public class ResponsibilityService {

    private final AgencyRepository repository;
    private final AuditLog audit;
    private final Clock clock;

    public ResponsibilityService(AgencyRepository repository, AuditLog audit, Clock clock) {
        this.repository = repository;
        this.clock = clock;
        this.audit = audit;
    }

    @WithTransaction
    public Uni<Responsibility> assign(Caller caller, String matterType, String divisionCode, String agencyCode, String reason) {
        Responsibility.Key key = new Responsibility.Key(matterType, divisionCode);
        return Division.<Division>findById(divisionCode)
                .invoke(d -> {
                    if (d == null) {
                        throw ProblemException.field(ProblemType.VALIDATION_FAILED, "divisionCode",
                                "division " + divisionCode + " is not in the jurisdiction tree");
                    }
                })
                .chain(() -> Agency.<Agency>findById(agencyCode))
                .invoke(agency -> {
                    if (agency == null) {
                        throw ProblemException.field(ProblemType.VALIDATION_FAILED, "agencyCode", "no agency " + agencyCode);
                    }
                    if (!DivisionCode.contains(agency.jurisdiction, divisionCode)) {
                        throw ProblemException.field(ProblemType.VALIDATION_FAILED, "agencyCode",
                                agencyCode + " has jurisdiction over " + agency.jurisdiction + ", which does not contain " + divisionCode);
                    }
                })
                .chain(() -> Responsibility.<Responsibility>findById(key, LockModeType.PESSIMISTIC_WRITE))
                .chain(existing -> {
                    Object before = existing == null ? null : existing.state();
                    Responsibility r = existing == null ? new Responsibility() : existing;
                    r.id = key;
                    r.agencyCode = agencyCode;
                    r.assignedAt = clock.now();
                    r.assignedBy = caller.actor();
                    Object after = r.state();
                    return r.persist()
                            .chain(() -> audit.append(caller, new AuditLog.Change("responsibility-assigned", "responsibility",
                                    key.matterType + "/" + divisionCode, before, after, reason)))
                            .replaceWith(r);
                });
    }

    @WithSession
    public Uni<Page<Responsibility>> list(Caller caller, String matterType, String under, String cursor, int limit) {
        String after = PageCursor.decode(cursor, key -> key.matches("[0-9]{6,12}/[a-z-]{1,12}"));
        return repository.responsibilities(matterType, under, after == null ? "" : after, limit + 1)
                .map(rows -> Page.of(rows, limit, r -> r.id.divisionCode + "/" + r.id.matterType));
    }

    /** The agency that leads on this kind of matter at this place, from the nearest entry above it. */
    @WithSession
    public Uni<LeadAgency> leadAgency(Caller caller, String matterType, String divisionCode) {
        List<String> path = pathToRoot(divisionCode);
        return repository.responsibilitiesAt(matterType, path)
                .chain(entries -> {
                    Optional<Responsibility> nearest = entries.stream()
                            .min(Comparator.comparingInt(r -> path.indexOf(r.id.divisionCode)));
                    if (nearest.isEmpty()) {
                        throw ProblemException.of(RegistryProblem.LEAD_AGENCY_NOT_FOUND,
                                "no agency is responsible for " + matterType + " matters at " + divisionCode + " or above it");
                    }
                    Responsibility r = nearest.get();
                    return Agency.<Agency>findById(r.agencyCode)
                            .map(agency -> new LeadAgency(matterType, divisionCode, r.id.divisionCode, agency));
                });
    }

    /** The code and every code above it: village → township → county → city → province. */
    static List<String> pathToRoot(String divisionCode) {
        List<String> path = new ArrayList<>();
        Optional<String> at = Optional.of(divisionCode);
        while (at.isPresent()) {
            path.add(at.get());
            at = DivisionCode.parentOf(at.get());
        }
        return path;
    }
}
