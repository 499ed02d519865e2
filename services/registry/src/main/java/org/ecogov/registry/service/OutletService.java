package org.ecogov.registry.service;

import org.ecogov.registry.domain.RegistryProblem;
import org.ecogov.runtime.time.Clock;

import org.ecogov.runtime.audit.AuditLog;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.ecogov.registry.domain.Outlet;
import org.ecogov.registry.events.RegistryEvents;
import org.ecogov.registry.domain.OutletDetails;
import org.ecogov.registry.domain.OutletRecord;
import org.ecogov.registry.domain.OutletPollutant;
import org.ecogov.registry.domain.Pollutant;
import org.ecogov.registry.repository.OutletRepository;
import org.ecogov.runtime.concurrency.EntityTags;
import org.ecogov.runtime.problem.FieldViolation;
import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.problem.ProblemType;
import org.ecogov.runtime.security.Caller;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Discharge outlets: the kind follows the code, the pollutants follow the kind. */
@ApplicationScoped
public class OutletService {

    private static final String PH = "w01001";
    private static final BigDecimal PH_MAX = BigDecimal.valueOf(14);

    private final OutletRepository outlets;
    private final ScopedEnterprises scoped;
    private final AuditLog audit;
    private final RegistryEvents events;
    private final Clock clock;

    public OutletService(OutletRepository outlets, ScopedEnterprises scoped, AuditLog audit, RegistryEvents events,
                         Clock clock) {
        this.events = events;
        this.scoped = scoped;
        this.clock = clock;
        this.outlets = outlets;
        this.audit = audit;
    }

    @WithTransaction
    public Uni<OutletRecord> register(Caller caller, String uscc, String code, String kind, OutletDetails details) {
        String expected = code.startsWith("DA") ? "air" : "water";
        if (!kind.equals(expected)) {
            throw ProblemException.field(ProblemType.VALIDATION_FAILED, "kind",
                    "an outlet coded " + code.substring(0, 2) + " discharges into " + expected + ", not " + kind);
        }
        // one reactive session runs one query at a time, so these are chained, not combined
        return scoped.writable(caller, uscc).chain(inScope -> reference()).chain(reference -> {
            List<OutletPollutant> pollutants = permitted(details, kind, reference);
            return outlets.findByCode(uscc, code).chain(existing -> {
                if (existing != null) {
                    throw ProblemException.field(RegistryProblem.OUTLET_EXISTS, "code",
                            "enterprise " + uscc + " already has an outlet " + code);
                }
                Outlet o = new Outlet();
                o.enterpriseUscc = uscc;
                o.code = code;
                o.kind = kind;
                applyDetails(details, o, pollutants);
                o.stampCreated(caller.actor(), clock.now());
                return o.<Outlet>persist().map(saved -> OutletRecord.of(saved, reference));
            });
        }).call(outlet -> audit.append(caller, new AuditLog.Change("outlet-registered", "outlet",
                uscc + "/" + code, null, outlet.state(), null)))
                .call(outlet -> events.outletCreated(outlet));
    }

    @WithTransaction
    public Uni<OutletRecord> update(Caller caller, String uscc, String code, String ifMatch, OutletDetails details) {
        EntityTags.requireVersion(ifMatch);
        return scoped.writable(caller, uscc).chain(inScope -> reference()).chain(reference -> {
            return outlets.lockByCode(uscc, code).chain(o -> {
                if (o == null) {
                    throw outletNotFound(uscc, code);
                }
                EntityTags.checkCurrent(ifMatch, o.version);
                List<OutletPollutant> pollutants = permitted(details, o.kind, reference);
                Map<String, Object> before = OutletRecord.of(o, reference).state();
                applyDetails(details, o, pollutants);
                o.stampUpdated(caller.actor(), clock.now());
                return o.<Outlet>persist().map(saved -> OutletRecord.of(saved, reference))
                        .call(after -> audit.append(caller, new AuditLog.Change("outlet-updated", "outlet",
                                uscc + "/" + code, before, after.state(), null)))
                        .call(after -> events.outletChanged(after));
            });
        });
    }

    @WithSession
    public Uni<OutletRecord> get(Caller caller, String uscc, String code) {
        return scoped.readable(caller, uscc).chain(inScope -> reference())
                .chain(reference -> outlets.findByCode(uscc, code).map(o -> {
                    if (o == null) {
                        throw outletNotFound(uscc, code);
                    }
                    return OutletRecord.of(o, reference);
                }));
    }

    @WithSession
    public Uni<List<OutletRecord>> list(Caller caller, String uscc) {
        return scoped.readable(caller, uscc).chain(inScope -> reference())
                .chain(reference -> outlets.listOf(uscc)
                        .map(rows -> rows.stream().map(o -> OutletRecord.of(o, reference)).toList()));
    }

    private Uni<Map<String, Pollutant>> reference() {
        return Pollutant.<Pollutant>listAll()
                .map(all -> all.stream().collect(Collectors.toMap(p -> p.code, Function.identity())));
    }

    /**
     * Checks every permitted pollutant against the reference list and the outlet's medium and
     * reports all bad entries at once, each by its JSON path.
     */
    private static List<OutletPollutant> permitted(OutletDetails details, String kind, Map<String, Pollutant> reference) {
        List<FieldViolation> violations = new ArrayList<>();
        List<OutletPollutant> result = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<OutletDetails.Permitted> given = details.pollutants();
        for (int i = 0; i < given.size(); i++) {
            OutletDetails.Permitted p = given.get(i);
            String path = "details.pollutants[" + i + "]";
            String code = p.pollutant();
            Pollutant ref = reference.get(code);
            if (ref == null) {
                violations.add(new FieldViolation(path + ".pollutant", "not in the pollutant reference list"));
                continue;
            }
            if (!seen.add(code)) {
                violations.add(new FieldViolation(path + ".pollutant", code + " is listed twice"));
            }
            if (!ref.medium.equals(kind)) {
                violations.add(new FieldViolation(path + ".pollutant",
                        ref.name + " is discharged into " + ref.medium + ", not through an " + kind + " outlet"));
            }
            if (PH.equals(code)) {
                if (p.limitMin() == null || p.limitMax() == null) {
                    violations.add(new FieldViolation(path + (p.limitMin() == null ? ".limitMin" : ".limitMax"),
                            "pH is limited by a range: give limitMin and limitMax"));
                } else if (p.limitMax().compareTo(PH_MAX) > 0) {
                    violations.add(new FieldViolation(path + ".limitMax", "pH cannot exceed 14"));
                }
            } else if (p.limitMin() != null) {
                violations.add(new FieldViolation(path + ".limitMin", "only pH has a lower limit"));
            }
            if (p.limitMin() != null && p.limitMax() != null && p.limitMin().compareTo(p.limitMax()) > 0) {
                violations.add(new FieldViolation(path + ".limitMin", "must not be greater than limitMax"));
            }
            OutletPollutant op = new OutletPollutant();
            op.pollutant = code;
            op.limitMin = p.limitMin();
            op.limitMax = p.limitMax();
            op.annualPermittedTonnes = p.annualPermittedTonnes();
            result.add(op);
        }
        if (!violations.isEmpty()) {
            throw ProblemException.fields(ProblemType.VALIDATION_FAILED, "some permitted pollutants are invalid", violations);
        }
        return result;
    }

    private static void applyDetails(OutletDetails details, Outlet o, List<OutletPollutant> pollutants) {
        o.name = details.name();
        o.latitude = details.latitude();
        o.longitude = details.longitude();
        o.replacePollutants(pollutants);
    }

    static ProblemException outletNotFound(String uscc, String code) {
        return ProblemException.of(RegistryProblem.OUTLET_NOT_FOUND, "enterprise " + uscc + " has no outlet " + code);
    }
}
