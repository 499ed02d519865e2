package org.ecogov.registry.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.ecogov.registry.domain.Agency;
import org.ecogov.registry.domain.Outlet;
import org.ecogov.registry.domain.Permit;
import org.ecogov.registry.domain.PermitAmendment;
import org.ecogov.registry.domain.PermitApplication;
import org.ecogov.registry.domain.PermitHistoryEntry;
import org.ecogov.registry.domain.PermitRecord;
import org.ecogov.registry.domain.PermitState;
import org.ecogov.registry.domain.PermitStatus;
import org.ecogov.registry.domain.PermitVersion;
import org.ecogov.registry.domain.RegistryProblem;
import org.ecogov.registry.events.RegistryEvents;
import org.ecogov.registry.repository.NaturalKeyLocks;
import org.ecogov.registry.repository.OutletRepository;
import org.ecogov.registry.repository.PermitRepository;
import org.ecogov.registry.repository.PermitSnapshots;
import org.ecogov.runtime.audit.AuditLog;
import org.ecogov.runtime.concurrency.EntityTags;
import org.ecogov.runtime.paging.Page;
import org.ecogov.runtime.paging.PageCursor;
import org.ecogov.runtime.problem.FieldViolation;
import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.problem.ProblemType;
import org.ecogov.runtime.security.Caller;
import org.ecogov.runtime.time.Clock;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Discharge permits: recorded, amended and revoked by the agency that issued them (or a platform-admin), each change
 * with its version, audit entry and event.
 * <ul>
 * <li>The issuing agency is the caller's own agency (its token's {@code agency} claim); a platform-admin records and
 * changes any agency's permits.</li>
 * <li>A permit covers outlets of its own enterprise only.</li>
 * <li>No outlet is covered on one day by two permits in force that day. A permit is in force on the days of its
 * validity unless it is revoked: a revoked permit stands in nobody's way, an expired one only in the way of a permit
 * reaching back into its days, one not yet valid only of its own future days.</li>
 * <li>Amendments and revocations take the permit's {@code If-Match} and a reason; a revoked permit is final.</li>
 * </ul>
 * The covered outlets' rows are locked (in code order, so two writers never wait for each other crosswise) while the
 * overlap is checked, so two concurrent permits for one outlet cannot both pass; a permit being changed is locked
 * first, and a new number is locked before it is looked up, so a number is recorded once.
 */
@ApplicationScoped
public class PermitService {

    private final PermitRepository permits;
    private final OutletRepository outlets;
    private final ScopedEnterprises scoped;
    private final NaturalKeyLocks keys;
    private final AuditLog audit;
    private final RegistryEvents events;
    private final Clock clock;

    public PermitService(PermitRepository permits, OutletRepository outlets, ScopedEnterprises scoped,
                         NaturalKeyLocks keys, AuditLog audit, RegistryEvents events, Clock clock) {
        this.permits = permits;
        this.outlets = outlets;
        this.scoped = scoped;
        this.keys = keys;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<PermitRecord> record(Caller caller, String uscc, PermitApplication body) {
        if (!body.number().startsWith(uscc)) {
            throw ProblemException.field(ProblemType.VALIDATION_FAILED, "number",
                    "a permit number starts with its holder's USCC " + uscc);
        }
        Validity validity = validity(body.validFrom(), body.validTo());
        requireIssuer(caller, body.issuingAgency());
        List<String> codes = List.copyOf(body.outletCodes());
        return scoped.writable(caller, uscc)
                .chain(e -> Agency.<Agency>findById(body.issuingAgency()))
                .invoke(agency -> {
                    if (agency == null) {
                        throw ProblemException.field(ProblemType.VALIDATION_FAILED, "issuingAgency",
                                "no agency " + body.issuingAgency());
                    }
                })
                .chain(agency -> keys.permit(body.number()))
                .chain(locked -> Permit.<Permit>findById(body.number()))
                .invoke(existing -> {
                    if (existing != null) {
                        throw ProblemException.field(RegistryProblem.PERMIT_EXISTS, "number",
                                "permit " + body.number() + " is already recorded");
                    }
                })
                .chain(none -> lockCoveredOutlets(uscc, codes))
                .call(covered -> checkNoOverlap(codes, covered, validity, body.number()))
                .chain(covered -> {
                    Permit p = new Permit();
                    p.number = body.number();
                    p.enterpriseUscc = uscc;
                    p.managementClass = body.managementClass();
                    p.validFrom = validity.from();
                    p.validTo = validity.to();
                    p.issuingAgency = body.issuingAgency();
                    p.outlets.addAll(covered);
                    p.stampCreated(caller.actor(), clock.now());
                    return p.<Permit>persist();
                })
                .chain(permit -> recordVersion(caller, permit, PermitVersion.RECORDED, null, null, null));
    }

    @WithTransaction
    public Uni<PermitRecord> amend(Caller caller, String uscc, String number, String ifMatch, PermitAmendment body) {
        EntityTags.requireVersion(ifMatch);
        Validity validity = validity(body.validFrom(), body.validTo());
        List<String> codes = List.copyOf(body.outletCodes());
        return changeable(caller, uscc, number, ifMatch).chain(p -> {
            PermitState before = PermitState.of(p);
            return lockCoveredOutlets(uscc, codes)
                    .call(covered -> checkNoOverlap(codes, covered, validity, number))
                    .chain(covered -> {
                        p.managementClass = body.managementClass();
                        p.validFrom = validity.from();
                        p.validTo = validity.to();
                        p.outlets.clear();
                        p.outlets.addAll(covered);
                        p.stampUpdated(caller.actor(), clock.now());
                        return recordVersion(caller, p, PermitVersion.AMENDED, body.reason().strip(), before, null);
                    });
        });
    }

    @WithTransaction
    public Uni<PermitRecord> revoke(Caller caller, String uscc, String number, String ifMatch, String reason) {
        EntityTags.requireVersion(ifMatch);
        return changeable(caller, uscc, number, ifMatch).chain(p -> {
            PermitState before = PermitState.of(p);
            Instant now = clock.now();
            PermitStatus previous = before.statusOn(Clock.agencyDay(now));
            p.status = Permit.REVOKED;
            p.revokedAt = now;
            p.revocationReason = reason.strip();
            p.stampUpdated(caller.actor(), now);
            return recordVersion(caller, p, PermitVersion.REVOKED, p.revocationReason, before, previous);
        });
    }

    @WithSession
    public Uni<PermitRecord> get(Caller caller, String uscc, String number) {
        return scoped.readable(caller, uscc)
                .chain(e -> permits.findOf(uscc, number))
                .map(p -> {
                    if (p == null) {
                        throw notFound(uscc, number);
                    }
                    return PermitRecord.on(clock.agencyToday(), PermitState.of(p));
                });
    }

    @WithSession
    public Uni<List<PermitRecord>> list(Caller caller, String uscc) {
        LocalDate today = clock.agencyToday();
        return scoped.readable(caller, uscc).chain(e -> permits.listOf(uscc))
                .map(all -> all.stream().map(p -> PermitRecord.on(today, PermitState.of(p))).toList());
    }

    @WithSession
    public Uni<Page<PermitHistoryEntry>> versions(Caller caller, String uscc, String number, String cursor, int limit) {
        String afterKey = PageCursor.decode(cursor, key -> key.matches("[0-9]{1,18}"));
        long after = afterKey == null ? 0 : Long.parseLong(afterKey);
        return scoped.readable(caller, uscc)
                .chain(e -> permits.findOf(uscc, number))
                .chain(p -> {
                    if (p == null) {
                        throw notFound(uscc, number);
                    }
                    return permits.versions(number, after, limit + 1);
                })
                .map(rows -> Page.of(rows, limit, v -> Long.toString(v.id.version)).map(PermitService::entry));
    }

    /**
     * Only the issuing agency records and changes its permits: an official acts for the agency its token names
     * ({@code agency}), and a platform-admin for any.
     */
    static void requireIssuer(Caller caller, String issuingAgency) {
        if (!isIssuer(caller, issuingAgency)) {
            throw ProblemException.field(RegistryProblem.NOT_ISSUING_AGENCY, "issuingAgency",
                    caller.agency() == null ? "you act for no agency, so you record no permit"
                            : "you act for " + caller.agency() + " and record only its permits, not " + issuingAgency + "'s");
        }
    }

    private static boolean isIssuer(Caller caller, String issuingAgency) {
        return caller.isPlatformAdmin() || caller.agency() != null && caller.agency().equals(issuingAgency);
    }

    /** The permit, locked, if the caller may change it now: in scope, theirs to change, at that version, not revoked. */
    private Uni<Permit> changeable(Caller caller, String uscc, String number, String ifMatch) {
        return scoped.writable(caller, uscc)
                .chain(e -> permits.lockOf(uscc, number))
                .map(p -> {
                    if (p == null) {
                        throw notFound(uscc, number);
                    }
                    if (!isIssuer(caller, p.issuingAgency)) {
                        throw ProblemException.of(RegistryProblem.NOT_ISSUING_AGENCY, "Permit " + number
                                + " was issued by " + p.issuingAgency + "; only that agency's officers and platform-admins"
                                + " amend or revoke it.");
                    }
                    EntityTags.checkCurrent(ifMatch, p.version);
                    if (p.isRevoked()) {
                        throw ProblemException.of(RegistryProblem.PERMIT_REVOKED, "Permit " + number + " was revoked at "
                                + Clock.utc(p.revokedAt) + "; a revoked permit is final. Record a new permit instead.");
                    }
                    return p;
                });
    }

    /** Keeps the version, appends the audit entry and the event, in the change's transaction. */
    private Uni<PermitRecord> recordVersion(Caller caller, Permit permit, String action, String reason, PermitState before,
                                            PermitStatus previous) {
        PermitState after = PermitState.of(permit);
        PermitRecord answer = PermitRecord.on(Clock.agencyDay(permit.updatedAt), after);
        return PermitVersion.of(permit, action, reason, PermitSnapshots.write(after)).persist()
                .chain(() -> audit.append(caller, new AuditLog.Change("permit-" + action, "permit", permit.number, before,
                        after, reason)))
                .chain(() -> switch (action) {
                    case PermitVersion.RECORDED -> events.permitCreated(answer);
                    case PermitVersion.AMENDED -> events.permitAmended(answer, reason);
                    default -> events.permitStatusChanged(answer, previous, reason);
                })
                .replaceWith(answer);
    }

    private static PermitHistoryEntry entry(PermitVersion v) {
        return new PermitHistoryEntry(v.id.version, v.action, v.changedAt, v.changedBy, v.reason,
                PermitRecord.on(Clock.agencyDay(v.changedAt), PermitSnapshots.read(v.snapshot)));
    }

    private static ProblemException notFound(String uscc, String number) {
        return ProblemException.of(RegistryProblem.PERMIT_NOT_FOUND, "enterprise " + uscc + " has no permit " + number);
    }

    private record Validity(LocalDate from, LocalDate to) {
    }

    private static Validity validity(String from, String to) {
        LocalDate validFrom = calendarDay(from, "validFrom");
        LocalDate validTo = calendarDay(to, "validTo");
        if (validTo.isBefore(validFrom)) {
            throw ProblemException.field(ProblemType.VALIDATION_FAILED, "validTo", "must not be before validFrom");
        }
        return new Validity(validFrom, validTo);
    }

    /** The contract checks the shape (yyyy-mm-dd); this checks it is a day that exists. */
    private static LocalDate calendarDay(String value, String field) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.field(ProblemType.VALIDATION_FAILED, field, value + " is not a calendar date");
        }
    }

    /**
     * Every covered code must name an outlet of this enterprise; all misses are reported at once. The rows are locked
     * in code order, whatever order the request lists them in.
     */
    private Uni<List<Outlet>> lockCoveredOutlets(String uscc, List<String> codes) {
        Integer[] byCode = new Integer[codes.size()];
        Arrays.setAll(byCode, i -> i);
        Arrays.sort(byCode, Comparator.comparing(codes::get));
        Outlet[] found = new Outlet[codes.size()];
        return Multi.createFrom().items(byCode)
                .onItem().transformToUniAndConcatenate(i -> outlets.lockByCode(uscc, codes.get(i))
                        .invoke(o -> found[i] = o))
                .collect().last()
                .map(last -> {
                    List<FieldViolation> missing = new ArrayList<>();
                    for (int i = 0; i < codes.size(); i++) {
                        if (found[i] == null) {
                            missing.add(new FieldViolation("outletCodes[" + i + "]",
                                    codes.get(i) + " is not an outlet of enterprise " + uscc));
                        }
                    }
                    if (!missing.isEmpty()) {
                        throw ProblemException.fields(RegistryProblem.PERMIT_OUTLET_MISMATCH,
                                "a permit covers only outlets of its own enterprise", missing);
                    }
                    return List.of(found);
                });
    }

    private Uni<Void> checkNoOverlap(List<String> codes, List<Outlet> covered, Validity validity, String number) {
        return permits.inForceDuring(covered, validity.from(), validity.to(), number).invoke(clashes -> {
            List<FieldViolation> violations = new ArrayList<>();
            for (int i = 0; i < covered.size(); i++) {
                Outlet outlet = covered.get(i);
                for (Permit clash : clashes) {
                    if (clash.outlets.stream().anyMatch(o -> o.id.equals(outlet.id))) {
                        violations.add(new FieldViolation("outletCodes[" + i + "]", codes.get(i) + " is already covered by permit "
                                + clash.number + ", in force " + clash.validFrom + " to " + clash.validTo));
                    }
                }
            }
            if (!violations.isEmpty()) {
                throw ProblemException.fields(RegistryProblem.PERMIT_OVERLAP,
                        "an outlet can be covered by only one permit in force on a day", violations);
            }
        }).replaceWithVoid();
    }
}
