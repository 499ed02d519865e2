package org.ecogov.enforcement.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.ecogov.enforcement.domain.Decision;
import org.ecogov.enforcement.domain.EnforcementCase;

/** The queries of cases and their decisions. */
@ApplicationScoped
public class CaseRepository {

    /** Where the previous page ended: the last case's creation time and id (newest first). */
    public record Position(Instant createdAt, UUID id) {
    }

    public Uni<EnforcementCase> find(UUID id) {
        return EnforcementCase.findById(id);
    }

    public Uni<EnforcementCase> lock(UUID id) {
        return EnforcementCase.findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Up to {@code count} cases after {@code after}, newest first, within the division prefix ("" everywhere). */
    public Uni<List<EnforcementCase>> list(String scopePrefix, String enterpriseUscc, String status, Position after,
            int count) {
        StringBuilder where = new StringBuilder("divisionCode like :scope");
        Parameters params = Parameters.with("scope", scopePrefix + "%");
        if (after != null) {
            where.append(" and (createdAt < :at or (createdAt = :at and id < :id))");
            params.and("at", after.createdAt()).and("id", after.id());
        }
        if (enterpriseUscc != null) {
            where.append(" and enterpriseUscc = :uscc");
            params.and("uscc", enterpriseUscc);
        }
        if (status != null) {
            where.append(" and status = :status");
            params.and("status", status);
        }
        return EnforcementCase.<EnforcementCase>find(where.toString(), Sort.descending("createdAt", "id"), params)
                .range(0, count - 1).list();
    }

    /**
     * Up to {@code count} decisions after {@code after}, newest first, of the cases within the division prefix ("":
     * everywhere); {@code servedOnly}: only those served (issued, executed, or closed after issue).
     */
    public Uni<List<Decision>> decisions(String scopePrefix, String enterpriseUscc, String status, boolean servedOnly,
            Position after, int count) {
        StringBuilder cases = new StringBuilder("select c.id from EnforcementCase c where c.divisionCode like :scope");
        Parameters params = Parameters.with("scope", scopePrefix + "%");
        if (enterpriseUscc != null) {
            cases.append(" and c.enterpriseUscc = :uscc");
            params.and("uscc", enterpriseUscc);
        }
        StringBuilder where = new StringBuilder("caseId in (" + cases + ")");
        if (servedOnly) {
            where.append(" and servedOn is not null");
        }
        if (status != null) {
            where.append(" and status = :status");
            params.and("status", status);
        }
        if (after != null) {
            where.append(" and (createdAt < :at or (createdAt = :at and id < :id))");
            params.and("at", after.createdAt()).and("id", after.id());
        }
        return Decision.<Decision>find(where.toString(), Sort.descending("createdAt", "id"), params)
                .range(0, count - 1).list();
    }

    /** The case's decisions, oldest first. */
    public Uni<List<Decision>> decisionsOf(UUID caseId) {
        return Decision.<Decision>find("caseId", Sort.by("createdAt").and("id"), caseId).list();
    }

    public Uni<Decision> decision(UUID id) {
        return Decision.findById(id);
    }

    public Uni<Decision> lockDecision(UUID id) {
        return Decision.findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Where the previous page of disclosed decisions ended: the last one's day of service and id. */
    public record Disclosed(java.time.LocalDate servedOn, UUID id) {
    }

    /** Up to {@code count} issued or executed decisions after {@code after}, newest service first. */
    public Uni<List<Decision>> disclosed(String enterpriseUscc, Disclosed after, int count) {
        StringBuilder where = new StringBuilder("status in ('issued', 'executed')");
        Parameters params = new Parameters();
        if (after != null) {
            where.append(" and (servedOn < :on or (servedOn = :on and id < :id))");
            params.and("on", after.servedOn()).and("id", after.id());
        }
        if (enterpriseUscc != null) {
            where.append(" and caseId in (select c.id from EnforcementCase c where c.enterpriseUscc = :uscc)");
            params.and("uscc", enterpriseUscc);
        }
        return Decision.<Decision>find(where.toString(), Sort.descending("servedOn", "id"), params)
                .range(0, count - 1).list();
    }

    /** The latest daily continuing penalty counted for a rectification order (by its last day), or null. */
    public Uni<Decision> lastPenaltyOf(UUID rectificationOrderId) {
        return Decision.<Decision>find("rectificationOrderId = ?1 and status <> 'closed'",
                Sort.descending("penaltyTo"), rectificationOrderId).firstResult();
    }

    /** The cases (ids, oldest first) a violation of which names this evidence file among its evidence. */
    public Uni<List<String>> citingEvidence(UUID evidenceId) {
        return io.quarkus.hibernate.reactive.panache.Panache.getSession().chain(session -> session
                .createNativeQuery("select cast(c.id as text) from enforcement_case c where exists (select 1 from"
                        + " jsonb_array_elements(cast(c.violations as jsonb)) v where v -> 'evidence' @>"
                        + " jsonb_build_array(cast(:ref as text))) order by c.created_at, c.id", String.class)
                .setParameter("ref", evidenceId.toString())
                .getResultList());
    }
}
