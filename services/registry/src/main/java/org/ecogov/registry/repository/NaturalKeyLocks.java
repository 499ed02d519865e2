package org.ecogov.registry.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Locks on a natural key that does not exist yet, held until the transaction ends (PostgreSQL transaction-level
 * advisory locks): two registrations of one USCC, or two recordings of one permit number, are taken one at a time,
 * so the second reads the first's committed row and is answered as a duplicate, never as a failed insert. The
 * primary key still guards the table. Keys are (namespace, hashtext(key)): the two-key space, apart from the audit
 * chain's one-key lock; two keys with the same hash merely wait for each other.
 */
@ApplicationScoped
public class NaturalKeyLocks {

    /** "ENTR" */
    static final int ENTERPRISE = 0x454E5452;
    /** "PERM" */
    static final int PERMIT = 0x5045524D;

    public Uni<Void> enterprise(String uscc) {
        return lock(ENTERPRISE, uscc);
    }

    public Uni<Void> permit(String number) {
        return lock(PERMIT, number);
    }

    private static Uni<Void> lock(int namespace, String key) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select cast(pg_advisory_xact_lock(?1, hashtext(?2)) as text)", String.class)
                .setParameter(1, namespace).setParameter(2, key).getSingleResult())
                .replaceWithVoid();
    }
}
