package org.ecogov.registry.repository;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.ecogov.registry.domain.Outlet;

import java.util.List;

/** Outlets with their permitted pollutants fetched in the same query. */
@ApplicationScoped
public class OutletRepository {

    private static final String WITH_POLLUTANTS = "select distinct o from Outlet o left join fetch o.pollutants ";

    public Uni<Outlet> findByCode(String uscc, String code) {
        return Outlet.<Outlet>find(WITH_POLLUTANTS + "where o.enterpriseUscc = ?1 and o.code = ?2", uscc, code).firstResult();
    }

    /** The outlet with its row locked until the transaction ends (for If-Match and permit checks). */
    public Uni<Outlet> lockByCode(String uscc, String code) {
        return Outlet.<Outlet>find("enterpriseUscc = ?1 and code = ?2", uscc, code)
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .firstResult()
                .chain(locked -> locked == null ? Uni.createFrom().nullItem() : findByCode(uscc, code));
    }

    public Uni<List<Outlet>> listOf(String uscc) {
        return Outlet.<Outlet>find(WITH_POLLUTANTS + "where o.enterpriseUscc = ?1 order by o.code", uscc).list();
    }
}
