package org.ecogov.runtime.audit;

import java.util.ArrayList;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * {@link AuditSql} on the Vert.x reactive SQL client: pass the connection of the change's transaction
 * ({@code pool.withTransaction(connection -> ... auditLog.append(new SqlConnectionSql(connection), ...))}), or the
 * pool itself to read.
 */
public class SqlConnectionSql implements AuditSql {

    private final SqlClient client;

    public SqlConnectionSql(SqlClient client) {
        this.client = client;
    }

    @Override
    public Uni<List<Object[]>> select(String sql, List<Object> parameters) {
        return client.preparedQuery(sql).execute(Tuple.from(parameters)).map(rows -> {
            List<Object[]> result = new ArrayList<>(rows.size());
            for (Row row : rows) {
                Object[] values = new Object[row.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = row.getValue(i);
                }
                result.add(values);
            }
            return result;
        });
    }

    @Override
    public Uni<Void> execute(String sql, List<Object> parameters) {
        return client.preparedQuery(sql).execute(Tuple.from(parameters)).replaceWithVoid();
    }
}
