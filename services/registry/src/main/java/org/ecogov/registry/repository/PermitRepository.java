package org.ecogov.registry.repository;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.ecogov.registry.domain.Outlet;
import org.ecogov.registry.domain.Permit;

import java.time.LocalDate;
import java.util.List;

/** Permits with their covered outlets fetched in the same query. */
@ApplicationScoped
public class PermitRepository {

    private static final String WITH_OUTLETS = "select distinct p from Permit p left join fetch p.outlets ";

    public Uni<Permit> findOf(String uscc, String number) {
        return Permit.<Permit>find(WITH_OUTLETS + "where p.enterpriseUscc = ?1 and p.number = ?2", uscc, number).firstResult();
    }

    public Uni<List<Permit>> listOf(String uscc) {
        return Permit.<Permit>find(WITH_OUTLETS + "where p.enterpriseUscc = ?1 order by p.validFrom desc, p.number", uscc).list();
    }

    /** Permits covering any of the outlets whose validity shares at least one day with [from, to]. */
    public Uni<List<Permit>> overlapping(List<Outlet> outlets, LocalDate from, LocalDate to) {
        List<Long> ids = outlets.stream().map(o -> o.id).toList();
        return Permit.<Permit>find(WITH_OUTLETS + "where p.validFrom <= ?1 and p.validTo >= ?2 and exists "
                        + "(select 1 from Permit q join q.outlets c where q = p and c.id in ?3)", to, from, ids)
                .list();
    }
}
