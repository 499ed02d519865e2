package org.ecogov.registry.repository;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.ecogov.registry.domain.Enterprise;
import org.ecogov.registry.domain.EnterpriseVersion;

import java.util.List;

/** The queries of enterprises and their history. */
@ApplicationScoped
public class EnterpriseRepository {

    /**
     * Filters of the enterprise list; null means "any". {@code scopePrefix}: the caller's division-code prefix
     * ("" for everywhere); {@code onlyUscc}: the one enterprise the caller may list (an enterprise reporter).
     */
    public record Filter(String scopePrefix, String onlyUscc, String divisionPrefix, String park, String industryCode,
                         String status, Boolean keyMonitored, String nameContains) {
    }

    public Uni<Enterprise> find(String uscc) {
        return Enterprise.findById(uscc);
    }

    /** The enterprise with its row locked until the transaction ends (for If-Match checks). */
    public Uni<Enterprise> lock(String uscc) {
        return Enterprise.findById(uscc, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Up to {@code count} enterprises after the USCC {@code after}, in USCC order. */
    public Uni<List<Enterprise>> list(Filter filter, String after, int count) {
        StringBuilder where = new StringBuilder("uscc > :after");
        Parameters params = Parameters.with("after", after);
        if (filter.onlyUscc() != null) {
            where.append(" and uscc = :own");
            params.and("own", filter.onlyUscc());
        }
        if (filter.scopePrefix() != null && !filter.scopePrefix().isEmpty()) {
            where.append(" and divisionCode like :scope");
            params.and("scope", filter.scopePrefix() + "%");
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
        return Enterprise.<Enterprise>find(where.toString(), Sort.by("uscc"), params).range(0, count - 1).list();
    }

    /** Up to {@code count} versions of an enterprise after version {@code after}, oldest first. */
    public Uni<List<EnterpriseVersion>> versions(String uscc, long after, int count) {
        return EnterpriseVersion.<EnterpriseVersion>find("id.uscc = ?1 and id.version > ?2", Sort.by("id.version"),
                uscc, after).range(0, count - 1).list();
    }
}
