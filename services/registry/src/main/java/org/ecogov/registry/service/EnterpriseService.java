package org.ecogov.registry.service;

import org.ecogov.runtime.paging.PageCursor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.ecogov.registry.api.model.EnterpriseCreateDto;
import org.ecogov.registry.api.model.EnterpriseDetailsDto;
import org.ecogov.registry.api.model.EnterpriseDto;
import org.ecogov.registry.api.model.EnterpriseVersionDto;
import org.ecogov.registry.api.model.StatusChangeDto;
import org.ecogov.registry.domain.Enterprise;
import org.ecogov.registry.domain.EnterpriseStatus;
import org.ecogov.registry.domain.EnterpriseVersion;
import org.ecogov.registry.events.RegistryEvents;
import org.ecogov.registry.mapping.EnterpriseMapper;
import org.ecogov.registry.mapping.Times;
import org.ecogov.runtime.concurrency.EntityTags;
import org.ecogov.runtime.identifiers.Uscc;
import org.ecogov.runtime.problem.ProblemException;
import org.ecogov.runtime.problem.ProblemType;
import org.ecogov.runtime.security.Caller;

import java.time.Instant;

/** The rules of the enterprise record: registration, changes under If-Match, status, history. */
@ApplicationScoped
public class EnterpriseService {

    private final AuditLog audit;
    private final ObjectMapper json;
    private final RegistryEvents events;

    public EnterpriseService(AuditLog audit, ObjectMapper json, RegistryEvents events) {
        this.audit = audit;
        this.json = json;
        this.events = events;
    }

    /** Filters of the enterprise list; null means "any". */
    public record Filter(String divisionPrefix, String park, String industryCode, String status,
                         Boolean keyMonitored, String nameContains) {
    }

    @WithTransaction
    public Uni<EnterpriseDto> register(Caller caller, EnterpriseCreateDto body) {
        RegistryScope.requireWrite(caller);
        String uscc = body.getUscc();
        String overrideReason = checkCharacterRule(caller, body);
        RegistryScope.requireWritableDivision(caller, body.getDetails().getDivisionCode(), "details.divisionCode");
        return Enterprise.<Enterprise>findById(uscc).chain(existing -> {
            if (existing != null) {
                throw ProblemException.field(ProblemType.ENTERPRISE_EXISTS, "uscc", "enterprise " + uscc + " is already registered");
            }
            Enterprise e = new Enterprise();
            e.uscc = uscc;
            EnterpriseMapper.apply(body.getDetails(), e);
            e.status = EnterpriseStatus.OPERATING.value();
            e.usccCheckOverridden = overrideReason != null;
            e.stampCreated(caller.actor(), Times.now());
            return e.<Enterprise>persist()
                    .chain(saved -> recordVersion(caller, saved, "created", overrideReason, null));
        });
    }

    @WithSession
    public Uni<EnterpriseDto> get(Caller caller, String uscc) {
        RegistryScope.requireRead(caller);
        return Enterprise.<Enterprise>findById(uscc)
                .map(e -> EnterpriseMapper.toDto(RegistryScope.requireReadable(caller, e, uscc)));
    }

    @WithSession
    public Uni<Page<EnterpriseDto>> list(Caller caller, Filter filter, String cursor, int limit) {
        RegistryScope.requireRead(caller);
        String scope = RegistryScope.listPrefix(caller);
        StringBuilder where = new StringBuilder("uscc > :after");
        Parameters params = Parameters.with("after", afterKey(cursor));
        if (scope == null) {
            // enterprise reporters list just their own enterprise
            where.append(" and uscc = :own");
            params.and("own", caller.uscc() == null ? "" : caller.uscc());
        } else if (!scope.isEmpty()) {
            where.append(" and divisionCode like :scope");
            params.and("scope", scope + "%");
        }
        if (filter.divisionPrefix() != null) {
            where.append(" and divisionCode like :prefix");
            params.and("prefix", filter.divisionPrefix() + "%");
        }
        if (filter.park() != null) {
            where.append(" and park = :park");
            params.and("park", filter.park());
        }
        if (filter.industryCode() != null) {
            where.append(" and industryCode = :industry");
            params.and("industry", filter.industryCode());
        }
        if (filter.status() != null) {
            where.append(" and status = :status");
            params.and("status", filter.status());
        }
        if (filter.keyMonitored() != null) {
            where.append(" and keyMonitored = :keyMonitored");
            params.and("keyMonitored", filter.keyMonitored());
        }
        if (filter.nameContains() != null) {
            // the contract forbids % _ and \ in the filter, so it needs no escaping here
            where.append(" and lower(name) like :name");
            params.and("name", "%" + filter.nameContains().toLowerCase() + "%");
        }
        return Enterprise.<Enterprise>find(where.toString(), Sort.by("uscc"), params)
                .range(0, limit)
                .list()
                .map(rows -> Page.of(rows, limit, e -> e.uscc).map(EnterpriseMapper::toDto));
    }

    @WithTransaction
    public Uni<EnterpriseDto> update(Caller caller, String uscc, String ifMatch, EnterpriseDetailsDto details, String reason) {
        RegistryScope.requireWrite(caller);
        EntityTags.requireVersion(ifMatch);
        return lockWritable(caller, uscc).chain(e -> {
            EntityTags.checkCurrent(ifMatch, e.version);
            RegistryScope.requireWritableDivision(caller, details.getDivisionCode(), "details.divisionCode");
            EnterpriseDto before = EnterpriseMapper.toDto(e);
            EnterpriseMapper.apply(details, e);
            e.stampUpdated(caller.actor(), Times.now());
            return recordVersion(caller, e, "updated", reason, before);
        });
    }

    @WithTransaction
    public Uni<EnterpriseDto> changeStatus(Caller caller, String uscc, String ifMatch, StatusChangeDto change) {
        RegistryScope.requireWrite(caller);
        EntityTags.requireVersion(ifMatch);
        EnterpriseStatus next = EnterpriseStatus.of(change.getStatus().toString());
        return lockWritable(caller, uscc).chain(e -> {
            EntityTags.checkCurrent(ifMatch, e.version);
            EnterpriseStatus current = e.status();
            if (!current.canBecome(next)) {
                throw ProblemException.field(ProblemType.INVALID_STATUS_TRANSITION, "status",
                        "an enterprise that is " + current.value() + " cannot become " + next.value());
            }
            EnterpriseDto before = EnterpriseMapper.toDto(e);
            Instant now = Times.now();
            e.status = next.value();
            e.statusReason = change.getReason().strip();
            e.statusChangedAt = now;
            e.stampUpdated(caller.actor(), now);
            return recordVersion(caller, e, "status-changed", e.statusReason, before);
        });
    }

    @WithSession
    public Uni<Page<EnterpriseVersionDto>> versions(Caller caller, String uscc, String cursor, int limit) {
        RegistryScope.requireHistory(caller);
        String afterKey = PageCursor.decode(cursor, key -> key.matches("[0-9]{1,18}"));
        long after = afterKey == null ? 0 : Long.parseLong(afterKey);
        return Enterprise.<Enterprise>findById(uscc)
                .invoke(e -> RegistryScope.requireReadable(caller, e, uscc))
                .chain(e -> EnterpriseVersion.<EnterpriseVersion>find("id.uscc = ?1 and id.version > ?2",
                                Sort.by("id.version"), uscc, after)
                        .range(0, limit)
                        .list())
                .map(rows -> Page.of(rows, limit, v -> Long.toString(v.id.version)).map(this::toDto));
    }

    /** Loads the enterprise for change, holding its row lock until the transaction ends. */
    private Uni<Enterprise> lockWritable(Caller caller, String uscc) {
        return Enterprise.<Enterprise>findById(uscc, LockModeType.PESSIMISTIC_WRITE)
                .map(e -> RegistryScope.requireWritable(caller, e, uscc));
    }

    /**
     * A USCC with a wrong check character is refused, except when a platform-admin registers one
     * of the early codes in circulation with an explicit override; returns the override's reason.
     */
    private static String checkCharacterRule(Caller caller, EnterpriseCreateDto body) {
        String uscc = body.getUscc();
        boolean valid = Uscc.hasValidCheckCharacter(uscc);
        if (body.getCheckCharacterOverride() == null) {
            if (!valid) {
                throw ProblemException.field(ProblemType.INVALID_USCC_CHECK_CHARACTER, "uscc",
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
        return body.getCheckCharacterOverride().getReason().strip();
    }

    private Uni<EnterpriseDto> recordVersion(Caller caller, Enterprise e, String action, String reason, EnterpriseDto before) {
        EnterpriseDto after = EnterpriseMapper.toDto(e);
        EnterpriseVersion v = new EnterpriseVersion();
        v.id = new EnterpriseVersion.Key(e.uscc, e.version);
        v.action = action;
        v.changedAt = e.updatedAt;
        v.changedBy = e.updatedBy;
        v.reason = reason;
        v.snapshot = write(after);
        String auditAction = switch (action) {
            case "created" -> e.usccCheckOverridden ? "enterprise-registered-with-check-override" : "enterprise-registered";
            case "status-changed" -> "enterprise-status-changed";
            default -> "enterprise-updated";
        };
        return v.persist()
                .chain(() -> audit.record(caller, new AuditLog.Change(auditAction, "enterprise", e.uscc, before, after, reason)))
                .call(() -> events.enterprise(action, e.uscc, after, reason,
                        before == null ? null : before.getStatus().toString(), e.status))
                .replaceWith(after);
    }

    private EnterpriseVersionDto toDto(EnterpriseVersion v) {
        try {
            return new EnterpriseVersionDto()
                    .version(v.id.version)
                    .action(EnterpriseVersionDto.ActionEnum.fromValue(v.action))
                    .changedAt(Times.utc(v.changedAt))
                    .changedBy(v.changedBy)
                    .reason(v.reason)
                    .enterprise(json.readValue(v.snapshot, EnterpriseDto.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable snapshot of " + v.id.uscc + " version " + v.id.version, e);
        }
    }

    private String write(EnterpriseDto dto) {
        try {
            return json.writeValueAsString(dto);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("enterprise not serialisable", e);
        }
    }

    private static String afterKey(String cursor) {
        String key = PageCursor.decode(cursor, Uscc::isWellFormed);
        return key == null ? "" : key;
    }
}
