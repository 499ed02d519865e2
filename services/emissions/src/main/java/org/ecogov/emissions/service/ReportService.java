package org.ecogov.emissions.service;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.ecogov.emissions.config.EmissionsConfig;
import org.ecogov.emissions.domain.EmissionsProblem;
import org.ecogov.emissions.domain.Report;
import org.ecogov.emissions.domain.ReportPeriods;
import org.ecogov.emissions.repository.ExceedanceStore;
import org.ecogov.emissions.repository.LimitCopy;
import org.ecogov.emissions.repository.LimitCopy.CopiedEnterprise;
import org.ecogov.runtime.access.DataScope;
import org.ecogov.runtime.audit.AuditLog;
import org.ecogov.runtime.concurrency.EntityTags;
import org.ecogov.runtime.events.DomainEvent;
import org.ecogov.runtime.events.Outbox;
import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.problem.ProblemType;
import org.ecogov.runtime.security.Caller;
import org.ecogov.runtime.time.Clock;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Self-monitoring reports: a draft of an outlet, pollutant and period; submitted (late after its due time);
 * accepted or returned with reasons by an official; corrected only by a new version, the old one kept. Every change
 * audited; an acceptance published as {@code report.accepted}.
 */
@ApplicationScoped
public class ReportService {

    public record Draft(String outlet, String pollutant, String periodKind, LocalDate periodStart, String unit,
            String valuesJson) {
    }

    private final LimitCopy copy;
    private final DataScope scope;
    private final AuditLog audit;
    private final Outbox outbox;
    private final Clock clock;
    private final EmissionsConfig config;

    public ReportService(LimitCopy copy, DataScope scope, AuditLog audit, Outbox outbox, Clock clock,
            EmissionsConfig config) {
        this.copy = copy;
        this.scope = scope;
        this.audit = audit;
        this.outbox = outbox;
        this.clock = clock;
        this.config = config;
    }

    /** A new draft (version 1); joins the transaction Idempotency.once opens, or opens one. */
    @WithTransaction
    public Uni<Report> create(Caller caller, String uscc, Draft draft) {
        checkUnit(draft.pollutant(), draft.unit());
        if (!ReportPeriods.startsPeriod(draft.periodKind(), draft.periodStart())) {
            throw ProblemException.field(ProblemType.VALIDATION_FAILED, "periodStart",
                    "must be the first day of a " + draft.periodKind());
        }
        return writable(caller, uscc)
                .chain(e -> copy.outlet(uscc, draft.outlet()))
                .chain(outlet -> {
                    if (outlet.isEmpty()) {
                        return Uni.createFrom().failure(ProblemException.field(ProblemType.VALIDATION_FAILED,
                                "outletCode", "not an outlet of enterprise " + uscc));
                    }
                    return Report.count("uscc = ?1 and outletCode = ?2 and pollutant = ?3 and periodKind = ?4"
                            + " and periodStart = ?5", uscc, draft.outlet(), draft.pollutant(), draft.periodKind(),
                            draft.periodStart());
                })
                .chain(existing -> {
                    if (existing > 0) {
                        return Uni.createFrom().failure(ProblemException.of(EmissionsProblem.REPORT_EXISTS,
                                "A report of " + draft.outlet() + ", " + draft.pollutant() + " for the "
                                        + draft.periodKind() + " from " + draft.periodStart()
                                        + " exists: correct it with a new version."));
                    }
                    Report report = new Report();
                    report.id = UUID.randomUUID();
                    report.uscc = uscc;
                    report.outletCode = draft.outlet();
                    report.pollutant = draft.pollutant();
                    report.periodKind = draft.periodKind();
                    report.periodStart = draft.periodStart();
                    report.periodEnd = ReportPeriods.end(draft.periodKind(), draft.periodStart());
                    report.version = 1;
                    report.revision = 1;
                    report.dueAt = ReportPeriods.due(report.periodEnd, dueDay(draft.periodKind()), config.reports().zone());
                    fill(report, caller, draft.unit(), draft.valuesJson());
                    return report.<Report>persist().call(saved -> audited(caller, "create-report", null, saved));
                });
    }

    /** A new draft version correcting the latest one, which must be past draft; joins or opens a transaction. */
    @WithTransaction
    public Uni<Report> correct(Caller caller, String uscc, UUID id, String unit, String valuesJson) {
        return writable(caller, uscc).chain(e -> find(uscc, id)).chain(old -> {
            checkUnit(old.pollutant, unit);
            return Report.<Report>find("uscc = ?1 and outletCode = ?2 and pollutant = ?3 and periodKind = ?4"
                            + " and periodStart = ?5 order by version desc", uscc, old.outletCode, old.pollutant,
                            old.periodKind, old.periodStart).firstResult()
                    .chain(latest -> {
                        if (!latest.id.equals(old.id) || old.is(Report.Status.draft)) {
                            return Uni.createFrom().failure(ProblemException.of(EmissionsProblem.REPORT_NOT_IN_STATE,
                                    old.is(Report.Status.draft) ? "A draft is not corrected by a new version."
                                            : "Version " + old.version + " is not the latest: correct version "
                                                    + latest.version + "."));
                        }
                        Report next = new Report();
                        next.id = UUID.randomUUID();
                        next.uscc = uscc;
                        next.outletCode = old.outletCode;
                        next.pollutant = old.pollutant;
                        next.periodKind = old.periodKind;
                        next.periodStart = old.periodStart;
                        next.periodEnd = old.periodEnd;
                        next.version = old.version + 1;
                        next.revision = 1;
                        next.corrects = old.id;
                        next.dueAt = old.dueAt;
                        fill(next, caller, unit, valuesJson);
                        return next.<Report>persist().call(saved -> audited(caller, "correct-report", old, saved));
                    });
        });
    }

    /**
     * Changes a draft's unit and values: only a draft, only at the revision {@code ifMatch} names (428 without,
     * 412 stale), only by who may submit it. Its row is locked while it changes.
     */
    @WithTransaction
    public Uni<Report> update(Caller caller, String uscc, UUID id, String ifMatch, String unit, String valuesJson) {
        return writable(caller, uscc)
                .chain(e -> Report.<Report>findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE))
                .chain(report -> {
                    if (report == null || !report.uscc.equals(uscc)) {
                        return Uni.createFrom().failure(notFound(id));
                    }
                    EntityTags.checkCurrent(ifMatch, report.revision);
                    inState(report, Report.Status.draft, "changed");
                    checkUnit(report.pollutant, unit);
                    Report before = snapshot(report);
                    report.unit = unit;
                    report.measuredValues = valuesJson;
                    report.revision++;
                    return audited(caller, "update-report", before, report).replaceWith(report);
                });
    }

    @WithTransaction
    public Uni<Report> submit(Caller caller, String uscc, UUID id) {
        return writable(caller, uscc).chain(e -> find(uscc, id)).chain(report -> {
            inState(report, Report.Status.draft, "submitted");
            Report before = snapshot(report);
            report.status = Report.Status.submitted.name();
            report.submittedAt = clock.now();
            report.late = !report.submittedAt.isBefore(report.dueAt);
            return audited(caller, "submit-report", before, report).replaceWith(report);
        });
    }

    @WithTransaction
    public Uni<Report> accept(Caller caller, String uscc, UUID id) {
        return decidable(caller, uscc).chain(e -> find(uscc, id)).chain(report -> {
            inState(report, Report.Status.submitted, "accepted");
            Report before = snapshot(report);
            report.status = Report.Status.accepted.name();
            report.decidedAt = clock.now();
            report.decidedBy = caller.actor();
            return audited(caller, "accept-report", before, report)
                    .call(() -> outbox.append(new DomainEvent(ExceedanceStore.EVENT_PREFIX + "report.accepted.v1",
                            "enterprises/" + uscc + "/reports/" + report.id, Map.of("report", accepted(report)))))
                    .replaceWith(report);
        });
    }

    @WithTransaction
    public Uni<Report> giveBack(Caller caller, String uscc, UUID id, String reasonsJson) {
        return decidable(caller, uscc).chain(e -> find(uscc, id)).chain(report -> {
            inState(report, Report.Status.submitted, "returned");
            Report before = snapshot(report);
            report.status = Report.Status.returned.name();
            report.decidedAt = clock.now();
            report.decidedBy = caller.actor();
            report.returnReasons = reasonsJson;
            return audited(caller, "return-report", before, report).replaceWith(report);
        });
    }

    /** The version and every version of its outlet, pollutant and period, oldest first; keys see accepted ones. */
    @WithSession
    public Uni<Map.Entry<Report, List<Report>>> get(Caller caller, String uscc, UUID id) {
        return readable(caller, uscc).chain(e -> find(uscc, id)).chain(report -> {
            if (caller.isThirdParty() && !report.is(Report.Status.accepted)) {
                return Uni.createFrom().failure(notFound(id));
            }
            return Report.<Report>list("uscc = ?1 and outletCode = ?2 and pollutant = ?3 and periodKind = ?4"
                            + " and periodStart = ?5 order by version", uscc, report.outletCode, report.pollutant,
                            report.periodKind, report.periodStart)
                    .map(all -> Map.entry(report, all.stream()
                            .filter(r -> !caller.isThirdParty() || r.is(Report.Status.accepted)).toList()));
        });
    }

    /** Where a page of the list starts: after the report with this period, outlet, pollutant and kind. */
    public record ListKey(LocalDate periodStart, String outlet, String pollutant, String periodKind) {
    }

    /**
     * The latest version of each report of the enterprise (for keys: the latest accepted one), newest period
     * first, then outlet, pollutant and kind; {@code after} the last one of the previous page (keyset).
     * {@code overdue}: only those never submitted and past their due time (true), or only the others (false).
     */
    @WithSession
    public Uni<List<Report>> list(Caller caller, String uscc, String status, Boolean overdue, ListKey after, int limit) {
        boolean keys = caller.isThirdParty();
        String wanted = keys ? "accepted" : status;
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("uscc", uscc);
        StringBuilder query = new StringBuilder("from Report r where r.uscc = :uscc");
        if (wanted != null) {
            query.append(" and r.status = :status");
            params.put("status", wanted);
        }
        if (overdue != null) {
            query.append(overdue ? " and" : " and not").append(" (r.version = 1 and r.status = 'draft' and r.dueAt <= :now)");
            params.put("now", clock.now());
        }
        if (after != null) {
            query.append(" and (r.periodStart < :p or (r.periodStart = :p and (r.outletCode > :o or (r.outletCode = :o"
                    + " and (r.pollutant > :q or (r.pollutant = :q and r.periodKind > :k))))))");
            params.put("p", after.periodStart());
            params.put("o", after.outlet());
            params.put("q", after.pollutant());
            params.put("k", after.periodKind());
        }
        query.append(" and r.version = (select max(o.version) from Report o where o.uscc = r.uscc"
                + " and o.outletCode = r.outletCode and o.pollutant = r.pollutant and o.periodKind = r.periodKind"
                + " and o.periodStart = r.periodStart" + (keys ? " and o.status = 'accepted'" : "") + ")"
                + " order by r.periodStart desc, r.outletCode, r.pollutant, r.periodKind");
        return readable(caller, uscc).chain(e -> Report.<Report>find(query.toString(), params).range(0, limit - 1).list());
    }

    private void fill(Report report, Caller caller, String unit, String valuesJson) {
        report.status = Report.Status.draft.name();
        report.unit = unit;
        report.measuredValues = valuesJson;
        report.createdAt = clock.now();
        report.createdBy = caller.actor();
    }

    private static void checkUnit(String pollutant, String unit) {
        String expected = ReportPeriods.unitOf(pollutant).orElseThrow();
        if (!expected.equals(unit)) {
            throw ProblemException.field(ProblemType.VALIDATION_FAILED, "unit",
                    "the unit of " + pollutant + " is " + expected + ", not " + unit);
        }
    }

    private int dueDay(String kind) {
        return switch (kind) {
            case "month" -> config.reports().dueDay().month();
            case "quarter" -> config.reports().dueDay().quarter();
            default -> config.reports().dueDay().year();
        };
    }

    private static void inState(Report report, Report.Status wanted, String becoming) {
        if (!report.is(wanted)) {
            throw ProblemException.of(EmissionsProblem.REPORT_NOT_IN_STATE,
                    "The report is " + report.status + "; only a " + wanted + " report can be " + becoming + ".");
        }
    }

    private Uni<Report> find(String uscc, UUID id) {
        return Report.<Report>findById(id).map(r -> {
            if (r == null || !r.uscc.equals(uscc)) {
                throw notFound(id);
            }
            return r;
        });
    }

    private static ProblemException notFound(UUID id) {
        return ProblemException.of(EmissionsProblem.REPORT_NOT_FOUND, "No report " + id + ".");
    }

    private Uni<CopiedEnterprise> readable(Caller caller, String uscc) {
        return enterprise(uscc).map(e -> {
            if (!scope.canSee(caller, e.divisionCode(), e.uscc())) {
                throw enterpriseNotFound(uscc);
            }
            return e;
        });
    }

    /** Reporters their own enterprise; officers inside their jurisdiction; platform-admins. */
    private Uni<CopiedEnterprise> writable(Caller caller, String uscc) {
        return enterprise(uscc).map(e -> {
            if (!caller.isOwnEnterprise(uscc) && !scope.canChangeAt(caller, e.divisionCode())) {
                throw enterpriseNotFound(uscc);
            }
            return e;
        });
    }

    /** Officials inside their jurisdiction; platform-admins. */
    private Uni<CopiedEnterprise> decidable(Caller caller, String uscc) {
        return enterprise(uscc).map(e -> {
            if (!caller.isPlatformAdmin() && !caller.canSee(e.divisionCode())) {
                throw enterpriseNotFound(uscc);
            }
            return e;
        });
    }

    private Uni<CopiedEnterprise> enterprise(String uscc) {
        return copy.enterprise(uscc).map(e -> e.orElseThrow(() -> enterpriseNotFound(uscc)));
    }

    private static ProblemException enterpriseNotFound(String uscc) {
        return ProblemException.of(EmissionsProblem.ENTERPRISE_NOT_FOUND, "No enterprise " + uscc + ".");
    }

    private Uni<Void> audited(Caller caller, String action, Report before, Report after) {
        return audit.append(caller, new AuditLog.Change(action, "report", after.uscc + "/" + after.id,
                before == null ? null : eventData(before), eventData(after), null)).replaceWithVoid();
    }

    private static Report snapshot(Report report) {
        Report copy = new Report();
        copy.id = report.id;
        copy.uscc = report.uscc;
        copy.outletCode = report.outletCode;
        copy.pollutant = report.pollutant;
        copy.periodKind = report.periodKind;
        copy.periodStart = report.periodStart;
        copy.version = report.version;
        copy.status = report.status;
        copy.unit = report.unit;
        copy.late = report.late;
        copy.measuredValues = report.measuredValues;
        return copy;
    }

    private static Map<String, Object> accepted(Report r) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", r.id.toString());
        data.put("uscc", r.uscc);
        data.put("outlet", r.outletCode);
        data.put("pollutant", r.pollutant);
        data.put("periodKind", r.periodKind);
        data.put("periodStart", r.periodStart.toString());
        data.put("version", r.version);
        data.put("late", r.late);
        data.put("acceptedAt", r.decidedAt.toString());
        return data;
    }

    /** What the audit entry's digests cover: the report's identity, state and values. */
    private static Map<String, Object> eventData(Report r) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", r.id.toString());
        data.put("uscc", r.uscc);
        data.put("outlet", r.outletCode);
        data.put("pollutant", r.pollutant);
        data.put("periodKind", r.periodKind);
        data.put("periodStart", r.periodStart.toString());
        data.put("version", r.version);
        data.put("status", r.status);
        data.put("unit", r.unit);
        data.put("late", r.late);
        data.put("values", r.measuredValues);
        return data;
    }
}
