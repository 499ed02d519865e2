package org.ecogov.runtime.audit;

import java.util.List;

import io.smallrye.mutiny.Uni;

/**
 * The few SQL calls {@link AuditLog} makes, run by whatever persistence a service uses, inside the caller's
 * transaction. {@link AuditLog} holds the statements and the chain logic; an implementation only executes them:
 * {@link PanacheSessionSql} for Hibernate Reactive with Panache (the current session), {@link SqlConnectionSql}
 * for the Vert.x reactive SQL client (a connection in a transaction). Parameters are written {@code $1, $2, ...}
 * (PostgreSQL's own notation); a value may be null.
 */
public interface AuditSql {

    /** Runs a query and answers its rows, each as its column values in select order. */
    Uni<List<Object[]>> select(String sql, List<Object> parameters);

    /** Runs a statement that returns no rows. */
    Uni<Void> execute(String sql, List<Object> parameters);
}
