package org.ecogov.registry.service;

import org.ecogov.registry.domain.RegistryProblem;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.ecogov.registry.domain.Enterprise;
import org.ecogov.registry.domain.EnterpriseDetails;
import org.ecogov.registry.domain.EnterpriseHistoryEntry;
import org.ecogov.registry.domain.EnterpriseState;
import org.ecogov.registry.domain.EnterpriseStatus;
import org.ecogov.registry.domain.EnterpriseVersion;
import org.ecogov.registry.events.RegistryEvents;
import org.ecogov.registry.repository.EnterpriseRepository;
import org.ecogov.registry.repository.EnterpriseSnapshots;
import org.ecogov.registry.repository.NaturalKeyLocks;
import org.ecogov.runtime.access.DataScope;
import org.ecogov.runtime.audit.AuditLog;
import org.ecogov.runtime.concurrency.EntityTags;
import org.ecogov.runtime.identifiers.Uscc;
import org.ecogov.runtime.paging.Page;
import org.ecogov.runtime.paging.PageCursor;
import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.problem.ProblemType;
import org.ecogov.runtime.security.Caller;
import org.ecogov.runtime.time.Clock;

import java.time.Instant;

/**
 * The rules of the enterprise record: registration (with the USCC check character; a USCC once, registrations of one
 * code taken one at a time, and a taken code refused without telling more than a read would), changes under If-Match,
 * status transitions, history. Takes commands and answers the registry's own types; the API model is rest/'s.
 */
@ApplicationScoped
public class EnterpriseService {

    private final EnterpriseRepository enterprises;
    private final NaturalKeyLocks keys;
    private final ScopedEnterprises scoped;
    private final DataScope dataScope;
    private final AuditLog audit;
    private final RegistryEvents events;
    private final Clock clock;

    public EnterpriseService(EnterpriseRepository enterprises, NaturalKeyLocks keys, ScopedEnterprises scoped,
                             DataScope dataScope, AuditLog audit, RegistryEvents events, Clock clock) {
        this.keys = keys;
        this.dataScope = dataScope;
        this.events = events;
        this.enterprises = enterprises;
        this.scoped = scoped;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Registers an enterprise.
     *
     * @param checkOverrideReason why a USCC whose check character is wrong is registered all the same
     *        (platform-admin only); null when no override is asked for
     */
    public record Registration(String uscc, EnterpriseDetails details, String checkOverrideReason) {
    }

    /** Filters of the enterprise list; null means "any". */
    public record Filter(String divisionPrefix, String park, String industryCode, EnterpriseStatus status,
                         Boolean keyMonitored, String nameContains) {
    }

    @WithTransaction
    public Uni<Enterprise> register(Caller caller, Registration registration) {
        String uscc = registration.uscc();
        String overrideReason = checkCharacterRule(caller, uscc, registration.checkOverrideReason());
        scoped.requireWritableDivision(caller, registration.details().divisionCode(), "details.divisionCode");
        return keys.enterprise(uscc).chain(locked -> enterprises.find(uscc)).chain(existing -> {
            if (existing != null) {
                throw taken(caller, existing);
            }
            Enterprise e = new Enterprise();
            e.uscc = uscc;
            registration.details().applyTo(e);
            e.status = EnterpriseStatus.OPERATING.value();
            e.usccCheckOverridden = overrideReason != null;
            e.stampCreated(caller.actor(), clock.now());
            return e.<Enterprise>persist()
                    .chain(saved -> recordVersion(caller, saved, "created", overrideReason, null));
        });
    }

    @WithSession
    public Uni<Enterprise> get(Caller caller, String uscc) {
        return scoped.readable(caller, uscc);
    }

    @WithSession
    public Uni<Page<Enterprise>> list(Caller caller, Filter filter, String cursor, int limit) {
        DataScope.ListScope scope = dataScope.listScope(caller);
        String after = PageCursor.decode(cursor, Uscc::isWellFormed);
        EnterpriseRepository.Filter query = new EnterpriseRepository.Filter(scope.divisionPrefix(),
                // an enterprise reporter lists just their own enterprise; a caller with no scope, nothing
                scope.nothing() ? "" : scope.onlyUscc(),
                filter.divisionPrefix(), filter.park(), filter.industryCode(),
                filter.status() == null ? null : filter.status().value(), filter.keyMonitored(), filter.nameContains());
        return enterprises.list(query, after == null ? "" : after, limit + 1)
                .map(rows -> Page.of(rows, limit, e -> e.uscc));
    }

    @WithTransaction
    public Uni<Enterprise> update(Caller caller, String uscc, String ifMatch, EnterpriseDetails details, String reason) {
        EntityTags.requireVersion(ifMatch);
        return scoped.lockedWritable(caller, uscc).chain(e -> {
            EntityTags.checkCurrent(ifMatch, e.version);
            scoped.requireWritableDivision(caller, details.divisionCode(), "details.divisionCode");
            EnterpriseState before = EnterpriseState.of(e);
            details.applyTo(e);
            e.stampUpdated(caller.actor(), clock.now());
            return recordVersion(caller, e, "updated", reason, before);
        });
    }

    @WithTransaction
    public Uni<Enterprise> changeStatus(Caller caller, String uscc, String ifMatch, EnterpriseStatus next, String reason) {
        EntityTags.requireVersion(ifMatch);
        return scoped.lockedWritable(caller, uscc).chain(e -> {
            EntityTags.checkCurrent(ifMatch, e.version);
            EnterpriseStatus current = e.status();
            if (!current.canBecome(next)) {
                throw ProblemException.field(RegistryProblem.INVALID_STATUS_TRANSITION, "status",
                        "an enterprise that is " + current.value() + " cannot become " + next.value());
            }
            EnterpriseState before = EnterpriseState.of(e);
            Instant now = clock.now();
            e.status = next.value();
            e.statusReason = reason.strip();
            e.statusChangedAt = now;
            e.stampUpdated(caller.actor(), now);
            return recordVersion(caller, e, "status-changed", e.statusReason, before);
        });
    }

    @WithSession
    public Uni<Page<EnterpriseHistoryEntry>> versions(Caller caller, String uscc, String cursor, int limit) {
        String afterKey = PageCursor.decode(cursor, key -> key.matches("[0-9]{1,18}"));
        long after = afterKey == null ? 0 : Long.parseLong(afterKey);
        return scoped.readable(caller, uscc)
                .chain(e -> enterprises.versions(uscc, after, limit + 1))
                .map(rows -> Page.of(rows, limit, v -> Long.toString(v.id.version)).map(EnterpriseService::entry));
    }

    /**
     * A USCC that is registered already: said to be taken, and no more than a read of it would tell the caller
     * (api-specs/registry.yaml, createEnterprise). Who may read the record is told it exists; anyone else only that
     * this code cannot be registered by them, which any refusal would tell, and nothing of the record.
     */
    private ProblemException taken(Caller caller, Enterprise existing) {
        if (dataScope.canSee(caller, existing.divisionCode, existing.uscc)) {
            return ProblemException.field(RegistryProblem.ENTERPRISE_EXISTS, "uscc",
                    "enterprise " + existing.uscc + " is already registered");
        }
        return ProblemException.field(RegistryProblem.USCC_UNAVAILABLE, "uscc", existing.uscc
                + " cannot be registered by you; a platform-admin can find out why and resolve it");
    }

    /**
     * A USCC with a wrong check character is refused, except when a platform-admin registers one of the early
     * codes in circulation with an explicit override; answers the override's reason (null: none).
     */
    static String checkCharacterRule(Caller caller, String uscc, String overrideReason) {
        boolean valid = Uscc.hasValidCheckCharacter(uscc);
        if (overrideReason == null) {
            if (!valid) {
                throw ProblemException.field(RegistryProblem.INVALID_USCC_CHECK_CHARACTER, "uscc",
                        "the check character should be " + Uscc.checkCharacter(uscc.substring(0, 17)) + ", not " + uscc.charAt(17));
            }
            return null;
        }
        if (valid) {
            throw ProblemException.field(ProblemType.VALIDATION_FAILED, "checkCharacterOverride",
                    "the check character of " + uscc + " is right; no override is needed");
        }
        if (!caller.isPlatformAdmin()) {
            throw ProblemException.field(ProblemType.FORBIDDEN, "checkCharacterOverride",
                    "only a platform-admin may register a USCC whose check character is wrong");
        }
        return overrideReason.strip();
    }

    private Uni<Enterprise> recordVersion(Caller caller, Enterprise e, String action, String reason, EnterpriseState before) {
        EnterpriseState after = EnterpriseState.of(e);
        EnterpriseVersion v = EnterpriseVersion.of(e, action, reason, EnterpriseSnapshots.write(after));
        String auditAction = switch (action) {
            case "created" -> e.usccCheckOverridden ? "enterprise-registered-with-check-override" : "enterprise-registered";
            case "status-changed" -> "enterprise-status-changed";
            default -> "enterprise-updated";
        };
        return v.persist()
                .chain(() -> audit.append(caller, new AuditLog.Change(auditAction, "enterprise", e.uscc, before, after, reason)))
                .call(() -> events.enterprise(action, after, reason, before == null ? null : before.status()))
                .replaceWith(e);
    }

    private static EnterpriseHistoryEntry entry(EnterpriseVersion v) {
        return new EnterpriseHistoryEntry(v.id.version, v.action, v.changedAt, v.changedBy, v.reason,
                EnterpriseSnapshots.read(v.snapshot));
    }
}
