package org.ecogov.enforcement;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ecogov.testing.PostgresTestResource;

/** Direct SQL on the service's test database, behind the service's back. */
public final class Database {

    private static final List<String> TABLES = List.of("enterprise_copy", "inspection", "inspection_inspector",
            "enforcement_case", "decision", "inspection_plan", "evidence_file", "evidence_content", "audit_entry", "event_outbox", "idempotency_record");

    private Database() {
    }

    public static long count(String table) {
        return queryLong("select count(*) from " + table);
    }

    /** Row count of every table a write touches: a write that should not have happened changes one. */
    public static Map<String, Long> rowCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(table, count(table));
        }
        counts.put("inspection versions", queryLong("select coalesce(sum(version), 0) from inspection"));
        counts.put("case versions", queryLong("select coalesce(sum(version), 0) from enforcement_case"));
        counts.put("decision versions", queryLong("select coalesce(sum(version), 0) from decision"));
        counts.put("plan versions", queryLong("select coalesce(sum(version), 0) from inspection_plan"));
        return counts;
    }

    public static long queryLong(String sql) {
        try (Connection c = PostgresTestResource.dataSource().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The first column of the first row, as text (null when the row or the value is missing). */
    public static String queryString(String sql) {
        try (Connection c = PostgresTestResource.dataSource().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public static void execute(String sql, Object... parameters) {
        try (Connection c = PostgresTestResource.dataSource().getConnection();
             var s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            s.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
