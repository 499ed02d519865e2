package org.ecogov.registry.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.ecogov.registry.api.model.OutletCreateDto;
import org.ecogov.registry.api.model.OutletDetailsDto;
import org.ecogov.registry.api.model.OutletDto;
import org.ecogov.registry.api.model.PermittedPollutantDto;
import org.ecogov.registry.domain.Enterprise;
import org.ecogov.registry.domain.Outlet;
import org.ecogov.registry.domain.OutletPollutant;
import org.ecogov.registry.domain.Pollutant;
import org.ecogov.registry.events.RegistryEvents;
import org.ecogov.registry.mapping.OutletMapper;
import org.ecogov.registry.mapping.Times;
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
    private final AuditLog audit;
    private final RegistryEvents events;

    public OutletService(OutletRepository outlets, AuditLog audit, RegistryEvents events) {
        this.outlets = outlets;
        this.audit = audit;
        this.events = events;
    }

    @WithTransaction
    public Uni<OutletDto> register(Caller caller, String uscc, OutletCreateDto body) {
        RegistryScope.requireWrite(caller);
        String kind = body.getKind().toString();
        String expected = body.getCode().startsWith("DA") ? "air" : "water";
        if (!kind.equals(expected)) {
            throw ProblemException.field(ProblemType.VALIDATION_FAILED, "kind",
                    "an outlet coded " + body.getCode().substring(0, 2) + " discharges into " + expected + ", not " + kind);
        }
        // one reactive session runs one query at a time, so these are chained, not combined
        return writableEnterprise(caller, uscc).chain(inScope -> reference()).chain(reference -> {
            List<OutletPollutant> pollutants = permitted(body.getDetails(), kind, reference);
            return outlets.findByCode(uscc, body.getCode()).chain(existing -> {
                if (existing != null) {
                    throw ProblemException.field(ProblemType.OUTLET_EXISTS, "code",
                            "enterprise " + uscc + " already has an outlet " + body.getCode());
                }
                Outlet o = new Outlet();
                o.enterpriseUscc = uscc;
                o.code = body.getCode();
                o.kind = kind;
                applyDetails(body.getDetails(), o, pollutants);
                o.stampCreated(caller.actor(), Times.now());
                return o.<Outlet>persist().map(saved -> OutletMapper.toDto(saved, reference));
            });
        }).call(dto -> audit.record(caller, new AuditLog.Change("outlet-registered", "outlet",
                uscc + "/" + dto.getCode(), null, dto, null)))
                .call(dto -> events.outletCreated(uscc, dto.getCode(), dto));
    }

    @WithTransaction
    public Uni<OutletDto> update(Caller caller, String uscc, String code, String ifMatch, OutletDetailsDto details) {
        RegistryScope.requireWrite(caller);
        EntityTags.requireVersion(ifMatch);
        return writableEnterprise(caller, uscc).chain(inScope -> reference()).chain(reference -> {
            return outlets.lockByCode(uscc, code).chain(o -> {
                if (o == null) {
                    throw outletNotFound(uscc, code);
                }
                EntityTags.checkCurrent(ifMatch, o.version);
                List<OutletPollutant> pollutants = permitted(details, o.kind, reference);
                OutletDto before = OutletMapper.toDto(o, reference);
                applyDetails(details, o, pollutants);
                o.stampUpdated(caller.actor(), Times.now());
                return o.<Outlet>persist().map(saved -> OutletMapper.toDto(saved, reference))
                        .call(after -> audit.record(caller, new AuditLog.Change("outlet-updated", "outlet",
                                uscc + "/" + code, before, after, null)))
                        .call(after -> events.outletChanged(uscc, code, after));
            });
        });
    }

    @WithSession
    public Uni<OutletDto> get(Caller caller, String uscc, String code) {
        RegistryScope.requireRead(caller);
        return readableEnterprise(caller, uscc).chain(inScope -> reference())
                .chain(reference -> outlets.findByCode(uscc, code).map(o -> {
                    if (o == null) {
                        throw outletNotFound(uscc, code);
                    }
                    return OutletMapper.toDto(o, reference);
                }));
    }

    @WithSession
    public Uni<List<OutletDto>> list(Caller caller, String uscc) {
        RegistryScope.requireRead(caller);
        return readableEnterprise(caller, uscc).chain(inScope -> reference())
                .chain(reference -> outlets.listOf(uscc)
                        .map(rows -> rows.stream().map(o -> OutletMapper.toDto(o, reference)).toList()));
    }

    private Uni<Enterprise> writableEnterprise(Caller caller, String uscc) {
        return Enterprise.<Enterprise>findById(uscc).map(e -> RegistryScope.requireWritable(caller, e, uscc));
    }

    private Uni<Enterprise> readableEnterprise(Caller caller, String uscc) {
        return Enterprise.<Enterprise>findById(uscc).map(e -> RegistryScope.requireReadable(caller, e, uscc));
    }

    private Uni<Map<String, Pollutant>> reference() {
        return Pollutant.<Pollutant>listAll()
                .map(all -> all.stream().collect(Collectors.toMap(p -> p.code, Function.identity())));
    }

    /**
     * Checks every permitted pollutant against the reference list and the outlet's medium and
     * reports all bad entries at once, each by its JSON path.
     */
    private static List<OutletPollutant> permitted(OutletDetailsDto details, String kind, Map<String, Pollutant> reference) {
        List<FieldViolation> violations = new ArrayList<>();
        List<OutletPollutant> result = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<PermittedPollutantDto> given = details.getPollutants();
        for (int i = 0; i < given.size(); i++) {
            PermittedPollutantDto p = given.get(i);
            String path = "details.pollutants[" + i + "]";
            String code = p.getPollutant().toString();
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
                if (p.getLimitMin() == null || p.getLimitMax() == null) {
                    violations.add(new FieldViolation(path + (p.getLimitMin() == null ? ".limitMin" : ".limitMax"),
                            "pH is limited by a range: give limitMin and limitMax"));
                } else if (p.getLimitMax().compareTo(PH_MAX) > 0) {
                    violations.add(new FieldViolation(path + ".limitMax", "pH cannot exceed 14"));
                }
            } else if (p.getLimitMin() != null) {
                violations.add(new FieldViolation(path + ".limitMin", "only pH has a lower limit"));
            }
            if (p.getLimitMin() != null && p.getLimitMax() != null && p.getLimitMin().compareTo(p.getLimitMax()) > 0) {
                violations.add(new FieldViolation(path + ".limitMin", "must not be greater than limitMax"));
            }
            OutletPollutant op = new OutletPollutant();
            op.pollutant = code;
            op.limitMin = p.getLimitMin();
            op.limitMax = p.getLimitMax();
            op.annualPermittedTonnes = p.getAnnualPermittedTonnes();
            result.add(op);
        }
        if (!violations.isEmpty()) {
            throw ProblemException.fields(ProblemType.VALIDATION_FAILED, "some permitted pollutants are invalid", violations);
        }
        return result;
    }

    private static void applyDetails(OutletDetailsDto details, Outlet o, List<OutletPollutant> pollutants) {
        o.name = details.getName().strip();
        o.latitude = details.getLocation().getLatitude();
        o.longitude = details.getLocation().getLongitude();
        o.replacePollutants(pollutants);
    }

    static ProblemException outletNotFound(String uscc, String code) {
        return ProblemException.of(ProblemType.OUTLET_NOT_FOUND, "enterprise " + uscc + " has no outlet " + code);
    }
}
