package org.ecogov.runtime.audit;

import java.util.List;
import java.util.regex.Pattern;

import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * {@link AuditSql} on the current Hibernate Reactive session of Panache, so the entry is written in the
 * transaction of the change it records ({@code @WithTransaction} on the service method). Native SQL: the audit
 * table is no entity of the service. A service on Panache produces it as its {@link AuditSql} bean:
 * <pre>{@code @Produces @ApplicationScoped AuditSql auditSql() { return new PanacheSessionSql(); }}</pre>
 * (not declared by the runtime itself: a service on the Vert.x SQL client alone, the gateway, has no Panache
 * session to give).
 */
public class PanacheSessionSql implements AuditSql {

    /** PostgreSQL's {@code $1} as Hibernate's ordinal {@code ?1}. */
    private static final Pattern DOLLAR_PARAMETER = Pattern.compile("\\$(\\d+)");

    @Override
    public Uni<List<Object[]>> select(String sql, List<Object> parameters) {
        return Panache.getSession().chain(session -> {
            Mutiny.SelectionQuery<Object> query = session.createNativeQuery(hibernate(sql), Object.class);
            for (int i = 0; i < parameters.size(); i++) {
                query.setParameter(i + 1, parameters.get(i));
            }
            // a query of one column answers its values as they are, not in arrays
            return query.getResultList().map(rows -> rows.stream()
                    .map(row -> row instanceof Object[] values ? values : new Object[] {row})
                    .toList());
        });
    }

    @Override
    public Uni<Void> execute(String sql, List<Object> parameters) {
        return Panache.getSession().chain(session -> {
            Mutiny.Query<Object> query = session.createNativeQuery(hibernate(sql));
            for (int i = 0; i < parameters.size(); i++) {
                query.setParameter(i + 1, parameters.get(i));
            }
            return query.executeUpdate();
        }).replaceWithVoid();
    }

    private static String hibernate(String sql) {
        return DOLLAR_PARAMETER.matcher(sql).replaceAll("?$1");
    }
}
