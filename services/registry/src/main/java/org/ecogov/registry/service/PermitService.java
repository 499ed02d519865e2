package org.ecogov.registry.service;

import org.ecogov.registry.domain.RegistryProblem;
import org.ecogov.runtime.time.Clock;

import org.ecogov.runtime.audit.AuditLog;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.ecogov.registry.domain.Agency;
import org.ecogov.registry.domain.Outlet;
import org.ecogov.registry.domain.Permit;
import org.ecogov.registry.events.RegistryEvents;
import org.ecogov.registry.domain.PermitApplication;
import org.ecogov.registry.repository.OutletRepository;
import org.ecogov.registry.repository.PermitRepository;
import org.ecogov.runtime.problem.FieldViolation;
import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.problem.ProblemType;
import org.ecogov.runtime.security.Caller;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Discharge permits. A permit covers outlets of its own enterprise only, and no outlet is covered
 * by two permits valid on the same day. The covered outlets' rows are locked while the overlap is
 * checked, so two concurrent permits for one outlet cannot both pass.
 */
@ApplicationScoped
public class PermitService {

    private final PermitRepository permits;
    private final OutletRepository outlets;
    private final ScopedEnterprises scoped;
    private final AuditLog audit;
    private final RegistryEvents events;
    private final Clock clock;

    public PermitService(PermitRepository permits, OutletRepository outlets, ScopedEnterprises scoped, AuditLog audit,
                         RegistryEvents events, Clock clock) {
        this.events = events;
        this.scoped = scoped;
        this.clock = clock;
        this.permits = permits;
        this.outlets = outlets;
        this.audit = audit;
    }

    @WithTransaction
    public Uni<Permit> record(Caller caller, String uscc, PermitApplication body) {
        if (!body.number().startsWith(uscc)) {
            throw ProblemException.field(ProblemType.VALIDATION_FAILED, "number",
                    "a permit number starts with its holder's USCC " + uscc);
        }
        LocalDate validFrom = calendarDay(body.validFrom(), "validFrom");
        LocalDate validTo = calendarDay(body.validTo(), "validTo");
        if (validTo.isBefore(validFrom)) {
            throw ProblemException.field(ProblemType.VALIDATION_FAILED, "validTo", "must not be before validFrom");
        }
        List<String> codes = new ArrayList<>(body.outletCodes());
        return scoped.writable(caller, uscc)
                .chain(e -> Agency.<Agency>findById(body.issuingAgency()))
                .invoke(agency -> {
                    if (agency == null) {
                        throw ProblemException.field(ProblemType.VALIDATION_FAILED, "issuingAgency",
                                "no agency " + body.issuingAgency());
                    }
                })
                .chain(agency -> Permit.<Permit>findById(body.number()))
                .invoke(existing -> {
                    if (existing != null) {
                        throw ProblemException.field(RegistryProblem.PERMIT_EXISTS, "number",
                                "permit " + body.number() + " is already recorded");
                    }
                })
                .chain(none -> lockCoveredOutlets(uscc, codes))
                .chain(covered -> checkNoOverlap(codes, covered, validFrom, validTo).replaceWith(covered))
                .chain(covered -> {
                    Permit p = new Permit();
                    p.number = body.number();
                    p.enterpriseUscc = uscc;
                    p.managementClass = body.managementClass();
                    p.validFrom = validFrom;
                    p.validTo = validTo;
                    p.issuingAgency = body.issuingAgency();
                    p.outlets.addAll(covered);
                    p.stampCreated(caller.actor(), clock.now());
                    return p.<Permit>persist();
                })
                .call(permit -> audit.append(caller, new AuditLog.Change("permit-recorded", "permit", permit.number, null,
                        permit.state(), null)))
                .call(permit -> events.permitCreated(permit));
    }

    @WithSession
    public Uni<Permit> get(Caller caller, String uscc, String number) {
        return scoped.readable(caller, uscc)
                .chain(e -> permits.findOf(uscc, number))
                .map(p -> {
                    if (p == null) {
                        throw ProblemException.of(RegistryProblem.PERMIT_NOT_FOUND, "enterprise " + uscc + " has no permit " + number);
                    }
                    return p;
                });
    }

    @WithSession
    public Uni<List<Permit>> list(Caller caller, String uscc) {
        return scoped.readable(caller, uscc).chain(e -> permits.listOf(uscc));
    }

    /** The contract checks the shape (yyyy-mm-dd); this checks it is a day that exists. */
    private static LocalDate calendarDay(String value, String field) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.field(ProblemType.VALIDATION_FAILED, field, value + " is not a calendar date");
        }
    }

    /** Every covered code must name an outlet of this enterprise; all misses are reported at once. */
    private Uni<List<Outlet>> lockCoveredOutlets(String uscc, List<String> codes) {
        return Multi.createFrom().iterable(codes)
                .onItem().transformToUniAndConcatenate(code -> outlets.lockByCode(uscc, code)
                        .map(o -> o == null ? new Outlet() : o))
                .collect().asList()
                .map(found -> {
                    List<FieldViolation> missing = new ArrayList<>();
                    for (int i = 0; i < codes.size(); i++) {
                        if (found.get(i).id == null) {
                            missing.add(new FieldViolation("outletCodes[" + i + "]",
                                    codes.get(i) + " is not an outlet of enterprise " + uscc));
                        }
                    }
                    if (!missing.isEmpty()) {
                        throw ProblemException.fields(RegistryProblem.PERMIT_OUTLET_MISMATCH,
                                "a permit covers only outlets of its own enterprise", missing);
                    }
                    return found;
                });
    }

    private Uni<Void> checkNoOverlap(List<String> codes, List<Outlet> covered, LocalDate from, LocalDate to) {
        return permits.overlapping(covered, from, to).invoke(clashes -> {
            List<FieldViolation> violations = new ArrayList<>();
            for (int i = 0; i < covered.size(); i++) {
                Outlet outlet = covered.get(i);
                for (Permit clash : clashes) {
                    if (clash.outlets.stream().anyMatch(o -> o.id.equals(outlet.id))) {
                        violations.add(new FieldViolation("outletCodes[" + i + "]", codes.get(i) + " is already covered by permit "
                                + clash.number + " valid " + clash.validFrom + " to " + clash.validTo));
                    }
                }
            }
            if (!violations.isEmpty()) {
                throw ProblemException.fields(RegistryProblem.PERMIT_OVERLAP,
                        "an outlet can be covered by only one valid permit at a time", violations);
            }
        }).replaceWithVoid();
    }
}
