package org.ecogov.registry.repository;

import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.ecogov.registry.domain.Outlet;
import org.ecogov.registry.domain.Permit;
import org.ecogov.registry.domain.PermitVersion;

import java.time.LocalDate;
import java.util.List;

/** Permits with their covered outlets fetched in the same query, and their history. */
@ApplicationScoped
public class PermitRepository {

    private static final String WITH_OUTLETS = "select distinct p from Permit p left join fetch p.outlets ";

    public Uni<Permit> findOf(String uscc, String number) {
        return Permit.<Permit>find(WITH_OUTLETS + "where p.enterpriseUscc = ?1 and p.number = ?2", uscc, number).firstResult();
    }

    /** The permit with its row locked until the transaction ends (for If-Match checks), its outlets fetched. */
    public Uni<Permit> lockOf(String uscc, String number) {
        return Permit.<Permit>findById(number, LockModeType.PESSIMISTIC_WRITE)
                .chain(locked -> locked == null || !locked.enterpriseUscc.equals(uscc) ? Uni.createFrom().nullItem()
                        : findOf(uscc, number));
    }

    public Uni<List<Permit>> listOf(String uscc) {
        return Permit.<Permit>find(WITH_OUTLETS + "where p.enterpriseUscc = ?1 order by p.validFrom desc, p.number", uscc).list();
    }

    /**
     * Permits other than {@code number} covering any of the outlets, not revoked, whose validity shares at least one
     * day with [from, to]: those in force on a day of it.
     */
    public Uni<List<Permit>> inForceDuring(List<Outlet> outlets, LocalDate from, LocalDate to, String number) {
        List<Long> ids = outlets.stream().map(o -> o.id).toList();
        return Permit.<Permit>find(WITH_OUTLETS + "where p.validFrom <= ?1 and p.validTo >= ?2 and p.status <> ?3"
                        + " and p.number <> ?4 and exists (select 1 from Permit q join q.outlets c where q = p and c.id in ?5)",
                        to, from, Permit.REVOKED, number, ids)
                .list();
    }

    /** Up to {@code count} versions of a permit after version {@code after}, oldest first. */
    public Uni<List<PermitVersion>> versions(String number, long after, int count) {
        return PermitVersion.<PermitVersion>find("id.number = ?1 and id.version > ?2", Sort.by("id.version"), number, after)
                .range(0, count - 1).list();
    }
}
